package mil.usace.cwbi.migration.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The result of verifying one environment, stored on the process instance as JSON in
 * {@code verification_<env>}. It passes only when there is at least one check and every check passed:
 * an empty report fails closed.
 *
 * <p>Written and read only here ({@link #storeOn(VariableScope)}, {@link #toJson()}, {@link #read(Object)},
 * {@link #fromJson(String)}): the gates read the verdict stored beside it, the fix task, the mails, the dashboard
 * and the audit trail read the typed report, never the JSON by hand.
 */
public record VerificationReport(Environment environment, String office, Instant time, List<CheckResult> checks) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  public VerificationReport {
    checks = checks == null ? List.of() : List.copyOf(checks);
  }

  public boolean passed() {
    return !checks.isEmpty() && checks.stream().allMatch(CheckResult::passed);
  }

  public List<CheckResult> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /**
   * Stores the report on the process: the JSON in {@code verification_<env>} and the verdict in
   * {@code verification_<env>_passed}, the Boolean the gates' conditions read.
   */
  public void storeOn(VariableScope scope) {
    if (environment == null) {
      throw new IllegalStateException("a report without an environment cannot be stored");
    }
    scope.setVariable(environment.resultVariable(), toJson());
    scope.setVariable(environment.passedVariable(), passed());
  }

  /** In the called check ({@code verify-environment}): its report, which the fix task shows. */
  public static final String CHECK_REPORT = Environment.VARIABLE_PREFIX + "report";
  /** In the called check: its verdict, which its gateway reads. */
  public static final String CHECK_PASSED = Environment.VARIABLE_PREFIX + "passed";

  /**
   * Stores the report in the called check's own instance ({@link #CHECK_REPORT}, {@link #CHECK_PASSED}): one
   * drawing of the check serves every environment, so its gateway and fix task read names without the environment.
   */
  public void storeOnCheck(VariableScope scope) {
    scope.setVariableLocal(CHECK_REPORT, toJson());
    scope.setVariableLocal(CHECK_PASSED, passed());
  }

  /** A report that could not be read: failed, with one line saying why (fail closed). */
  public static VerificationReport unreadable(String why) {
    return new VerificationReport(null, null, null,
        List.of(CheckResult.fail("report", "the stored check report could not be read (" + why + ")")));
  }

  /**
   * A report as a variable holds it (a String, or any value whose text is the JSON, e.g. from history); null for
   * none.
   */
  public static VerificationReport read(Object storedValue) {
    return storedValue == null ? null : fromJson(storedValue.toString());
  }

  /** The stored shape: environment (its label), office, time, passed, and one line per check. */
  public String toJson() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("environment", environment == null ? null : environment.label());
    doc.put("office", office);
    doc.put("time", time);
    doc.put("passed", passed());
    List<Map<String, Object>> lines = checks.stream().map(c -> {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("check", c.check());
      line.put("passed", c.passed());
      line.put("evidence", c.evidence());
      return line;
    }).toList();
    doc.put("checks", lines);
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write verification report", e);
    }
  }

  /**
   * A stored report read back. A report that cannot be read is a failed report with one line saying so (fail
   * closed: an unreadable report never reads as passed); null or blank text is null.
   */
  public static VerificationReport fromJson(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      JsonNode doc = JSON.readTree(text);
      List<CheckResult> lines = new ArrayList<>();
      for (JsonNode line : doc.path("checks")) {
        lines.add(new CheckResult(line.path("check").asText("check"), line.path("passed").asBoolean(false),
            line.path("evidence").asText("")));
      }
      Instant time = doc.hasNonNull("time") ? Instant.parse(doc.get("time").asText()) : null;
      return new VerificationReport(Environment.ofLabel(doc.path("environment").asText(null)),
          doc.path("office").asText(null), time, lines);
    } catch (Exception e) {
      return unreadable(e.getMessage());
    }
  }
}
