package mil.usace.cwbi.migration.demo.mail;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A GreenMail server read as an inbox. GreenMail files each delivery in the mailbox of its envelope recipient (To,
 * Cc and Bcc alike), so "delivered to" reads that address's mailbox, never a match on the headers' text.
 */
public class GreenMailInbox implements DemoInbox {

  private final Supplier<GreenMail> server;

  public GreenMailInbox(Supplier<GreenMail> server) {
    this.server = server;
  }

  @Override
  public List<MimeMessage> all() {
    // one copy per recipient in GreenMail: list each message once
    List<MimeMessage> once = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (MimeMessage m : server.get().getReceivedMessages()) {
      String id = messageId(m);
      if (id == null || seen.add(id)) {
        once.add(m);
      }
    }
    return once;
  }

  @Override
  public List<MimeMessage> deliveredTo(String address) {
    if (address == null || address.isBlank()) {
      return List.of();
    }
    GreenMail mail = server.get();
    GreenMailUser user = mail.getUserManager().getUserByEmail(address.strip().toLowerCase(Locale.ROOT));
    if (user == null) {
      return List.of();
    }
    try {
      return mail.getManagers().getImapHostManager().getInbox(user).getMessages().stream()
          .map(StoredMessage::getMimeMessage).toList();
    } catch (FolderException e) {
      return List.of();
    }
  }

  @Override
  public String where() {
    return "127.0.0.1:" + server.get().getSmtp().getPort();
  }

  private static String messageId(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (MessagingException e) {
      return null;
    }
  }
}
