package mil.usace.cwbi.migration.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code SERVER_PORT=0} in the demo: a free port is chosen before anything reads {@code server.port}, so the demo's
 * calls to itself (CDA simulator, Tasklist links) use the port it listens on. Other profiles and ports are left alone.
 */
class DemoServerPortTest {

  static StandardEnvironment environment(String port, String... profiles) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("server.port", port,
        "cwbi.cda.environments.cwbi-dev.base-url", "http://localhost:${server.port}/cda-sim/cwbi-dev/")));
    env.setActiveProfiles(profiles);
    return env;
  }

  @Test
  void portZeroInTheDemoBecomesAFreePort() throws Exception {
    StandardEnvironment env = environment("0", "demo");
    new DemoServerPort().postProcessEnvironment(env, new SpringApplication());
    int port = env.getProperty("server.port", Integer.class);
    assertThat(port).isPositive();
    assertThat(env.getProperty("cwbi.cda.environments.cwbi-dev.base-url"))
        .isEqualTo("http://localhost:" + port + "/cda-sim/cwbi-dev/");
    try (ServerSocket s = new ServerSocket(port)) {
      assertThat(s.getLocalPort()).as("still free").isEqualTo(port);
    }
  }

  @Test
  void theDefaultProfileCountsAsTheDemo() {
    StandardEnvironment env = environment("0");
    env.setDefaultProfiles("demo");
    new DemoServerPort().postProcessEnvironment(env, new SpringApplication());
    assertThat(env.getProperty("server.port", Integer.class)).isPositive();
  }

  @Test
  void otherProfilesAndPortsAreLeftAlone() {
    StandardEnvironment prod = environment("0", "prod");
    new DemoServerPort().postProcessEnvironment(prod, new SpringApplication());
    assertThat(prod.getProperty("server.port")).isEqualTo("0");
    StandardEnvironment fixed = environment("18080", "demo");
    new DemoServerPort().postProcessEnvironment(fixed, new SpringApplication());
    assertThat(fixed.getProperty("server.port")).isEqualTo("18080");
  }
}
