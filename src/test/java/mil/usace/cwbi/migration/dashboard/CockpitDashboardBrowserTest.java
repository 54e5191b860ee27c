package mil.usace.cwbi.migration.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.support.Browser;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.verification.Environment;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * HEC in a real headless Chromium: logs in to Cockpit and finds the "CWBI migration" plugin on the dashboard with
 * every office in its state, held offices first, each linking to its instance; then opens an office's audit page.
 * Its screenshot goes to target/screenshots; {@code -Ddocs.screenshots=true} refreshes docs/cockpit-dashboard.png.
 */
class CockpitDashboardBrowserTest extends IntegrationTest {

  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;

  final List<String> started = new ArrayList<>();

  @AfterEach
  void tearDown() {
    verifier.reset();
    ClockUtil.reset();
    for (String id : started) {
      if (runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
        runtime.deleteProcessInstance(id, "test cleanup");
      }
    }
  }

  ProcessInstance start(String office, boolean usgs) {
    ProcessInstance pi = driver.start(office, usgs);
    started.add(pi.getId());
    return pi;
  }

  @Test
  void hecSeesEveryOfficeInCockpit() throws Exception {
    verifier.passAll();
    ProcessInstance fresh = start("NWDP", true);
    tasks.claim(driver.task(fresh.getId(), "task_1_3_critimport").getId(), "swt-water");

    verifier.fail(Environment.CWBI_DEV);
    ProcessInstance held = start("NWDM", false);
    completeAs("nwdm-water", held.getId(), DashboardEndpointTest.STEP_1);
    completeAs("nwdm-water", held.getId(), DashboardEndpointTest.STEP_2_3);
    verifier.pass(Environment.CWBI_DEV);

    ProcessInstance testing = start("SWF", false);
    driver.completeAll(testing.getId(), DashboardEndpointTest.STEP_1);
    driver.completeAll(testing.getId(), DashboardEndpointTest.STEP_2_3);
    driver.completeAll(testing.getId(), DashboardEndpointTest.STEP_4);

    ProcessInstance done = start("SPK", false);
    driver.completeAll(done.getId(), DashboardEndpointTest.STEP_1);
    driver.completeAll(done.getId(), DashboardEndpointTest.STEP_2_3);
    driver.completeAll(done.getId(), DashboardEndpointTest.STEP_4);
    driver.completeAll(done.getId(), DashboardEndpointTest.STEP_5);
    ClockUtil.setCurrentTime(Date.from(Instant.now().plusSeconds(15L * 24 * 3600)));
    for (Job job : management.createJobQuery().processInstanceId(done.getId()).timers().executable().list()) {
      management.executeJob(job.getId());
    }
    driver.runJobs(done.getId());
    ClockUtil.reset();
    driver.completeAll(done.getId(), DashboardEndpointTest.STEP_7_8);
    driver.complete(done.getId(), "task_9_decommission_t7", Map.of());

    WebDriver web = Browser.driver();
    Browser.login(baseUrl(), "cockpit", "hec-engineer", "demo");
    web.get(baseUrl() + "/camunda/app/cockpit/default/#/dashboard");
    WebElement table = Browser.waitFor(60).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".cwbi-dashboard table.cwbi-offices tr.cwbi-row[data-office='SPK']")));
    assertThat(table).isNotNull();

    WebElement heldRow = row("NWDM");
    assertThat(heldRow.getAttribute("data-state")).isEqualTo("BLOCKED");
    assertThat(heldRow.getText()).contains("held at Phase 1 gate").contains("Step 3").contains("CWBI-DEV: FAILED").contains("T7: passed")
        .contains("Fix what the CWBI-DEV check found").contains("[District]");
    assertThat(row("NWDP").getText()).contains("Phase 1, Step 1").contains("Task 1.3").contains("(swt-water)")
        .contains("(unclaimed)");
    assertThat(row("SWF").getText()).contains("Step 5").contains("CWBI-TEST: passed");
    assertThat(heldRow.findElement(By.cssSelector("td.cwbi-roadmap-version")).getText()).isEqualTo("version 3");
    assertThat(row("SPK").getAttribute("data-state")).isEqualTo("FINISHED");
    assertThat(row("SPK").getText()).contains("finished").contains("Step 9 done").contains("100%")
        .contains("CWBI-PROD history: passed");

    List<String> order = web.findElements(By.cssSelector("tr.cwbi-row")).stream()
        .map(r -> r.getAttribute("data-office")).toList();
    assertThat(order.indexOf("NWDM")).as("held office first").isLessThan(order.indexOf("NWDP"));
    assertThat(order.indexOf("NWDP")).isLessThan(order.indexOf("SPK"));
    assertThat(heldRow.findElement(By.cssSelector("td a")).getAttribute("href"))
        .endsWith("/camunda/app/cockpit/default/#/process-instance/" + held.getId() + "/runtime");

    // below Cockpit's fixed header
    ((JavascriptExecutor) web).executeScript("const e = arguments[0]; e.scrollIntoView({block: 'start'});"
        + "let p = e.parentElement; while (p && p.scrollHeight <= p.clientHeight) { p = p.parentElement; }"
        + "if (p) { p.scrollTop -= 80; } else { window.scrollBy(0, -80); }",
        web.findElement(By.cssSelector(".cwbi-dashboard")));
    Browser.docsScreenshot("cockpit-dashboard");

    // the office's audit trail, in the same session
    web.get(baseUrl() + "/dashboard/audit.html?office=NWDM");
    Browser.waitFor(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#audit tr.check[data-activity='check_cwbi_dev']")));
    String page = web.findElement(By.id("audit")).getText();
    assertThat(page).contains("Task 1.3").contains("Crit file used").contains("nwdm-water").contains("FAILED")
        .contains("stale").contains("What to do:").doesNotContain("critFile").doesNotContain("task_1_3_critimport");
    assertThat(web.findElement(By.id("csv")).getAttribute("href")).endsWith("/api/dashboard/offices/NWDM/audit.csv");
    Browser.screenshot("audit-trail-held-office");

    // the held migration as Cockpit draws the model: one row per phase, each step a collapsed sub-process, each
    // check a call activity; the check it called (drawn once) shows the fix task it waits on and the wait before a
    // re-check
    web.get(baseUrl() + "/camunda/app/cockpit/default/#/process-instance/" + held.getId() + "/runtime");
    Browser.waitFor(60).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".djs-container [data-element-id='check_cwbi_dev']")));
    for (String id : List.of("step_1", "check_t7", "step_4", "step_5", "gate_phase_2", "step_6", "step_9")) {
      assertThat(web.findElement(By.cssSelector(".djs-container [data-element-id='" + id + "']")).isDisplayed())
          .as("%s on the top level", id).isTrue();
    }
    // the whole name in the box (SVG text comes back line by line, without the spaces where it wraps)
    assertThat(web.findElement(By.cssSelector(".djs-container [data-element-id='step_1']")).getText()
        .replaceAll("\\s+", "")).isEqualTo("Step1:Convert/testalldataprocessesonT7");
    Browser.docsScreenshot("process-diagram");
    String called = driver.calledCheck(held.getId(), "check_cwbi_dev");
    assertThat(called).as("the Phase 1 gate runs in the check it called").isNotNull();
    web.get(baseUrl() + "/camunda/app/cockpit/default/#/process-instance/" + called + "/runtime");
    Browser.waitFor(60).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".djs-container [data-element-id='task_fix_findings']")));
    assertThat(web.findElement(By.cssSelector(".djs-container [data-element-id='wait_next_check']"))
        .isDisplayed()).isTrue();
    Browser.screenshot("process-diagram-phase-1-gate");
  }

  /** Claims (the audit's "who") and completes each listed open task, in order. */
  private void completeAs(String user, String processInstanceId, String... taskKeys) {
    for (String key : taskKeys) {
      if (driver.task(processInstanceId, key) != null) {
        tasks.claim(driver.task(processInstanceId, key).getId(), user);
        driver.complete(processInstanceId, key);
      }
    }
  }

  private static WebElement row(String office) {
    return Browser.driver().findElement(By.cssSelector("tr.cwbi-row[data-office='" + office + "']"));
  }
}
