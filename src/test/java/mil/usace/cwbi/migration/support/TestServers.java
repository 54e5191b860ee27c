package mil.usace.cwbi.migration.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The servers the shared test context talks to, started once per JVM on random free ports.
 * Each capability adds its server here (CDA stand-in, SMTP) and registers the properties that point at it.
 */
public final class TestServers {

  /** CDA stand-in for every environment, one path each: /t7/, /dev/, /test/, /prod/ (see cda.CdaStubs). */
  private static final WireMockServer CDA = startCda();

  private TestServers() {}

  private static WireMockServer startCda() {
    WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
        .containerThreads(8).disableRequestJournal());
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    return server;
  }

  /** The shared CDA stand-in; tests add (and remove) stubs under their own path. */
  public static WireMockServer cda() {
    return CDA;
  }

  /** Base URL of one environment on the CDA stand-in, e.g. {@code cdaUrl("t7")}. */
  public static String cdaUrl(String path) {
    return "http://localhost:" + CDA.port() + "/" + path + "/";
  }

  static void register(DynamicPropertyRegistry registry) {
    // capabilities register their servers' properties here
    registry.add("cwbi.cda.environments.cwbi-dev.base-url", () -> cdaUrl("dev"));
    registry.add("cwbi.cda.environments.cwbi-test.base-url", () -> cdaUrl("test"));
    registry.add("cwbi.cda.environments.cwbi-prod.base-url", () -> cdaUrl("prod"));
    registry.add("cwbi.cda.retries", () -> "1");
    registry.add("cwbi.cda.retry-backoff", () -> "PT0.05S");
    registry.add("cwbi.cda.read-timeout", () -> "PT5S");
  }
}
