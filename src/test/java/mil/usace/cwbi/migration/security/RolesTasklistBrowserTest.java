package mil.usace.cwbi.migration.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import mil.usace.cwbi.migration.process.TasklistFilters;
import mil.usace.cwbi.migration.support.Browser;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Roles in a real headless Chromium. SWT's migration is at Step 4: HEC's tasks and the District's Step 4 comments
 * are open. swt-water in Tasklist, under "All offices" and "My group's tasks", sees only tasks it can work: each one
 * it opens, it claims (no failing Claim button), and it sends HEC a comment through the Step 4 form, which shows
 * how far HEC is. hec-engineer then reads the comment in the office's audit trail.
 */
class RolesTasklistBrowserTest extends IntegrationTest {

  static final By TASK_LINKS = By.xpath("//*[contains(@class,'tasks-list')]//li//h4/a");
  static final String COMMENT = "Please migrate the KEYS pool computation first: it feeds the morning report.";

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;

  ProcessInstance swt;

  @BeforeEach
  void swtAtStep4() {
    deleteMigrations();
    verifier.passAll();
    swt = driver.start("SWT", false);
    driver.completeAll(swt.getId(), "task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
        "task_1_5_export_shef_config", "task_1_6_opendcs_dev",
        "task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products", "task_2_4_custom_schema",
        "task_3_1_modeling_ops");
    driver.complete(swt.getId(), "task_4_batch_scripts"); // HEC is part way through Step 4
  }

  @AfterEach
  void cleanUp(TestInfo info) throws Exception {
    screenshot(info.getDisplayName().replaceAll("[^A-Za-z0-9]", ""));
    verifier.reset();
    deleteMigrations();
  }

  static void screenshot(String name) throws Exception {
    File shot = ((TakesScreenshot) Browser.driver()).getScreenshotAs(OutputType.FILE);
    Files.createDirectories(new File("target/screenshots").toPath());
    Files.copy(shot.toPath(), new File("target/screenshots/" + name + ".png").toPath(),
        StandardCopyOption.REPLACE_EXISTING);
  }

