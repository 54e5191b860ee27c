package mil.usace.cwbi.migration.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Demo profile with {@code server.port=0} ({@code SERVER_PORT=0}: "any free port"): picks the free port before
 * anything reads {@code server.port}. The demo calls itself on that port (its CDA simulator as every CWBI
 * environment, the Tasklist links in its mails: {@code application-demo.yaml}), and port 0 would send those calls
 * nowhere. Other profiles keep Spring Boot's own handling of port 0.
 */
public class DemoServerPort implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.acceptsProfiles(Profiles.of("demo"))) {
      return;
    }
    Integer port = environment.getProperty("server.port", Integer.class);
    if (port == null || port != 0) {
      return;
    }
    environment.getPropertySources().addFirst(new MapPropertySource("cwbi-demo-server-port",
        Map.of("server.port", freePort())));
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port for the demo's web server", e);
    }
  }
}
