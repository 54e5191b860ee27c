package mil.usace.cwbi.migration.demo.cda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import mil.usace.cwbi.migration.support.Browser;
import mil.usace.cwbi.migration.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * In headless Chromium, as the demo walk does it: log in to Tasklist as swt-water, open the simulator page, press
 * "missing" for CWBI-DEV and "recover". Proves the page works under its Content-Security-Policy (script from our
 * origin only) and sends its CSRF token, and that it shows the T7 URL on the application's own port. Then the mail
 * viewer in the same session: the user's own mail, and no clickable link but http(s).
 */
class DemoPagesBrowserTest extends IntegrationTest {

  @Autowired SimulatedCda cda;
  @Autowired JavaMailSender mail;

  String screenshotName = "demo-pages";

  @AfterEach
  void healthyAgain() throws Exception {
    SimulatedCda.ENVIRONMENTS.forEach(cda::clear);
    File shot = ((TakesScreenshot) Browser.driver()).getScreenshotAs(OutputType.FILE);
    Files.createDirectories(new File("target/screenshots").toPath());
    Files.copy(shot.toPath(), new File("target/screenshots/" + screenshotName + ".png").toPath(),
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void aLoggedInDistrictUserBreaksAndRecoversCwbiDev() {
    screenshotName = "simulator-page";
    Browser.loginTasklist(baseUrl(), "swt-water", "demo");
    WebDriver d = Browser.driver();
    d.get(baseUrl() + "/cda-sim");
    By missing = By.cssSelector("button[data-env='cwbi-dev'][data-fault='missing']");
    Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(missing));
    assertThat(d.findElement(By.id("t7-swt")).getText()).isEqualTo("http://localhost:" + port + "/cda-sim/t7-swt/");

    d.findElement(missing).click();
    By bad = By.xpath("//tr[td[1]='cwbi-dev']//span[@class='bad']");
    Browser.waitFor(30).until(ExpectedConditions.textToBe(bad, "missing"));
    assertThat(cda.faults("cwbi-dev")).containsExactly(Fault.MISSING);
    assertThat(d.findElement(By.id("msg")).getText()).isEmpty();

    d.findElement(By.cssSelector("button[data-env='cwbi-dev'][data-recover]")).click();
    Browser.waitFor(30).until(ExpectedConditions.textToBe(By.xpath("//tr[td[1]='cwbi-dev']//span"), "healthy"));
    assertThat(cda.faults("cwbi-dev")).isEmpty();

    // the page's script ran under the policy: no CSP violation in the console
    List<LogEntry> console = d.manage().logs().get(LogType.BROWSER).getAll();
    assertThat(console).noneMatch(e -> e.getMessage().contains("Content Security Policy"));
  }

  @Test
  void theMailViewerShowsTheUsersOwnMailWithOnlyWebLinks() throws Exception {
    screenshotName = "mail-viewer";
    String tag = "browser-" + System.nanoTime();
    send("swt-water@example.mil", "[" + tag + "] for SWT", "Open in Tasklist: " + baseUrl()
        + "/camunda/app/tasklist/default/#/?task=1\nOpen in Tasklist: javascript:alert(document.cookie)\n");
    send("lrl-water@example.mil", "[" + tag + "] for LRL", "Open in Tasklist: " + baseUrl() + "/x\n");

    Browser.loginTasklist(baseUrl(), "swt-water", "demo");
    WebDriver d = Browser.driver();
    d.get(baseUrl() + "/demo/mail");
    Browser.waitFor(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.mail")));
    String text = d.findElement(By.tagName("body")).getText();
    assertThat(text).contains("[" + tag + "] for SWT").doesNotContain("[" + tag + "] for LRL");
    List<WebElement> anchors = d.findElements(By.tagName("a"));
    assertThat(anchors).isNotEmpty();
    assertThat(anchors).allSatisfy(a -> assertThat(a.getDomProperty("href")).startsWith("http://"));
  }

  void send(String to, String subject, String text) throws Exception {
    var m = mail.createMimeMessage();
    MimeMessageHelper h = new MimeMessageHelper(m, true, "UTF-8");
    h.setFrom("cwbi-migration@example.mil");
    h.setTo(to);
    h.setSubject(subject);
    h.setText(text, "<p>" + text + "</p>");
    mail.send(m);
  }
}
