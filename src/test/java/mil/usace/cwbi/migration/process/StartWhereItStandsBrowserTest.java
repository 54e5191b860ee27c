package mil.usace.cwbi.migration.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mil.usace.cwbi.migration.support.Browser;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.support.TestServers;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * HEC starts offices where they stand, in headless Chromium: one office from Tasklist's start form ("Start at
 * step" and its evidence), and several from the bulk page linked from the
 * Cockpit dashboard, whose per-row report shows what the server answered as text only.
 */
class StartWhereItStandsBrowserTest extends IntegrationTest {

  static final List<String> OFFICES = List.of("LRN", "MVS", "SAJ");

  @Autowired RuntimeService runtime;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;

  @BeforeEach
  void clean() {
    deleteAll();
    verifier.passAll();
  }

  @AfterEach
  void cleanUp(TestInfo info) {
    Browser.screenshot(info.getTestMethod().map(m -> m.getName()).orElse("start-where-it-stands"));
    verifier.reset();
    deleteAll();
  }

  void deleteAll() {
    for (String office : OFFICES) {
      runtime.createProcessInstanceQuery().rootProcessInstances().processInstanceBusinessKey(office).list()
          .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
    }
  }

  @Test
  void hecStartsAnOfficeAtStep3FromTasklistsStartForm() {
    WebDriver web = Browser.driver();
    Browser.loginTasklist(baseUrl(), "hec-engineer", "demo");
    Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//a[@ng-click='open()' and contains(., 'Start process')]"))).click();
    Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//div[contains(@class,'modal')]//a[contains(., 'District Cloud Migration')]"))).click();
    fill("office", "LRN");
    fill("t7CdaUrl", "https://wm.lrn.ds.usace.army.mil/lrn-data/");
    fill("criticalTimeSeries", String.join("\n", MigrationDriver.CRITICAL));
    WebElement step = Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(field("startStep")));
    assertThat(step.getAttribute("value")).as("left empty, a migration starts at Step 1").isEmpty();
    step.sendKeys("3");
    Browser.waitFor(10).until(d -> "3".equals(d.findElement(field("startStep")).getAttribute("value")));
    fill("doneBeforeEvidence", "Steps 1 and 2 signed off on HEC's checklist, 2026-10-01");
    web.findElement(By.xpath("//div[contains(@class,'modal-footer')]//button[contains(., 'Start')]")).click();

    Browser.waitFor(30).until(d -> runtime.createProcessInstanceQuery().rootProcessInstances().processInstanceBusinessKey("LRN").count() == 1);
    ProcessInstance pi = runtime.createProcessInstanceQuery().rootProcessInstances().processInstanceBusinessKey("LRN").singleResult();
    assertThat(runtime.getVariable(pi.getId(), StartStep.VARIABLE)).isEqualTo(3);
    assertThat(runtime.getVariable(pi.getId(), StartStep.EVIDENCE))
        .isEqualTo("Steps 1 and 2 signed off on HEC's checklist, 2026-10-01");
    assertThat(runtime.getVariable(pi.getId(), "initiator")).isEqualTo("hec-engineer");
    driver.runJobs(pi.getId());
    assertThat(driver.openTaskKeys(pi.getId())).as("the T7 check ran, Steps 1 and 2 were passed by")
        .containsExactly("task_3_1_modeling_ops");
  }

  @Test
  void hecStartsSeveralOfficesFromTheBulkPageLinkedFromTheDashboard() {
    driver.start("MVS", false); // already running
    WebDriver web = Browser.driver();
    Browser.login(baseUrl(), "cockpit", "hec-engineer", "demo");
    web.get(baseUrl() + "/camunda/app/cockpit/default/#/dashboard");
    WebElement link = Browser.waitFor(60).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".cwbi-dashboard .cwbi-start-offices a")));
    assertThat(link.getText()).isEqualTo("Start offices where they stand (CSV)");
    web.get(link.getAttribute("href"));

    Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(By.id("submit")));
    assertThat(web.findElements(By.cssSelector("#steps li"))).hasSize(9).first().extracting(WebElement::getText)
        .isEqualTo("Step 1: Convert/test all data processes on T7");
    String series = String.join(";", MigrationDriver.CRITICAL);
    String csv = String.join("\n",
        "office,step,evidence,t7CdaUrl,criticalTimeSeries",
        "SAJ,4,\"Steps 1-3 done, ticket 88\"," + TestServers.cdaUrl("t7") + "," + series,
        "MVS,5,,," + series,
        "<img src=x onerror=alert(1)>,2,,," + series);
    WebElement area = web.findElement(By.id("csv"));
    area.clear();
    area.sendKeys(csv);
    Browser.click(web.findElement(By.id("submit")));

    Browser.waitFor(60).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
        "1 started, 2 not started."));
    List<WebElement> rows = web.findElements(By.cssSelector("#results tbody tr"));
    assertThat(rows).extracting(WebElement::getText).satisfiesExactly(
        r -> assertThat(r).isEqualTo("2 SAJ 4 started at Step 4: Migrate all processes to CWBI-TEST"),
        r -> assertThat(r).startsWith("3 MVS 5 already running"),
        r -> assertThat(r).startsWith("4 not an office id"));
    assertThat(rows.get(0).getAttribute("class")).isEqualTo("started");
    ((org.openqa.selenium.JavascriptExecutor) web).executeScript("arguments[0].scrollIntoView({block: 'end'});",
        web.findElement(By.id("results")));
    Browser.docsScreenshot("start-offices");
    assertThat(web.findElements(By.cssSelector("#results img"))).as("text only, never HTML").isEmpty();
    ProcessInstance saj = runtime.createProcessInstanceQuery().rootProcessInstances().processInstanceBusinessKey("SAJ").singleResult();
    assertThat(runtime.getVariable(saj.getId(), StartStep.VARIABLE)).isEqualTo(4);
    assertThat(runtime.getVariable(saj.getId(), "initiator")).isEqualTo("hec-engineer");

    // the office's audit trail, as HEC reads it: the items of Steps 1-3 done before this application, in words
    web.get(baseUrl() + "/dashboard/audit.html?office=SAJ");
    Browser.waitFor(60).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr.entry.done_before")));
    List<WebElement> before = web.findElements(By.cssSelector("tr.entry.done_before"));
    assertThat(before).hasSize(10); // 1.1, 1.3-1.6, 2.1-2.4, 3.1 (no USGS data: no 1.2)
    assertThat(before.get(0).getText())
        .contains("Task 1.1: Convert custom scripts to cwms-python/CDA/OpenDCS: done before this application, "
            + "declared by hec-engineer on ")
        .contains("done before this application").contains("Steps 1-3 done, ticket 88").contains("Step 4");
    assertThat(before.get(9).getText()).contains("Task 3.1: Test modeling operations in CAVI/CWMS-Vue");
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
