package mil.usace.cwbi.migration.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import mil.usace.cwbi.migration.support.Browser;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * HEC in headless Chromium sets target dates with the dashboard's control and sees the forecast: the date and range
 * per office, the target, the AT RISK flag on the office whose forecast passes it (sorted with those needing
 * attention) and the one-line explanation. {@code -Ddocs.screenshots=true} refreshes docs/cockpit-forecast.png.
 */
class ForecastBrowserTest extends IntegrationTest {

  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService historyService;
  @Autowired ManagementService management;
  @Autowired JdbcTemplate jdbc;

  ForecastHistory history;

  @AfterEach
  void tearDown() {
    verifier.reset();
    ClockUtil.reset();
    if (history != null) {
      history.clear();
    }
  }

  @Test
  void hecSetsATargetAndSeesTheOfficeAtRiskWithWhy() {
    verifier.passAll();
    // the history ends a few days ago: the dashboard runs on the real clock, as the browser does
    history = new ForecastHistory(ForecastHistory.noonDaysAgo(231), driver, runtime, historyService, management,
        jdbc);
    history.clear();
    history.start("SPK", 0).steps(20, 30, 10, 20, 15, 0, 10, 20, 10);
    history.start("SWF", 0).steps(40, 30, 20, 30, 15, 0, 20, 30, 10);
    history.start("SAJ", 0).steps(30, 30, 30, 40, 15, 0, 30, 40, 10);
    history.start("LRL", 130).steps(30, 60);
    history.start("NWDP", 225);
    ClockUtil.reset();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    WebDriver web = Browser.driver();
    Browser.login(baseUrl(), "cockpit", "hec-engineer", "demo");
    web.get(baseUrl() + "/camunda/app/cockpit/default/#/dashboard");
    Browser.waitFor(60).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("tr.cwbi-row[data-office='LRL'] td.cwbi-forecast[data-status='FORECAST']")));
    assertThat(row("LRL").findElements(By.cssSelector(".cwbi-at-risk"))).as("no target yet").isEmpty();

    // a target for all offices a year ahead, then LRL's own a month ahead: its forecast (about half a year) passes it
    setTarget("all", today.plusYears(1));
    Browser.waitFor(30).until(x -> row("NWDP").getText().contains("(all offices)"));
    setTarget("LRL", today.plusDays(30));
    Browser.waitFor(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("tr.cwbi-row[data-office='LRL'] .cwbi-at-risk")));
    assertThat(web.findElement(By.cssSelector(".cwbi-target-status")).getText()).startsWith("Target ")
        .contains("set for LRL");

    WebElement lrl = row("LRL");
    String cell = lrl.findElement(By.cssSelector("td.cwbi-forecast")).getText();
    assertThat(cell).contains("AT RISK").contains("range ").contains("target " + day(today.plusDays(30)))
        .contains("Step 2 took 60 days here, the portfolio's median is 30 days");
    assertThat(lrl.getAttribute("class")).contains("cwbi-attention");
    assertThat(lrl.getText()).contains("is after the target " + day(today.plusDays(30)));
    String nwdp = row("NWDP").findElement(By.cssSelector("td.cwbi-forecast")).getText();
    assertThat(nwdp).contains("range ").contains("target " + day(today.plusYears(1)) + " (all offices)")
        .contains("No step finished here yet").doesNotContain("AT RISK");
    assertThat(row("SPK").findElement(By.cssSelector("td.cwbi-forecast")).getText()).startsWith("finished ");
    List<String> order = web.findElements(By.cssSelector("tr.cwbi-row")).stream()
        .map(r -> r.getAttribute("data-office")).toList();
    assertThat(order.get(0)).as("the office at risk first").isEqualTo("LRL");
    assertThat(order.indexOf("NWDP")).isLessThan(order.indexOf("SPK"));

    ((JavascriptExecutor) web).executeScript("const e = arguments[0]; e.scrollIntoView({block: 'start'});"
        + "let p = e.parentElement; while (p && p.scrollHeight <= p.clientHeight) { p = p.parentElement; }"
        + "if (p) { p.scrollTop -= 80; } else { window.scrollBy(0, -80); }",
        web.findElement(By.cssSelector(".cwbi-dashboard")));
    Browser.docsScreenshot("cockpit-forecast");

    // a date in the past is refused in words, and nothing changes
    setTarget("LRL", today.minusDays(1));
    Browser.waitFor(30).until(x -> x.findElement(By.cssSelector(".cwbi-target-status")).getText()
        .startsWith("Not saved (400)"));
    assertThat(web.findElement(By.cssSelector(".cwbi-target-status")).getText()).contains("must be after today");
    assertThat(row("LRL").findElements(By.cssSelector(".cwbi-at-risk"))).isNotEmpty();
    assertThat(row("LRL").findElement(By.cssSelector("td.cwbi-forecast")).getText())
        .contains("target " + day(today.plusDays(30)));

    Browser.screenshot("cockpit-forecast-refused");
  }

  /** Chooses the office, types the date (as the date picker would set it) and presses Set target. */
  private static void setTarget(String office, LocalDate date) {
    WebDriver web = Browser.driver();
    ((JavascriptExecutor) web).executeScript("arguments[0].value = arguments[1]; arguments[2].value = arguments[3];",
        web.findElement(By.cssSelector(".cwbi-target-office")), office,
        web.findElement(By.cssSelector(".cwbi-target-date")), date.toString());
    assertThat(web.findElement(By.cssSelector(".cwbi-target-office")).getAttribute("value")).isEqualTo(office);
    ((JavascriptExecutor) web).executeScript("arguments[0].textContent = ''",
        web.findElement(By.cssSelector(".cwbi-target-status")));
    web.findElement(By.cssSelector(".cwbi-target-set")).click();
  }

  private static String day(LocalDate d) {
    return Forecast.DAY.format(d);
  }

  private static WebElement row(String office) {
    return Browser.driver().findElement(By.cssSelector("tr.cwbi-row[data-office='" + office + "']"));
  }
}
