package mil.usace.cwbi.migration.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.context.annotation.Bean;

/** Beans only the tests have. Keep it one class so every test shares the same context. */
@TestConfiguration(proxyBeanMethods = false)
public class TestSupportConfig {

  /** Points the application at the servers the tests start (random free ports). */
  @Bean
  static DynamicPropertyRegistrar testServerProperties() {
    return TestServers::register;
  }
}
