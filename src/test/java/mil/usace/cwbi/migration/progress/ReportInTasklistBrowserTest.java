package mil.usace.cwbi.migration.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.process.forms.JsonValues;
import mil.usace.cwbi.migration.support.Browser;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the district sees next: after its batch host reported a script converted, Task 1.1 in Tasklist (headless
 * Chromium) says so at the top of the form, with the token's name, and the script's row shows its new status.
 */
class ReportInTasklistBrowserTest extends IntegrationTest {

  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired RuntimeService runtime;

  @AfterEach
  void tearDown() {
    verifier.reset();
    clear();
  }

  void clear() {
    runtime.createProcessInstanceQuery().processDefinitionKey(MigrationVariables.PROCESS_KEY)
        .processInstanceBusinessKey("SWT").list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  @Test
  void task11ShowsTheReportAndTheConvertedRow() throws Exception {
    clear();
    verifier.passAll();
    String pi = driver.start("SWT", false).getId();
    driver.runJobs(pi);
    driver.complete(pi, "task_1_1_convert_scripts", Map.of(MigrationVariables.SCRIPT_INVENTORY, JsonValues.json(List.of(
        MigrationDriver.script("rating_update.py", "computation", "schedule", "cwms-database", "cwms-database",
            "to-convert")))));
    TokenHttp http = new TokenHttp(baseUrl());
    String token = http.session("hec-engineer").token("SWT", "SWT cwms-cli on batch host");
    assertThat(http.report(token, TokenHttp.report("SWT", "script-converted", "rating_update.py",
        "now a cwms-python batch job in CWBI-DEV", "tasklist-1")).statusCode()).isEqualTo(202);
    driver.runJobs(pi);

    WebDriver web = Browser.driver();
    Browser.loginTasklist(baseUrl(), "swt-water", "demo");
    web.get(baseUrl() + "/camunda/app/tasklist/default/#/?task=" + driver.task(pi, "task_1_1_convert_scripts").getId());
    WebElement report = Browser.waitFor(60).until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'fjs-container')]//*[contains(., 'Reported by the district')]"
            + "[not(.//*[contains(., 'Reported by the district')])]")));
    WebElement text = report.findElement(By.xpath("ancestor-or-self::*[contains(@class,'fjs-form-field-text')][1]"));
    assertThat(text.getText()).contains("rating_update.py converted to cwms-python/CDA/OpenDCS",
        "reported by SWT cwms-cli on batch host", "now a cwms-python batch job in CWBI-DEV");
    // the "still open" lines follow the rows: the only open script is converted now
    assertThat(web.findElement(By.cssSelector(".fjs-container")).getText()).doesNotContain("is still open");
    WebElement status = web.findElement(By.cssSelector(".fjs-container [id*='Field_status']"));
    assertThat(status.getText() + " " + status.getAttribute("value")).contains("Converted and tested");
    Browser.docsScreenshot("task-1-1-tool-report");
  }
}
