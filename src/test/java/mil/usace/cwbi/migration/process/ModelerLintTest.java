package mil.usace.cwbi.migration.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Camunda Modeler's linter on every model we ship: bpmnlint's recommended rules plus bpmnlint-plugin-camunda-compat
 * for Camunda 7.24 (the rules Modeler applies to a "Camunda Platform 7.24" diagram), 0 errors and 0 warnings. The
 * linter's versions are pinned in {@code src/test/lint/package-lock.json}; {@code npm ci} installs them under
 * {@code target/lint} (needs Node.js 20+ and npm, and the npm registry or npm's cache).
 */
class ModelerLintTest {

  static final Path LINT = Path.of("target", "lint").toAbsolutePath();

  @BeforeAll
  static void installTheLinter() throws Exception {
    Files.createDirectories(LINT);
    for (String f : List.of("package.json", "package-lock.json", ".bpmnlintrc")) {
      Files.copy(Path.of("src", "test", "lint", f), LINT.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
    Result ci = run(300, "npm", "ci", "--no-audit", "--no-fund");
    assertThat(ci.exit).as("npm ci in %s (node %s):%n%s", LINT, run(30, "node", "--version").output, ci.output)
        .isZero();
  }

  static Stream<Path> models() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      List<Path> bpmn = files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
      assertThat(bpmn).extracting(p -> p.getFileName().toString())
          .contains("cwbi-migration.bpmn", "send-notification.bpmn", "task-reminders.bpmn");
      return bpmn.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void modelerReportsNothing(Path model) throws Exception {
    Result lint = lint(model.toAbsolutePath());
    // bpmnlint prints nothing for a clean model, else one line per problem and "✖ n problems (e errors, w warnings)"
    assertThat(lint.output).as("bpmnlint %s", model).doesNotContain("problem").doesNotContain("error")
        .doesNotContain("warning");
    assertThat(lint.exit).as("bpmnlint %s exit code:%n%s", model, lint.output).isZero();
  }

  /** The same run finds problems when there are: an inclusive gateway back in (a warning), a condition gone. */
  @Test
  void theLintFailsOnADeliberatelyBrokenCopy() throws Exception {
    String good = Files.readString(Path.of("bpmn", "cwbi-migration.bpmn"), StandardCharsets.UTF_8);
    String bad = closeInclusive(good.replace("<bpmn:parallelGateway id=\"split_step_2\"",
        "<bpmn:inclusiveGateway id=\"split_step_2\""), "split_step_2");
    String condition = "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">${!usesUsgsData}"
        + "</bpmn:conditionExpression>";
    assertThat(bad).contains(condition);
    bad = bad.replaceFirst(java.util.regex.Pattern.quote(condition), "");
    assertThat(bad).isNotEqualTo(good).contains("<bpmn:inclusiveGateway id=\"split_step_2\"");
    Path copy = LINT.resolve("broken").resolve("cwbi-migration.bpmn");
    Files.createDirectories(copy.getParent());
    Files.writeString(copy, bad, StandardCharsets.UTF_8);

    Result lint = lint(copy);
    assertThat(lint.exit).as(lint.output).isNotZero();
    assertThat(lint.output).contains("split_step_2").contains("no-inclusive-gateway").contains("conditional-flows")
        .contains("problem");
  }

  /** Renames the closing tag of the gateway just opened as inclusive, so the copy stays well-formed XML. */
  static String closeInclusive(String xml, String id) {
    int open = xml.indexOf("<bpmn:inclusiveGateway id=\"" + id + "\"");
    int close = xml.indexOf("</bpmn:parallelGateway>", open);
    return xml.substring(0, close) + "</bpmn:inclusiveGateway>"
        + xml.substring(close + "</bpmn:parallelGateway>".length());
  }

  static Result lint(Path model) throws Exception {
    return run(120, "npx", "--no-install", "bpmnlint", "--max-warnings=0", model.toString());
  }

  record Result(int exit, String output) {}

  static Result run(int timeoutSeconds, String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(command));
    ProcessBuilder builder = new ProcessBuilder(cmd).directory(LINT.toFile()).redirectErrorStream(true);
    // no "new npm version" notices in the output
    builder.environment().put("NO_UPDATE_NOTIFIER", "1");
    builder.environment().put("npm_config_update_notifier", "false");
    Process p = builder.start();
    // read while it runs, so a full pipe never stalls it
    var out = new java.io.ByteArrayOutputStream();
    Thread reader = new Thread(() -> {
      try {
        p.getInputStream().transferTo(out);
      } catch (IOException ignored) {
        // the process ended
      }
    });
    reader.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s");
    }
    reader.join(5000);
    return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
  }
}
