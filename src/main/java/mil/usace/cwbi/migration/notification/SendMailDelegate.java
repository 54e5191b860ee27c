package mil.usace.cwbi.migration.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends ONE message to ONE recipient: instance {@code loopCounter} of the send-notification multi-instance task.
 * Each instance is its own job, so a retry re-sends only the message whose delivery failed.
 * An SMTP failure is thrown: the job retries on the configured back-off and becomes an incident at the end.
 */
@Component("notificationMailSender")
public class SendMailDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(SendMailDelegate.class);

  private final ObjectProvider<JavaMailSender> sender;
  private final NotificationProperties properties;
  private final ObjectMapper json = new ObjectMapper();

  public SendMailDelegate(ObjectProvider<JavaMailSender> sender, NotificationProperties properties) {
    this.sender = sender;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) throws Exception {
    List<OutgoingMail> mails = Notifier.read((byte[]) execution.getVariable(Notifier.MAILS), json);
    int index = ((Number) execution.getVariable("loopCounter")).intValue();
    OutgoingMail mail = mails.get(index);
    JavaMailSender mailSender = sender.getIfAvailable();
    if (mailSender == null) {
      // No spring.mail.host: the job fails visibly (retries, then an incident) and the mail is kept.
      throw new IllegalStateException("No mail server configured: set spring.mail.host (and port, credentials)");
    }
    MimeMessage message = mailSender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom(properties.getFrom());
    helper.setTo(mail.to());
    helper.setSubject(mail.subject());
    helper.setText(mail.text(), mail.html());
    // Lets a mail system (or a person) recognise the same notification should it ever be delivered again.
    message.setHeader("X-CWBI-Notification", execution.getProcessInstanceId() + "/" + index);
    mailSender.send(message);
    LOG.info("Notification {}/{} sent to {}", execution.getProcessInstanceId(), index, mail.to());
  }
}
