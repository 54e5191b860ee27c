package mil.usace.cwbi.migration.notification.demo;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The demo's embedded SMTP server and its viewer, without Spring (the demo profile is not the tests' profile):
 * port 0 picks a free port and points the mail sender at it; what is sent shows on /demo/mail, newest first,
 * escaped, with its Tasklist link.
 */
class DemoMailViewerTest {

  @Test
  void mailSentThroughTheApplicationsSenderIsListedWithItsLink() throws Exception {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("mail.invalid");
    sender.setPort(1);
    DemoMailServer server = new DemoMailServer(0, sender);
    try {
      assertThat(server.port()).isPositive();
      assertThat(sender.getPort()).isEqualTo(server.port());
      assertThat(sender.getHost()).isEqualTo("127.0.0.1");
      send(sender, "swt-water@example.mil", "[CWBI migration SWT] New task: Task 1.1",
          "Work is waiting.\n  Open in Tasklist: http://localhost:8080/camunda/app/tasklist/default/#/?task=abc\n");
      send(sender, "hec-engineer@example.mil", "[CWBI migration SWT] New task: <Step 4>", "HEC work.\n");

      MailViewerController viewer = new MailViewerController(server);
      var mails = viewer.json();
      assertThat(mails).hasSize(2);
      assertThat(mails.get(0).to()).isEqualTo("hec-engineer@example.mil"); // newest first
      assertThat(mails.get(1).subject()).isEqualTo("[CWBI migration SWT] New task: Task 1.1");
      assertThat(mails.get(1).body()).contains("Work is waiting.");
      assertThat(mails.get(1).links())
          .containsExactly("http://localhost:8080/camunda/app/tasklist/default/#/?task=abc");

      String page = viewer.page();
      assertThat(page).contains("swt-water@example.mil").contains("2 messages")
          .contains("href=\"http://localhost:8080/camunda/app/tasklist/default/#/?task=abc\"")
          .contains("New task: &lt;Step 4&gt;").doesNotContain("<Step 4>");
    } finally {
      server.stop();
    }
  }

  private static void send(JavaMailSenderImpl sender, String to, String subject, String text) throws Exception {
    MimeMessage m = sender.createMimeMessage();
    MimeMessageHelper h = new MimeMessageHelper(m, true, "UTF-8");
    h.setFrom("cwbi-migration@example.mil");
    h.setTo(to);
    h.setSubject(subject);
    h.setText(text, "<p>" + text + "</p>");
    sender.send(m);
  }
}
