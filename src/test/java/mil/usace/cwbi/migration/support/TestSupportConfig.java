package mil.usace.cwbi.migration.support;

import mil.usace.cwbi.migration.demo.mail.DemoInbox;
import mil.usace.cwbi.migration.demo.mail.GreenMailInbox;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Beans only the tests have. Keep it one class so every test shares the same context. */
@TestConfiguration(proxyBeanMethods = false)
@Import(DemoPartsForTests.class)
public class TestSupportConfig {

  /** Points the application at the servers the tests start (random free ports). */
  @Bean
  static DynamicPropertyRegistrar testServerProperties() {
    return TestServers::register;
  }

  /** Lets a test decide a gate's verdict; without a decision the real (CDA) verifier answers. */
  @Bean
  @Primary
  ScriptedGateVerifier scriptedGateVerifier(ApplicationContext context) {
    return new ScriptedGateVerifier(context);
  }

  /** The demo mail viewer (/demo/mail) reads the tests' SMTP server (the demo's own server is demo-only). */
  @Bean
  DemoInbox testSmtpInbox() {
    return new GreenMailInbox(TestServers::smtp);
  }
}