  void deleteMigrations() {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey("SWT").rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  static void click(WebElement e) {
    // a script click: tooltips and the page footer may lie over a link or button at 1400x900
    ((JavascriptExecutor) Browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});"
        + "arguments[0].click();", e);
  }

  static void openFilter(String name) {
    click(Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'task-filters')]//h4/a[contains(., '" + name + "')]"))));
  }

  @Test
  void theDistrictSeesNoFailingClaimButtonAndHecReadsItsComment() throws Exception {
    WebDriver web = Browser.driver();
    List<String> hecNames = tasks.createTaskQuery().processInstanceId(swt.getId()).taskCandidateGroup("hec").list()
        .stream().map(t -> t.getName()).toList();
    assertThat(hecNames).hasSize(3); // schema functions, LDM products, OpenDCS (batch scripts done; no USGS)

    Browser.loginTasklist(baseUrl(), "swt-water", "demo");
    for (String filter : List.of(TasklistFilters.ALL_OFFICES, "My group")) {
      openFilter(filter);
      Browser.waitFor(30).until(d -> d.findElement(By.cssSelector(".tasks-list")).getText()
          .contains("Work with HEC"));
      String list = web.findElement(By.cssSelector(".tasks-list")).getText();
      for (String hec : hecNames) {
        assertThat(list).as(filter).doesNotContain(hec);
      }
    }

    // every task listed: open it, Claim works (the button goes, the task is ours, no error shown)
    openFilter(TasklistFilters.ALL_OFFICES);
    Browser.waitFor(30).until(d -> !d.findElements(TASK_LINKS).isEmpty());
    int listed = web.findElements(TASK_LINKS).size();
    assertThat(listed).isEqualTo(tasks.createTaskQuery().processInstanceId(swt.getId())
        .taskCandidateGroup("district-swt").count());
    for (int i = 0; i < listed; i++) {
      click(web.findElements(TASK_LINKS).get(i));
      click(Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))));
      Browser.waitFor(30).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
      assertThat(web.findElements(By.cssSelector(".notifications .alert-danger, .page-notifications .alert-danger")))
          .as("no error after Claim").isEmpty();
    }
    assertThat(tasks.createTaskQuery().processInstanceId(swt.getId()).taskAssignee("swt-water").count())
        .isEqualTo(listed);

    // the Step 4 comments: HEC's progress in the form, a comment sent with Complete
    click(Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'tasks-list')]//a[contains(., 'Work with HEC')]"))));
    WebElement form = Browser.waitFor(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".fjs-container")));
    Browser.waitFor(30).until(d -> form.getText().contains("HEC's Step 4 work"));
    String progress = form.getText();
    assertThat(progress).contains("CWMS-Batch scripts to the CWBI-TEST branch: done")
        .contains("OpenDCS configurations: open")
        .contains("USGS data processes in CWBI-TEST: not needed (the office uses no USGS data)");
    WebElement comment = Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
        By.cssSelector(".fjs-container [id$='-Field_step4Comment']")));
    comment.sendKeys(COMMENT);
    comment.sendKeys(Keys.TAB);
    Thread.sleep(1_000); // form-js takes typed text into its data after a short debounce
    screenshot("district-step-4-comment");
    click(Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[contains(@class,'btn-primary') and contains(., 'Complete')]"))));
    Browser.waitFor(30).until(d -> history.createHistoricTaskInstanceQuery().processInstanceId(swt.getId())
        .taskDefinitionKey("task_4_district_comments").finished().count() == 1);
    assertThat(driver.task(swt.getId(), "task_4_district_comments")).as("back for the next comment").isNotNull();

    // HEC reads it in the office's audit trail
    Browser.login(baseUrl(), "cockpit", "hec-engineer", "demo");
    web.get(baseUrl() + "/dashboard/audit.html?office=SWT");
    // the office's trail also lists earlier migrations of SWT: look for this comment's line
    WebElement line = Browser.waitFor(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[@id='audit']//tr[contains(@class,'comment') and contains(., 'KEYS pool computation')]")));
    assertThat(line.getText()).contains("Comment from the District on Step 4").contains(COMMENT)
        .contains("swt-water");
  }

  @Test
  void hecMarksAStep4ItemNotApplicableWithItsReasonInTasklist() throws Exception {
    WebDriver web = Browser.driver();
    Browser.loginTasklist(baseUrl(), "hec-engineer", "demo");
    openFilter(TasklistFilters.ALL_OFFICES);
    click(Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'tasks-list')]//a[contains(., 'Import OpenDCS configurations into CWBI-TEST')]"))));
    click(Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))));
    Browser.waitFor(30).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));

    By reason = By.cssSelector(".fjs-container [id$='-Field_opendcsImportedTestNotApplicableReason']");
    Browser.waitFor(30).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-container")));
    assertThat(web.findElements(reason)).as("the reason appears only when the box is ticked").isEmpty();
    click(Browser.waitFor(30).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".fjs-container [id$='-Field_opendcsImportedTestNotApplicable']"))));
    WebElement why = Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(reason));
    why.sendKeys("SWT has no OpenDCS configuration: its data arrive through the LRGS feed.");
    why.sendKeys(Keys.TAB);
    Thread.sleep(1_000); // form-js takes typed text into its data after a short debounce
    screenshot("hec-not-applicable");
    click(Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[contains(@class,'btn-primary') and contains(., 'Complete')]"))));
    Browser.waitFor(30).until(d -> history.createHistoricTaskInstanceQuery().processInstanceId(swt.getId())
        .taskDefinitionKey("task_4_opendcs_import").finished().count() == 1);
    assertThat(runtime.getVariable(swt.getId(), "opendcsImportedTestNotApplicable")).isEqualTo(true);
    assertThat(runtime.getVariable(swt.getId(), "opendcsImportedTestNotApplicableReason").toString())
        .contains("LRGS feed");
  }

  @Test
  void theDistrictProposesAnotherTestDurationAndHecSeesItInItsForm() throws Exception {
    WebDriver web = Browser.driver();
    driver.completeAll(swt.getId(), "task_4_schema_functions", "task_4_ldm_products", "task_4_opendcs_import",
        "task_4_district_comments");
    driver.complete(swt.getId(), "task_5_set_test_period", java.util.Map.of("testPeriod", "P14D"));

    Browser.loginTasklist(baseUrl(), "swt-water", "demo");
    openFilter("My group");
    click(Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'tasks-list')]//a[contains(., 'Agree the testing duration')]"))));
    click(Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))));
    Browser.waitFor(30).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
    WebElement form = Browser.waitFor(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".fjs-container")));
    Browser.waitFor(30).until(d -> form.getText().contains("for P14D"));
    WebElement proposed = Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
        By.cssSelector(".fjs-container [id$='-Field_proposedTestPeriod']")));
    proposed.sendKeys("P21D");
    WebElement why = web.findElement(By.cssSelector(".fjs-container [id$='-Field_proposedTestPeriodReason']"));
    why.sendKeys("Spring runoff: the KEYS forecasts need three weeks.");
    why.sendKeys(Keys.TAB);
    Thread.sleep(1_000); // form-js takes typed text into its data after a short debounce
    screenshot("district-proposes-test-duration");
    click(Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[contains(@class,'btn-primary') and contains(., 'Complete')]"))));
    Browser.waitFor(30).until(d -> driver.task(swt.getId(), "task_5_set_test_period") != null);

    Browser.loginTasklist(baseUrl(), "hec-engineer", "demo");
    openFilter("My group");
    click(Browser.waitFor(30).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'tasks-list')]//a[contains(., 'Agree the testing duration with the District')]"))));
    WebElement hecForm = Browser.waitFor(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".fjs-container")));
    Browser.waitFor(30).until(d -> hecForm.getText().contains("The District proposes P21D"));
    assertThat(hecForm.getText()).contains("Spring runoff: the KEYS forecasts need three weeks.")
        .doesNotContain("final");
    screenshot("hec-sees-the-proposal");
  }
}
