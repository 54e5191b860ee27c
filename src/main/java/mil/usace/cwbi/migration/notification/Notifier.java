package mil.usace.cwbi.migration.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mil.usace.cwbi.migration.engine.EngineCommand;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Turns notices into mail deliveries. Notices raised during one engine command (one transaction) are gathered and,
 * as the command closes, rendered into one message per recipient and kind, handed to ONE {@code send-notification}
 * process instance started in that same transaction: the mail exists only if the work commits, and each message
 * is then delivered by its own asynchronous job (retried with back-off, an incident when the tries run out).
 * Nothing here talks to the mail server, so a user's transaction never waits for it.
 */
@Component
public class Notifier {

  public static final String PROCESS_KEY = "send-notification";
  public static final String MAILS = "mails";
  public static final String MAIL_COUNT = "mailCount";

  private final RuntimeService runtime;
  private final MailComposer composer;
  private final ObjectMapper json = new ObjectMapper();
  /** Per engine command ({@link EngineCommand#current()}). */
  private final Map<Object, List<Notice>> pending = new ConcurrentHashMap<>();

  public Notifier(RuntimeService runtime, MailComposer composer) {
    this.runtime = runtime;
    this.composer = composer;
  }

  public void notify(Notice notice) {
    if (notice.recipients().isEmpty()) {
      return;
    }
    Object command = EngineCommand.current();
    if (command == null) {
      start(List.of(notice));
      return;
    }
    pending.computeIfAbsent(command, c -> {
      EngineCommand.onEnd(() -> {
        List<Notice> notices = pending.remove(c);
        if (notices != null) {
          // Runs before the command flushes: the notification process is written in the same transaction.
          EngineCommand.privileged(() -> {
            start(notices);
            return null;
          });
        }
      }, () -> pending.remove(c));
      return new ArrayList<>();
    }).add(notice);
  }

  /** One message per recipient and kind: the six Step 4 tasks reach each HEC member as one mail. */
  List<OutgoingMail> render(List<Notice> notices) {
    Map<String, List<Notice>> byRecipient = new LinkedHashMap<>();
    for (Notice n : notices) {
      for (String to : n.recipients()) {
        byRecipient.computeIfAbsent(to.toLowerCase(java.util.Locale.ROOT) + "\n" + n.kind() + "\n" + n.office(),
            k -> new ArrayList<>()).add(n);
      }
    }
    List<OutgoingMail> mails = new ArrayList<>();
    byRecipient.forEach((key, list) -> mails.add(composer.compose(key.substring(0, key.indexOf('\n')), list)));
    return mails;
  }

  private void start(List<Notice> notices) {
    send(render(notices), notices.get(0).office());
  }

  /**
   * Delivers mails rendered elsewhere (HEC's weekly digest) the same way: one {@code send-notification} instance
   * started in the caller's transaction, one retried job per message.
   *
   * @param office the office the mails are about, or what they cover ("all offices")
   */
  public void send(List<OutgoingMail> mails, String office) {
    if (mails.isEmpty()) {
      return;
    }
    byte[] payload;
    try {
      payload = json.writeValueAsBytes(mails);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize notification mails", e);
    }
    String recipients = String.join(", ", mails.stream().map(OutgoingMail::to).distinct().toList());
    runtime.createProcessInstanceByKey(PROCESS_KEY)
        // no business key: by contract a business key names an office's migration
        .setVariable("office", office)
        // rendered at handoff time; bytes because a message can be longer than a string variable may be
        .setVariable(MAILS, Variables.byteArrayValue(payload))
        .setVariable(MAIL_COUNT, mails.size())
        .setVariable("subject", clip(mails.get(0).subject()))
        .setVariable("recipients", clip(recipients))
        .execute();
  }

  private static String clip(String s) {
    return s.length() > 3900 ? s.substring(0, 3900) + "..." : s;
  }

  static List<OutgoingMail> read(byte[] payload, ObjectMapper json) {
    try {
      return List.of(json.readValue(new String(payload, StandardCharsets.UTF_8), OutgoingMail[].class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable notification mails", e);
    }
  }
}
