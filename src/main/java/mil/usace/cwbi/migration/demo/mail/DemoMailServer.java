package mil.usace.cwbi.migration.demo.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.annotation.PreDestroy;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The demo's mail server: an embedded SMTP server (GreenMail) on loopback, so the demo needs no mail server and
 * {@code /demo/mail} can show what was sent. Port {@value #PORT_PROPERTY} (2525; 0 = a free port). When the
 * configured port is taken (another program, a second demo), it takes a free port instead and says so; the
 * application's mail sender is pointed at the port actually bound.
 */
@Component
@Profile("demo")
public class DemoMailServer implements DemoInbox {

  public static final String PORT_PROPERTY = "cwbi.demo.mail.smtp-port";
  static final long STARTUP_TIMEOUT_MS = 15_000;
  private static final Logger LOG = LoggerFactory.getLogger(DemoMailServer.class);

  private final GreenMail greenMail;
  private final int port;
  private final GreenMailInbox inbox;

  public DemoMailServer(@Value("${" + PORT_PROPERTY + ":2525}") int configuredPort, JavaMailSender sender) {
    int chosen = configuredPort;
    if (configuredPort == 0) {
      chosen = freePort();
    } else if (!available(configuredPort)) {
      chosen = freePort();
      LOG.warn("Demo SMTP port 127.0.0.1:{} cannot be used (taken by another program?); the demo mail server "
          + "uses port {} instead (set {} to choose one)", configuredPort, chosen, PORT_PROPERTY);
    }
    this.port = chosen;
    ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    // GreenMail's 2 s start-up wait is short for a busy 2-core machine starting the whole application
    setup.setServerStartupTimeout(STARTUP_TIMEOUT_MS);
    this.greenMail = new GreenMail(setup);
    this.inbox = new GreenMailInbox(() -> greenMail);
    try {
      greenMail.start();
    } catch (RuntimeException e) {
      // GreenMail's own message ("server startup timeout > 2000") does not say what failed
      throw new IllegalStateException("The demo SMTP server could not listen on 127.0.0.1:" + port + " ("
          + e.getMessage() + "); set " + PORT_PROPERTY + " to a free port, or 0 for any free port", e);
    }
    if (sender instanceof JavaMailSenderImpl impl) {
      impl.setHost("127.0.0.1");
      impl.setPort(port);
    }
    LOG.info("Demo SMTP server listening on 127.0.0.1:{}; sent mail is listed at /demo/mail", port);
  }

  public int port() {
    return port;
  }

  @Override
  public List<MimeMessage> all() {
    return inbox.all();
  }

  @Override
  public List<MimeMessage> deliveredTo(String address) {
    return inbox.deliveredTo(address);
  }

  @Override
  public String where() {
    return inbox.where();
  }

  @PreDestroy
  public void stop() {
    greenMail.stop();
  }

  private static boolean available(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the demo SMTP server", e);
    }
  }
}
