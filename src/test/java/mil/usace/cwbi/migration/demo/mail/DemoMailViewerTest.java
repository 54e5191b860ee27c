package mil.usace.cwbi.migration.demo.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.PageHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * {@code /demo/mail} over real HTTP: nothing for anonymous callers; a district user sees the mail delivered to their
 * own address (HTTP Basic or the Tasklist session), HEC and administrators see all; subjects and bodies are escaped,
 * and a link that is not http(s) never becomes clickable. The viewer reads the tests' SMTP server, to which the
 * application's own mail sender delivers.
 */
class DemoMailViewerTest extends IntegrationTest {

  static final Pattern HREF = Pattern.compile("href\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

  @Autowired JavaMailSender sender;

  PageHttp http;
  String tag;

  @BeforeEach
  void sendMail() throws Exception {
    http = new PageHttp(baseUrl());
    tag = "viewer-" + UUID.randomUUID();
    send("swt-water@example.mil", "[" + tag + "] SWT: New task <b>Task 1.1</b>",
        "Work is waiting.\n  Open in Tasklist: " + baseUrl() + "/camunda/app/tasklist/default/#/?task=abc\n");
    send("lrl-water@example.mil", "[" + tag + "] LRL: New task", "LRL's work.\n  Open in Tasklist: "
        + baseUrl() + "/camunda/app/tasklist/default/#/?task=lrl\n");
    send("swt-water@example.mil", "[" + tag + "] SWT: links",
        "Open in Tasklist: javascript:alert(1)\nOpen in Tasklist: JaVaScRiPt:alert(2)\n"
            + "Open in Tasklist: data:text/html,<script>alert(3)</script>\nOpen in Tasklist: vbscript:msgbox(4)\n"
            + "<a href=\"javascript:alert(5)\">click</a>\n");
  }

  void send(String to, String subject, String text) throws Exception {
    MimeMessage m = sender.createMimeMessage();
    MimeMessageHelper h = new MimeMessageHelper(m, true, "UTF-8");
    h.setFrom("cwbi-migration@example.mil");
    h.setTo(to);
    h.setSubject(subject);
    h.setText(text, "<p>" + text + "</p>");
    sender.send(m);
  }

  HttpResponse<String> page(String authorization, String cookie) throws Exception {
    return http.send("GET", "/demo/mail", "Accept", "text/html", "Authorization", authorization, "Cookie", cookie);
  }

  @Test
  void anonymousGetsNothing() throws Exception {
    HttpResponse<String> html = page(null, null);
    assertThat(html.statusCode()).isEqualTo(401);
    assertThat(html.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    assertThat(html.body()).contains("Log in").doesNotContain(tag).doesNotContain("example.mil");

    HttpResponse<String> json = http.send("GET", "/demo/mail", "Accept", "application/json");
    assertThat(json.statusCode()).isEqualTo(401);
    assertThat(json.body()).doesNotContain(tag);

    // (a wrong password of a real user would throttle that user for the other tests: an unknown user instead)
    assertThat(page(PageHttp.basic("nobody-at-all", "wrong"), null).statusCode()).isEqualTo(401);
  }

  @Test
  void aDistrictUserSeesOnlyTheirOwnMail() throws Exception {
    HttpResponse<String> swt = page(PageHttp.basic("swt-water", "demo"), null);
    assertThat(swt.statusCode()).isEqualTo(200);
    assertThat(swt.body()).contains("[" + tag + "] SWT: New task", "[" + tag + "] SWT: links")
        .doesNotContain("[" + tag + "] LRL").doesNotContain("lrl-water@example.mil");
    assertThat(swt.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));

    HttpResponse<String> lrl = http.send("GET", "/demo/mail", "Accept", "application/json",
        "Authorization", PageHttp.basic("lrl-water", "demo"));
    assertThat(lrl.statusCode()).isEqualTo(200);
    assertThat(lrl.body()).contains("[" + tag + "] LRL: New task").doesNotContain("[" + tag + "] SWT");

    // the Tasklist log-in is enough: the page reuses the webapps' session
    HttpResponse<String> session = page(null, http.tasklistSession("swt-water", "demo"));
    assertThat(session.statusCode()).isEqualTo(200);
    assertThat(session.body()).contains("[" + tag + "] SWT: New task").doesNotContain("[" + tag + "] LRL");
  }

  @Test
  void hecAndAdministratorsSeeAll() throws Exception {
    for (String user : List.of("hec-engineer", "admin")) {
      HttpResponse<String> all = page(PageHttp.basic(user, "demo"), null);
      assertThat(all.statusCode()).as(user).isEqualTo(200);
      assertThat(all.body()).as(user).contains("[" + tag + "] SWT: New task", "[" + tag + "] SWT: links",
          "[" + tag + "] LRL: New task");
      // a message to one recipient is listed once
      assertThat(all.body().split(Pattern.quote("[" + tag + "] LRL: New task"), -1)).as(user).hasSize(2);
    }
  }

  @Test
  void onlyHttpLinksAreClickableAndEverythingIsEscaped() throws Exception {
    HttpResponse<String> swt = page(PageHttp.basic("swt-water", "demo"), null);
    assertThat(swt.statusCode()).isEqualTo(200);
    String body = swt.body();
    Matcher m = HREF.matcher(body);
    int links = 0;
    while (m.find()) {
      assertThat(m.group(1)).as("every link").startsWith("http://");
      links++;
    }
    assertThat(links).as("the one Tasklist link of this test's mail, at least").isPositive();
    assertThat(body).contains("href=\"" + baseUrl() + "/camunda/app/tasklist/default/#/?task=abc\"");
    assertThat(body.toLowerCase()).doesNotContain("href=\"javascript").doesNotContain("href=\"data:")
        .doesNotContain("href=\"vbscript").doesNotContain("<script").doesNotContain("<b>");
    // the text is shown, escaped
    assertThat(body).contains("New task &lt;b&gt;Task 1.1&lt;/b&gt;")
        .contains("javascript:alert(1)").contains("&lt;a href=&quot;javascript:alert(5)&quot;&gt;");

    HttpResponse<String> json = http.send("GET", "/demo/mail", "Accept", "application/json",
        "Authorization", PageHttp.basic("swt-water", "demo"));
    assertThat(json.body()).doesNotContain("\"links\":[\"javascript").contains("\"links\":[]");
  }

  @Test
  void viewerLinkRules() {
    assertThat(MailViewerController.isWebLink("https://cwbi.example.mil/camunda/app/tasklist/")).isTrue();
    assertThat(MailViewerController.isWebLink("HTTP://localhost:8080/x")).isTrue();
    for (String bad : List.of("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "vbscript:x",
        "//evil.example/x", "/camunda/app", "http:/nohost", "java\tscript:alert(1)", "file:///etc/passwd")) {
      assertThat(MailViewerController.isWebLink(bad)).as(bad).isFalse();
    }
  }
}
