package mil.usace.cwbi.migration.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The servers the shared test context talks to, started once per JVM on random free ports.
 * Each capability adds its server here (CDA stand-in, SMTP) and registers the properties that point at it.
 */
public final class TestServers {

  /** CDA stand-in for every environment, one path each: /t7/, /dev/, /test/, /prod/ (see cda.CdaStubs). */
  private static final WireMockServer CDA = startCda();

  /**
   * A district's T7 CDA on a host of its own ({@code localhost:<port>}, an allowed T7 host), with a request journal:
   * tests of who receives which request and header. The same server as {@code 127.0.0.1:<port>} is a host that is
   * not allowed.
   */
  private static final WireMockServer T7 = startT7();

  /** The SMTP server every notification goes to (GreenMail, loopback, a random free port). */
  private static volatile GreenMail smtp = startSmtp(0);
  private static final int SMTP_PORT = smtp.getSmtp().getPort();

  private TestServers() {}

  private static GreenMail startSmtp(int port) {
    if (port == 0) {
      try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  /** The test SMTP server (a new instance after {@link #restartSmtp()}). */
  public static GreenMail smtp() {
    return smtp;
  }

  /** "SMTP down": nothing listens on the port until {@link #restartSmtp()}. */
  public static synchronized void stopSmtp() {
    smtp.stop();
  }

  /** SMTP back, on the same port, with an empty inbox. */
  public static synchronized void restartSmtp() {
    smtp.stop();
    smtp = startSmtp(SMTP_PORT);
  }

  private static WireMockServer startCda() {
    WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
        .containerThreads(8).disableRequestJournal());
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    return server;
  }

  private static WireMockServer startT7() {
    WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(8));
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    return server;
  }

  /** The district T7 stand-in (journal on); reset its stubs and requests after use. */
  public static WireMockServer t7() {
    return T7;
  }

  /** The API key the CWBI environments get in tests; no other host may ever see it. */
  public static final String CWBI_API_KEY = "test-cwbi-api-key-5d1f";

  /** The shared CDA stand-in; tests add (and remove) stubs under their own path. */
  public static WireMockServer cda() {
    return CDA;
  }

  /** Base URL of one environment on the CDA stand-in, e.g. {@code cdaUrl("t7")}. */
  public static String cdaUrl(String path) {
    return "http://localhost:" + CDA.port() + "/" + path + "/";
  }

  static void register(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
    registry.add("spring.mail.properties.mail.smtp.timeout", () -> "5000");
    // capabilities register their servers' properties here
    registry.add("cwbi.cda.environments.cwbi-dev.base-url", () -> cdaUrl("dev"));
    registry.add("cwbi.cda.environments.cwbi-test.base-url", () -> cdaUrl("test"));
    registry.add("cwbi.cda.environments.cwbi-prod.base-url", () -> cdaUrl("prod"));
    // T7 on the CDA stand-in (localhost:<port> only; 127.0.0.1 is a "foreign" host) or on USACE hosts, over http
    registry.add("cwbi.cda.t7.allowed-hosts[0]", () -> ".usace.army.mil");
    registry.add("cwbi.cda.t7.allowed-hosts[1]", () -> "localhost:" + CDA.port());
    registry.add("cwbi.cda.t7.allowed-hosts[2]", () -> "localhost:" + T7.port());
    registry.add("cwbi.cda.api-key", () -> CWBI_API_KEY);
    registry.add("cwbi.cda.t7.require-https", () -> "false");
    registry.add("cwbi.cda.read-timeout", () -> "PT5S");
  }
}
