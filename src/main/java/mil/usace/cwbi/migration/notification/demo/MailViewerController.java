package mil.usace.cwbi.migration.notification.demo;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** {@code /demo/mail}: what the demo's SMTP server received, newest first, so a newcomer sees the notifications. */
@RestController
@Profile("demo")
public class MailViewerController {

  private static final Pattern LINK = Pattern.compile("Open in Tasklist: (\\S+)");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ENGLISH);

  private final DemoMailServer server;

  public MailViewerController(DemoMailServer server) {
    this.server = server;
  }

  public record ReceivedMail(String time, String to, String subject, String body, List<String> links) {}

  @GetMapping(path = "/demo/mail", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<ReceivedMail> json() throws Exception {
    List<ReceivedMail> mails = new ArrayList<>();
    List<MimeMessage> received = server.received();
    for (int i = received.size() - 1; i >= 0; i--) {
      MimeMessage m = received.get(i);
      String body = text(m);
      List<String> links = new ArrayList<>();
      Matcher matcher = LINK.matcher(body);
      while (matcher.find()) {
        links.add(matcher.group(1));
      }
      String time = m.getSentDate() == null ? "" : TIME.format(m.getSentDate().toInstant().atZone(ZoneOffset.UTC));
      Address[] to = m.getAllRecipients();
      mails.add(new ReceivedMail(time, to == null ? "" : Arrays.stream(to).map(Address::toString)
          .collect(Collectors.joining(", ")), m.getSubject(), body, links));
    }
    return mails;
  }

  @GetMapping(path = "/demo/mail", produces = MediaType.TEXT_HTML_VALUE)
  public String page() throws Exception {
    List<ReceivedMail> mails = json();
    StringBuilder html = new StringBuilder("""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Demo mail: notifications sent</title>
        <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}
        td,th{border:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}pre{white-space:pre-wrap;margin:0}
        </style></head><body><h1>Notifications sent</h1>
        """);
    html.append("<p>Everything the application mailed, as received by the demo's own SMTP server on 127.0.0.1:")
        .append(server.port()).append(" (newest first; ").append(mails.size())
        .append(" messages). Production mails through <code>spring.mail.*</code> instead.</p>");
    html.append("<table><thead><tr><th>Time</th><th>To</th><th>Subject</th><th>Message</th><th>Link</th></tr>"
        + "</thead><tbody>");
    for (ReceivedMail m : mails) {
      html.append("<tr class=\"mail\"><td>").append(esc(m.time())).append("</td><td class=\"to\">")
          .append(esc(m.to())).append("</td><td class=\"subject\">").append(esc(m.subject()))
          .append("</td><td><details><summary>show</summary><pre>").append(esc(m.body()))
          .append("</pre></details></td><td>");
      for (String link : m.links()) {
        html.append("<a href=\"").append(esc(link)).append("\">Open in Tasklist</a><br>");
      }
      html.append("</td></tr>");
    }
    if (mails.isEmpty()) {
      html.append("<tr><td colspan=\"5\">No mail yet. Start a migration in Tasklist: its district is told at once."
          + "</td></tr>");
    }
    return html.append("</tbody></table></body></html>").toString();
  }

  /** The plain-text part (the HTML part says the same). */
  public static String text(Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return part.getContent().toString();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart p = multipart.getBodyPart(i);
        String t = text(p);
        if (!t.isEmpty()) {
          return t;
        }
      }
    }
    return "";
  }

  private static String esc(String s) {
    return s == null ? "" : HtmlUtils.htmlEscape(s);
  }
}
