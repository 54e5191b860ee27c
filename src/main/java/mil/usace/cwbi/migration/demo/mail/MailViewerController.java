package mil.usace.cwbi.migration.demo.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import mil.usace.cwbi.migration.security.PageLogin;
import mil.usace.cwbi.migration.security.PageLogin.PageUser;
import org.springframework.context.annotation.Profile;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /demo/mail}: what the demo's SMTP server received, newest first, so a newcomer sees the notifications.
 * Behind log-in ({@link PageLogin}): a user sees the mail delivered to their own e-mail address; {@code hec} and
 * {@code camunda-admin} see all. Everything is HTML-escaped and only http(s) links become clickable. (Also in the
 * tests, registered by support.DemoPartsForTests, where it reads the tests' SMTP server.)
 */
@RestController
@Profile("demo")
public class MailViewerController {

  private static final Pattern LINK = Pattern.compile("Open in Tasklist: (\\S+)");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ENGLISH);

  private final DemoInbox inbox;
  private final PageLogin login;

  public MailViewerController(DemoInbox inbox, PageLogin login) {
    this.inbox = inbox;
    this.login = login;
  }

  public record ReceivedMail(String time, String to, String subject, String body, List<String> links) {}

  @GetMapping(path = "/demo/mail", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<List<ReceivedMail>> json(HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    Optional<PageUser> user = login.user(request);
    if (user.isEmpty()) {
      PageLogin.refuse(response, false, "the demo mail");
      return null;
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(visibleTo(user.get()));
  }

  @GetMapping(path = "/demo/mail", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> page(HttpServletRequest request, HttpServletResponse response) throws Exception {
    Optional<PageUser> user = login.user(request);
    if (user.isEmpty()) {
      PageLogin.refuse(response, true, "the demo mail");
      return null;
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.TEXT_HTML)
        .body(render(user.get(), visibleTo(user.get())));
  }

  /** The user's mail (delivered to their address), or everything for HEC and administrators; newest first. */
  List<ReceivedMail> visibleTo(PageUser user) throws Exception {
    List<MimeMessage> received = user.seesAllOffices() ? inbox.all() : inbox.deliveredTo(user.email());
    List<ReceivedMail> mails = new ArrayList<>();
    for (int i = received.size() - 1; i >= 0; i--) {
      mails.add(read(received.get(i)));
    }
    return mails;
  }

  static ReceivedMail read(MimeMessage m) throws Exception {
    String body = text(m);
    List<String> links = new ArrayList<>();
    Matcher matcher = LINK.matcher(body);
    while (matcher.find()) {
      if (isWebLink(matcher.group(1))) {
        links.add(matcher.group(1));
      }
    }
    String time = m.getSentDate() == null ? "" : TIME.format(m.getSentDate().toInstant().atZone(ZoneOffset.UTC));
    Address[] to = m.getAllRecipients();
    return new ReceivedMail(time, to == null ? "" : Arrays.stream(to).map(Address::toString)
        .collect(Collectors.joining(", ")), m.getSubject(), body, links);
  }

  /** Only absolute http(s) URLs with a host: never javascript:, data:, vbscript: or anything a browser runs. */
  static boolean isWebLink(String link) {
    try {
      URI uri = new URI(link);
      String scheme = uri.getScheme();
      return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  String render(PageUser user, List<ReceivedMail> mails) {
    StringBuilder html = new StringBuilder("""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Demo mail: notifications sent</title>
        <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}
        td,th{border:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}pre{white-space:pre-wrap;margin:0}
        </style></head><body><h1>Notifications sent</h1>
        """);
    html.append("<p>").append(user.seesAllOffices()
            ? "Everything the application mailed"
            : "The mail sent to you, " + esc(user.id()) + " (" + esc(user.email()) + ")")
        .append(", as received by the demo's own SMTP server on ").append(esc(inbox.where()))
        .append(" (newest first; ").append(mails.size()).append(mails.size() == 1 ? " message" : " messages")
        .append("). Production mails through <code>spring.mail.*</code> instead.</p>");
    html.append("<table><thead><tr><th>Time</th><th>To</th><th>Subject</th><th>Message</th><th>Link</th></tr>"
        + "</thead><tbody>");
    for (ReceivedMail m : mails) {
      html.append("<tr class=\"mail\"><td>").append(esc(m.time())).append("</td><td class=\"to\">")
          .append(esc(m.to())).append("</td><td class=\"subject\">").append(esc(m.subject()))
          .append("</td><td><details><summary>show</summary><pre>").append(esc(m.body()))
          .append("</pre></details></td><td>");
      for (String link : m.links()) {
        html.append("<a href=\"").append(esc(link)).append("\" rel=\"noopener noreferrer\">Open in Tasklist</a><br>");
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
