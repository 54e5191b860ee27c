package mil.usace.cwbi.migration.demo.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The demo's embedded SMTP server, without Spring (it is demo-only): with its port 2525 taken by another program it
 * takes a free port, points the application's mail sender there, and mail still arrives; each recipient's inbox
 * holds what was delivered to it (Bcc included), and the whole list shows each message once.
 */
class DemoMailServerTest {

  @Test
  void withPort2525TakenItTakesAFreePortAndMailStillArrives() throws Exception {
    ServerSocket blocker = occupy(2525);
    try {
      assertThat(canConnect(2525)).as("something listens on 2525").isTrue();
      JavaMailSenderImpl sender = new JavaMailSenderImpl();
      sender.setHost("127.0.0.1");
      sender.setPort(2525);
      DemoMailServer server = new DemoMailServer(2525, sender);
      try {
        assertThat(server.port()).isNotEqualTo(2525).isPositive();
        assertThat(sender.getPort()).isEqualTo(server.port());
        assertThat(server.where()).isEqualTo("127.0.0.1:" + server.port());

        send(sender, "swt-water@example.mil", null, "[CWBI migration SWT] New task: Task 1.1");
        send(sender, "hec-engineer@example.mil", "lrl-water@example.mil", "[CWBI migration LRL] Step 4");

        assertThat(server.all()).extracting(MimeMessage::getSubject)
            .containsExactly("[CWBI migration SWT] New task: Task 1.1", "[CWBI migration LRL] Step 4");
        assertThat(server.deliveredTo("swt-water@example.mil")).extracting(MimeMessage::getSubject)
            .containsExactly("[CWBI migration SWT] New task: Task 1.1");
        assertThat(server.deliveredTo("LRL-water@example.mil")).extracting(MimeMessage::getSubject)
            .containsExactly("[CWBI migration LRL] Step 4");
        // a header match on part of an address is not a delivery
        assertThat(server.deliveredTo("water@example.mil")).isEmpty();
        assertThat(server.deliveredTo("")).isEmpty();
      } finally {
        server.stop();
      }
    } finally {
      if (blocker != null) {
        blocker.close();
      }
    }
  }

  @Test
  void portZeroTakesAFreePort() throws Exception {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("mail.invalid");
    DemoMailServer server = new DemoMailServer(0, sender);
    try {
      assertThat(server.port()).isPositive();
      assertThat(sender.getHost()).isEqualTo("127.0.0.1");
      assertThat(sender.getPort()).isEqualTo(server.port());
      send(sender, "admin@example.mil", null, "hello");
      assertThat(server.all()).hasSize(1);
    } finally {
      server.stop();
    }
  }

  /** Listens on the port (loopback); null when another program already does, which is just as good here. */
  static ServerSocket occupy(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    try {
      s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1);
      return s;
    } catch (IOException taken) {
      s.close();
      return null;
    }
  }

  static boolean canConnect(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void send(JavaMailSenderImpl sender, String to, String bcc, String subject) throws Exception {
    MimeMessage m = sender.createMimeMessage();
    MimeMessageHelper h = new MimeMessageHelper(m, true, "UTF-8");
    h.setFrom("cwbi-migration@example.mil");
    h.setTo(to);
    if (bcc != null) {
      h.setBcc(bcc);
    }
    h.setSubject(subject);
    h.setText("text", "<p>text</p>");
    sender.send(m);
  }
}
