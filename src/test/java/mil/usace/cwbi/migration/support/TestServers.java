package mil.usace.cwbi.migration.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The servers the shared test context talks to, started once per JVM on random free ports.
 * Each capability adds its server here (CDA stand-in, SMTP) and registers the properties that point at it.
 */
public final class TestServers {

  private TestServers() {}

  static void register(DynamicPropertyRegistry registry) {
    // capabilities register their servers' properties here
  }
}
