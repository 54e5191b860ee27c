package mil.usace.cwbi.migration.cda.simulator;

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
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In headless Chromium, as the demo walk does it: log in to Tasklist as swt-water, open the simulator page, press
 * "missing" for CWBI-DEV and "recover". Proves the page works under its Content-Security-Policy (script from our
 * origin only) and sends its CSRF token, and that it shows the T7 URL on the application's own port.
 */
class SimulatorPageBrowserTest extends IntegrationTest {

  @Autowired SimulatedCda cda;

  @AfterEach
  void healthyAgain() throws Exception {
    SimulatedCda.ENVIRONMENTS.forEach(cda::clear);
    File shot = ((TakesScreenshot) Browser.driver()).getScreenshotAs(OutputType.FILE);
    Files.createDirectories(new File("target/screenshots").toPath());
    Files.copy(shot.toPath(), new File("target/screenshots/simulator-page.png").toPath(),
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void aLoggedInDistrictUserBreaksAndRecoversCwbiDev() {
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
}
