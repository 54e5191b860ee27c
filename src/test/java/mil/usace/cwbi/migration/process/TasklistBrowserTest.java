package mil.usace.cwbi.migration.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mil.usace.cwbi.migration.support.Browser;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A district water manager's first day, in a real headless Chromium: log in to Tasklist, start the office's
 * migration from the start form, claim Task 1.3 and complete it through its rendered Camunda Form.
 */
class TasklistBrowserTest extends IntegrationTest {

  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;

  @AfterEach
  void cleanUp(TestInfo info) {
    Browser.screenshot(info.getTestMethod().map(m -> m.getName()).orElse("tasklist"));
    verifier.reset();
    runtime.createProcessInstanceQuery().processInstanceBusinessKey("SWT").rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  @Test
  void districtUserStartsTheMigrationAndCompletesTask13InTasklist() {
    WebDriver web = Browser.driver();
    Browser.loginTasklist(baseUrl(), "swt-water", "demo");

    // Start the migration from its start form
    Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(By.xpath("//a[@ng-click='open()' and contains(., 'Start process')]"))).click();
    Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//div[contains(@class,'modal')]//a[contains(., 'District Cloud Migration')]"))).click();
    fill("office", "SWT");
    fill("t7CdaUrl", "https://wm.swt.ds.usace.army.mil/swt-data/");
    fill("criticalTimeSeries", String.join("\n", MigrationDriver.CRITICAL));
    web.findElement(By.xpath("//div[contains(@class,'modal-footer')]//button[contains(., 'Start')]")).click();
    Browser.waitFor(30).until(d -> runtime.createProcessInstanceQuery().processInstanceBusinessKey("SWT").rootProcessInstances().count() == 1);
    ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey("SWT").rootProcessInstances().singleResult();
    assertThat(runtime.getVariable(pi.getId(), "criticalTimeSeries").toString()).contains("KEYS.Elev.Inst.1Hour.0.Ccp-Rev");
    assertThat(runtime.getVariable(pi.getId(), "initiator")).isEqualTo("swt-water");

    // Task 1.3 is in the district's group list: open, claim, fill, complete
    web.navigate().refresh();
    Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'task-filters')]//h4/a[contains(., 'My group')]"))).click();
    Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'tasks-list')]//a[contains(., 'Task 1.3')]"))).click();
    Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
    Browser.waitFor(30).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
    fill("critFile", "/usr/local/shef/swt.crit");
    fill("critLineCount", "412");
    WebElement box = Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(field("critImportRun")));
    box.click();
    fill("critNotes", "Imported with cwms-cli shef import_crit");
    WebElement complete = Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[contains(@class,'btn-primary') and contains(., 'Complete')]")));
    // the page footer overlaps the button at 1400x900: scroll it to the middle first
    ((JavascriptExecutor) web).executeScript("arguments[0].scrollIntoView({block: 'center'});", complete);
    complete.click();

    Browser.waitFor(30).until(d -> history.createHistoricTaskInstanceQuery().processInstanceId(pi.getId())
        .taskDefinitionKey("task_1_3_critimport").finished().count() == 1);
    HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().processInstanceId(pi.getId())
        .taskDefinitionKey("task_1_3_critimport").singleResult();
    assertThat(done.getAssignee()).isEqualTo("swt-water");
    assertThat(runtime.getVariable(pi.getId(), "critFile")).isEqualTo("/usr/local/shef/swt.crit");
    assertThat(((Number) runtime.getVariable(pi.getId(), "critLineCount")).intValue()).isEqualTo(412);
    assertThat(runtime.getVariable(pi.getId(), "critImportRun")).isEqualTo(true);
    List<String> open = driver.openTaskKeys(pi.getId());
    assertThat(open).contains("task_1_4_shef_parser").doesNotContain("task_1_3_critimport");
  }

  private static By field(String key) {
    return By.cssSelector(".fjs-container [id$='-Field_" + key + "']");
  }

  private static void fill(String key, String value) {
    WebElement input = Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(field(key)));
    input.clear();
    input.sendKeys(value);
  }
}
