package mil.usace.cwbi.migration.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import mil.usace.cwbi.migration.CwbiMigrationApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/**
 * The production profile refuses to start without a real administrator password, says why, and never prints the
 * value. The real application is started in-process; the check fails it before any bean (the engine) exists,
 * so it does not clash with the shared test context's engine.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionProfileTest {

  static SpringApplicationBuilder prod(String... profiles) {
    return new SpringApplicationBuilder(CwbiMigrationApplication.class).profiles(profiles).registerShutdownHook(false);
  }

  @Test
  void withoutAnAdminPasswordProdDoesNotStartAndSaysWhy() {
    assertThatThrownBy(() -> prod("prod").run("--cwbi.security.admin-password=", "--server.port=0"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Refusing to start the production profile")
        .hasMessageContaining("CWBI_ADMIN_PASSWORD");
  }

  /** The real thing: a JVM started like the deployment (prod, no CWBI_ADMIN_PASSWORD) exits 1 and says why. */
  @Test
  void theApplicationProcessExitsWithTheReason() throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", classpath, CwbiMigrationApplication.class.getName())
        .redirectErrorStream(true);
    pb.environment().remove(ProductionSecretsCheck.PASSWORD_ENV);
    pb.environment().put("SPRING_PROFILES_ACTIVE", "prod");
    pb.environment().put("CWBI_DATA_DIR", Files.createTempDirectory("cwbi-prod-check").toString());
    pb.environment().put("PORT", "0");
    Process process = pb.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isEqualTo(1);
    assertThat(output).contains("Refusing to start the production profile: no administrator password")
        .contains("CWBI_ADMIN_PASSWORD")
        .doesNotContain("Started CwbiMigrationApplication")
        .doesNotContain("ENGINE-"); // refused before the engine (or anything else) started
  }

  @Test
  void aKnownDefaultPasswordIsRefusedAndNotPrinted(CapturedOutput output) {
    for (String known : new String[] {"changeme", "Camunda", "demo", "Passw0rd", "letmein"}) {
      assertThatThrownBy(() -> prod("prod").run("--cwbi.security.admin-password=" + known, "--server.port=0"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("known default")
          .message().doesNotContain(known);
    }
    assertThatThrownBy(() -> prod("prod").run("--cwbi.security.admin-password=Sh0rt!x", "--server.port=0"))
        .hasMessageContaining("too short").message().doesNotContain("Sh0rt!x");
    assertThat(output.getAll()).doesNotContain("changeme").doesNotContain("Sh0rt!x");
  }

  @Test
  void prodRefusesToRunWithTheDemoProfile() {
    assertThatThrownBy(() -> prod("prod", "demo").run("--cwbi.security.admin-password=A-long-real-s3cret",
        "--server.port=0"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("demo profile");
  }

  @Test
  void aRealSecretPassesTheCheck() {
    MockEnvironment env = new MockEnvironment().withProperty("cwbi.security.admin-password", "A-long-real-s3cret");
    env.setActiveProfiles("prod");
    assertThat(ProductionSecretsCheck.problem(env)).isNull();
    new ProductionSecretsCheck().postProcessEnvironment(env, null);
    env.setProperty("cwbi.ldap.enabled", "true");
    env.setProperty("cwbi.ldap.manager-dn", "cn=camunda,dc=usace,dc=mil");
    assertThat(ProductionSecretsCheck.problem(env)).contains("CWBI_LDAP_MANAGER_PASSWORD");
    env.setProperty("cwbi.ldap.manager-password", "from-the-environment");
    assertThat(ProductionSecretsCheck.problem(env)).isNull();
    // and the same check is what refused the cases above
    env.setProperty("cwbi.security.admin-password", " ");
    assertThat(ProductionSecretsCheck.problem(env)).contains("no administrator password");
  }
}
