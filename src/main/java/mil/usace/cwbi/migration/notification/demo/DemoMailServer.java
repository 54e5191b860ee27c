package mil.usace.cwbi.migration.notification.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.annotation.PreDestroy;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
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
 * {@code /demo/mail} can show what was sent. Port {@code cwbi.demo.mail.smtp-port} (2525; 0 = a free port, for two
 * demo nodes on one machine); the application's mail sender is pointed at the port actually bound.
 */
@Component
@Profile("demo")
public class DemoMailServer {

  private static final Logger LOG = LoggerFactory.getLogger(DemoMailServer.class);

  private final GreenMail greenMail;
  private final int port;

  public DemoMailServer(@Value("${cwbi.demo.mail.smtp-port:2525}") int configuredPort, JavaMailSender sender) {
    this.port = configuredPort == 0 ? freePort() : configuredPort;
    this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    if (sender instanceof JavaMailSenderImpl impl) {
      impl.setHost("127.0.0.1");
      impl.setPort(port);
    }
    LOG.info("Demo SMTP server listening on 127.0.0.1:{}; sent mail is listed at /demo/mail", port);
  }

  public int port() {
    return port;
  }

  public List<MimeMessage> received() {
    return List.of(greenMail.getReceivedMessages());
  }

  @PreDestroy
  public void stop() {
    greenMail.stop();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the demo SMTP server", e);
    }
  }
}
