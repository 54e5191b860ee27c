package mil.usace.cwbi.migration.demo.mail;

import jakarta.mail.internet.MimeMessage;
import java.util.List;

/** The mail a local SMTP server received, for the mail viewer: the demo's own server (or the tests' one). */
public interface DemoInbox {

  /** Every message once, in the order received. */
  List<MimeMessage> all();

  /** Messages delivered to this address (To, Cc or Bcc), in the order received. */
  List<MimeMessage> deliveredTo(String address);

  /** Where the server listens, for the page, e.g. {@code 127.0.0.1:2525}. */
  String where();
}
