package mil.usace.cwbi.migration.support;

import mil.usace.cwbi.migration.CwbiMigrationApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of every test that needs the application. All of them share ONE Spring context (same classes,
 * same profile, no per-class @MockitoBean), so the engine, its H2 file and the test servers start once per run.
 * Servers the context needs (CDA stand-in, SMTP) are started statically in {@link TestServers}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    classes = {CwbiMigrationApplication.class, TestSupportConfig.class})
@ActiveProfiles("test")
public abstract class IntegrationTest {

  @LocalServerPort
  protected int port;

  protected String baseUrl() {
    return "http://localhost:" + port;
  }
}
