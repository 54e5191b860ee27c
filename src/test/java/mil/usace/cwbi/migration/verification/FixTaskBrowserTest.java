package mil.usace.cwbi.migration.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import mil.usace.cwbi.migration.support.Browser;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a water manager sees of a failed check, in a real headless Chromium: the fix task rendered by Tasklist
 * (what failed, the evidence, what to do; the passing checks counted; no JSON), completed with its own button; then
 * HEC's audit page of the office (the forms' labels, lists as tables, the check's findings in words).
 * Screenshots: {@code target/screenshots/fix-task.png}, {@code target/screenshots/audit-page.png}.
 */
class FixTaskBrowserTest extends IntegrationTest {

  static final String[] STEP_1 = {"task_1_1_convert_scripts", "task_1_2_usgs_scripts", "task_1_3_critimport",
      "task_1_4_shef_parser", "task_1_5_export_shef_config", "task_1_6_opendcs_dev"};
  static final String[] STEP_2_3 = {"task_2_1_load_db_objects", "task_2_2_batch_scripts_dev",
      "task_2_3_ldm_products", "task_2_4_custom_schema", "task_3_1_modeling_ops"};

  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TaskService tasks;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;

  @AfterEach
  void cleanUp() {
    Browser.driver().manage().window().setSize(new Dimension(1400, 900));
    verifier.reset();
    runtime.createProcessInstanceQuery().processInstanceBusinessKey("SWT").rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  @Test
  void theFixTaskAndTheAuditPageSpeakToPeople() throws Exception {
    verifier.pass(Environment.T7);
    verifier.report(Environment.CWBI_DEV, List.of(
        CheckResult.pass("CDA service answers (CWBI-DEV)", "CDA 3.2.1 at https://water.dev.cwbi.us/cwms-data/"),
        CheckResult.pass("office known (CWBI-DEV)", "SWT: Tulsa District (DIS)"),
        CheckResult.pass("critical series present (CWBI-DEV)", "all 2 in the catalog; read in 1 catalog requests"),
        CheckResult.fail("critical series fresh (CWBI-DEV)", "stale 1 of 2: KEYS.Elev.Inst.1Hour.0.Ccp-Rev has no "
            + "value since 2026-11-15T06:00:00Z (PT240H old > limit PT3H)"),
        CheckResult.pass("SHEF Data Acquisition (CWBI-DEV)", "4 members of SWT; 4 fresh"),
        CheckResult.fail("parity of time series ids (T7 -> CWBI-DEV)", "CWBI-DEV lacks 2 of 7 time series ids of "
            + "T7: LAKE2.ELEV.INST.15MINUTES.0.RAW, <b>LAKE3</b>.ELEV [x](http://evil.example)"),
        CheckResult.pass("parity of locations (T7 -> CWBI-DEV)", "all 3 locations of T7 are in CWBI-DEV")));
    ProcessInstance pi = driver.start("SWT", false);
    driver.completeAll(pi.getId(), STEP_1);
    driver.completeAll(pi.getId(), STEP_2_3);
    Task fix = driver.task(pi.getId(), MigrationDriver.FIX_TASK);
    assertThat(fix).as("the CWBI-DEV check failed: its fix task waits").isNotNull();

    // the fix task in Tasklist, as the district's water manager
    WebDriver web = Browser.driver();
    Browser.loginTasklist(baseUrl(), "swt-water", "demo");
    web.get(baseUrl() + "/camunda/app/tasklist/default/#/?task=" + fix.getId());
    WebElement form = Browser.waitFor(60).until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'fjs-container')][.//*[contains(., 'What to do:')]]")));
    String shown = form.getText();
    assertThat(shown).contains("What the check found")
        .contains("2 of 7 checks failed")
        .contains("Critical time series are not up to date in CWBI-DEV")
        .contains("Evidence: stale 1 of 2: KEYS.Elev.Inst.1Hour.0.Ccp-Rev has no value since 15 Nov 2026 06:00 "
            + "UTC (10 days old > limit 3 h)")
        .contains("What to do: Check that the district's batch job / OpenDCS computation that writes them runs "
            + "against CWBI-DEV.")
        .contains("Time series ids of T7 are missing in CWBI-DEV")
        .contains("What to do: Load them into CWBI-DEV with cwms-cli (Task 2.1)")
        .contains("5 other checks passed.");
    assertThat(shown.indexOf("Critical time series")).as("failures before the passing count")
        .isLessThan(shown.indexOf("other checks passed"));
    assertThat(shown).as("no JSON, no variable names, passing checks not listed").doesNotContain("{")
        .doesNotContain("\"passed\"").doesNotContain("verification_").doesNotContain("findingsSummary")
        .doesNotContain("office known").doesNotContain("PT240H");
    assertThat(shown).as("what CDA quoted stays text").contains("<b>LAKE3</b>.ELEV [x](http://evil.example)");
    assertThat(form.findElements(By.cssSelector("a[href*='evil'], b"))).isEmpty();
    assertThat(form.findElements(By.cssSelector("textarea[id$='-Field_findings']"))).isEmpty();
    screenshot(web, form, "fix-task");

    // claimed and completed with its own button: the check runs again
    Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
    Browser.waitFor(30).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
    WebElement notes = Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
        By.cssSelector(".fjs-container [id$='-Field_fixNotes']")));
    notes.sendKeys("Restarted the KEYS computation in CWBI-DEV's OpenDCS");
    WebElement complete = Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[contains(@class,'btn-primary') and contains(., 'Complete')]")));
    ((JavascriptExecutor) web).executeScript("arguments[0].scrollIntoView({block: 'center'});", complete);
    complete.click();
    Browser.waitFor(30).until(d -> history.createHistoricTaskInstanceQuery().taskId(fix.getId()).finished()
        .count() == 1);
    // the fix notes are the called check's (the CWBI-DEV check still fails: it runs on)
    String check = driver.calledCheck(pi.getId(), "check_cwbi_dev");
    assertThat(runtime.getVariable(check, "fixNotes")).isEqualTo(
        "Restarted the KEYS computation in CWBI-DEV's OpenDCS");
    assertThat(runtime.getVariable(check, "findingsSummary")).as("the summary is the task's, not entered")
        .isNull();

    // HEC's audit page of the office
    Browser.login(baseUrl(), "cockpit", "hec-engineer", "demo");
    web.manage().window().setSize(new Dimension(1400, 2600));
    web.get(baseUrl() + "/dashboard/audit.html?office=SWT");
    Browser.waitFor(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#audit tr.check[data-activity='check_cwbi_dev']")));
    WebElement audit = web.findElement(By.id("audit"));
    String page = audit.getText();
    assertThat(page).contains("Migration started").contains("Critical time series")
        .contains("Task 1.3").contains("Crit file used").contains("Ran cwms-cli shef import_crit on T7")
        .contains("Yes")
        .contains("Automated check of CWBI-DEV").contains("2 of 7 checks failed")
        .contains("Time series ids of T7 are missing in CWBI-DEV").contains("What to do:")
        .contains("5 other checks passed.")
        .contains("What was fixed").contains("Restarted the KEYS computation");
    assertThat(page).as("no JSON, no variable names").doesNotContain("{").doesNotContain("\"passed\"")
        .doesNotContain("critFile").doesNotContain("scriptInventory").doesNotContain("criticalTimeSeries")
        .doesNotContain("task_1_3_critimport").doesNotContain("fixNotes");
    // lists as tables: the start's critical series, Task 1.1's scripts
    List<String> headers = audit.findElements(By.cssSelector("table.list th")).stream().map(WebElement::getText)
        .toList();
    assertThat(headers).contains("Critical time series", "Script", "Purpose", "How it runs", "Status");
    WebElement scripts = audit.findElement(By.xpath(
        "//tr[@data-activity='task_1_1_convert_scripts']//table[contains(@class,'list')]"));
    assertThat(scripts.getText()).contains("nightly_usgs_pull.py").contains("Gets USGS data")
        .contains("On a schedule (cron)").contains("Converted and tested");
    assertThat(audit.findElements(By.cssSelector("b, a[href*='evil']"))).isEmpty();
    screenshot(web, null, "audit-page");
  }

  private static void screenshot(WebDriver web, WebElement scrollTo, String name) throws Exception {
    if (scrollTo != null) {
      ((JavascriptExecutor) web).executeScript("arguments[0].scrollIntoView({block: 'start'});", scrollTo);
    }
    File shot = ((TakesScreenshot) web).getScreenshotAs(OutputType.FILE);
    Files.createDirectories(new File("target/screenshots").toPath());
    Files.copy(shot.toPath(), new File("target/screenshots/" + name + ".png").toPath(),
        StandardCopyOption.REPLACE_EXISTING);
  }
}
