package mil.usace.cwbi.migration.process;

import static mil.usace.cwbi.migration.cda.CdaStubs.location;
import static mil.usace.cwbi.migration.cda.CdaStubs.member;
import static mil.usace.cwbi.migration.cda.CdaStubs.series;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.cda.CdaStubs;
import mil.usace.cwbi.migration.dashboard.DashboardQueries;
import mil.usace.cwbi.migration.dashboard.OfficeRow;
import mil.usace.cwbi.migration.process.forms.JsonValues;
import mil.usace.cwbi.migration.roadmap.Roadmap;
import mil.usace.cwbi.migration.support.Browser;
import mil.usace.cwbi.migration.support.FormFiller;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.support.TestServers;
import mil.usace.cwbi.migration.verification.Environment;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A whole migration of Tulsa District (SWT, with USGS data) in a real headless Chromium, through Tasklist only:
 * the district's tasks as {@code swt-water}, HEC's as {@code hec-engineer}; every form filled by typing, ticking
 * and choosing, and completed with its own Complete button.
 *
 * <p>The walk is not a fixed list of tasks: it completes whatever is open, as whoever may act on it, filling the
 * visible required fields from a value table with defaults by type ({@link FormFiller}). The points this test is
 * about are asserted where they happen: Task 1.1 with rows added and one removed (and its return, saying why);
 * Tasks 2.3 and 2.4 with rows; the CWBI-DEV check failing for real against the CDA stand-in (WireMock), its fix
 * task, the check passing; Step 5 reporting an issue, Step 6, Step 5 again; the migration's end.
 */
class TasklistMigrationWalkBrowserTest extends IntegrationTest {

  static final String OFFICE = "SWT";
  static final Map<String, String> ACTOR_OF_GROUP = Map.of("district-swt", "swt-water", "hec", "hec-engineer");
  static final By COMPLETE = By.xpath("//button[contains(@class,'btn-primary') and contains(., 'Complete')]");
  static final By MY_GROUP_FILTER = By.xpath("//*[contains(@class,'task-filters')]//h4/a[contains(., 'My group')]");

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired DashboardQueries dashboard;
  @Autowired Roadmap roadmap;

  final CdaStubs t7 = new CdaStubs(TestServers.cda(), "walk-t7");
  final CdaStubs dev = new CdaStubs(TestServers.cda(), "dev");
  final Instant now = Instant.now();
  final Map<String, Integer> visits = new HashMap<>();
  final List<String> walked = new ArrayList<>();
  String pi;
  String loggedIn;

  /** What the walk types where a test point needs it; everything else gets defaults by type (FormFiller). */
  final Map<String, Object> table = new HashMap<>(Map.of(
      "dataProcessesConfirmed", true,
      "rtsForecastsSuccessful", true,
      // a short agreed test period: the walk waits for it instead of moving the engine's clock
      "testPeriod", "PT3S"));

  @BeforeEach
  void setUp() {
    deleteMigrations();
    // CWBI-DEV and T7 are checked for real through the CDA stand-in; the later environments pass
    verifier.pass(Environment.CWBI_TEST, Environment.CWBI_PROD, Environment.HISTORY);
    serve(t7, inventory(4));
    serve(dev, inventory(2)); // lacks two of T7's series: the Phase 1 gate fails
  }

  @AfterEach
  void tearDown(TestInfo info) {
    Browser.screenshot("walk-" + info.getTestMethod().map(m -> m.getName()).orElse("end"));
    verifier.reset();
    t7.reset();
    dev.reset();
    deleteMigrations();
  }

  void deleteMigrations() {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(OFFICE).rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  List<Map<String, Object>> inventory(int lakes) {
    List<Map<String, Object>> c = new ArrayList<>();
    for (String id : MigrationDriver.CRITICAL) {
      c.add(series(OFFICE, id, "1Hour", now.minus(900, ChronoUnit.DAYS), now.minus(1, ChronoUnit.HOURS)));
    }
    c.add(series(OFFICE, "KEYS.Precip.Total.1Hour.1Hour.SHEF-raw", "1Hour", now.minus(900, ChronoUnit.DAYS),
        now.minus(1, ChronoUnit.HOURS)));
    c.add(series(OFFICE, "KEYS.Flow.Inst.15Minutes.0.USGS-raw", "15Minutes", now.minus(900, ChronoUnit.DAYS),
        now.minus(20, ChronoUnit.MINUTES)));
    for (int i = 0; i < lakes; i++) {
      c.add(series(OFFICE, "LAKE" + i + ".Elev.Inst.15Minutes.0.Raw", "15Minutes", now.minus(900, ChronoUnit.DAYS),
          now.minus(20, ChronoUnit.MINUTES)));
    }
    return c;
  }

  static void serve(CdaStubs cda, List<Map<String, Object>> inventory) {
    cda.up().office(OFFICE, "Tulsa District");
    cda.catalog("TIMESERIES", OFFICE, inventory, 500);
    cda.catalog("LOCATIONS", OFFICE, List.of(location(OFFICE, "KEYS")), 500);
    cda.group("SHEF Data Acquisition", List.of(member(OFFICE, "KEYS.Precip.Total.1Hour.1Hour.SHEF-raw")));
    cda.group("USGS TS Data Acquisition", List.of(member(OFFICE, "KEYS.Flow.Inst.15Minutes.0.USGS-raw")));
  }

  @Test
  void aWholeMigrationIsWorkedInTasklistByTheDistrictAndHec() {
    loginAs("swt-water");
    startTheMigration();

    for (int round = 0; round < 150 && !ended(); round++) {
      List<Task> open = openTasks();
      if (open.isEmpty()) {
        waitForTheNextTimer(); // Step 5's test period
        continue;
      }
      Task next = open.stream().filter(t -> actorOf(t).equals(loggedIn)).findFirst().orElse(open.get(0));
      if (!actorOf(next).equals(loggedIn)) {
        loginAs(actorOf(next));
      }
      work(next);
    }

    assertThat(ended()).as("the migration ended; walked: %s", walked).isTrue();
    assertThat(completions("task_1_1_convert_scripts")).as("Task 1.1 came back once").isEqualTo(2);
    assertThat(completions(MigrationDriver.FIX_TASK)).isEqualTo(1);
    assertThat(completions("task_6_fix_issues")).as("Step 6 once").isEqualTo(1);
    assertThat(completions("task_5_confirm_data_processes")).as("Step 5 twice").isEqualTo(2);
    assertThat(completions("task_9_decommission_t7")).isEqualTo(1);
    for (HistoricTaskInstance t : history.createHistoricTaskInstanceQuery().rootProcessInstanceId(pi).list()) {
      assertThat(t.getAssignee()).as(t.getName()).isIn("swt-water", "hec-engineer");
      assertThat(t.getEndTime()).as(t.getName()).isNotNull();
    }

    // the audit trail of the whole walk, as HEC reads it
    loginAs("hec-engineer");
    Browser.driver().get(baseUrl() + "/dashboard/audit.html?office=" + OFFICE);
    Browser.waitFor(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#audit tr.check[data-activity='check_cwbi_dev']")));
    assertThat(Browser.driver().findElement(By.id("audit")).getText())
        .contains("Task 1.1", "swt-water", "hec-engineer", "Step 6");
    Browser.docsScreenshot("audit-trail");
  }

  // ---- the walk

  void loginAs(String user) {
    Browser.loginTasklist(baseUrl(), user, "demo");
    loggedIn = user;
  }

  void startTheMigration() {
    WebDriver web = Browser.driver();
    Browser.click(By.xpath("//a[@ng-click='open()' and contains(., 'Start process')]"));
    Browser.click(By.xpath("//div[contains(@class,'modal')]//a[contains(., 'District Cloud Migration')]"));
    new FormFiller(Map.of("office", OFFICE, "t7CdaUrl", t7.baseUrl(), "usesUsgsData", true,
        "criticalTimeSeries", String.join("\n", MigrationDriver.CRITICAL))).fill("cwbi-migration-start");
    Browser.click(By.xpath("//div[contains(@class,'modal-footer')]//button[contains(., 'Start')]"));
    Browser.waitFor(30).until(d -> runtime.createProcessInstanceQuery().processInstanceBusinessKey(OFFICE).rootProcessInstances().count() == 1);
    pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(OFFICE).rootProcessInstances().singleResult().getId();
    assertThat(runtime.getVariable(pi, "initiator")).isEqualTo("swt-water");
    driver.runJobs(pi);

    // Guidance: without a click, the list in front of the user shows the new tasks ("My group's tasks" opens first)
    Task first = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("task_1_1_convert_scripts")
        .singleResult();
    Browser.waitFor(60).until(ExpectedConditions.visibilityOfElementLocated(taskLink(first.getId())));
    assertThat(web.findElement(By.cssSelector(".task-filters .task-filter.active")).getText()).contains("My group");
  }

  List<Task> openTasks() {
    return tasks.createTaskQuery().processInstanceIdIn(driver.instanceTree(pi)).initializeFormKeys().orderByTaskCreateTime().asc().list();
  }

  boolean ended() {
    return pi != null && runtime.createProcessInstanceQuery().processInstanceId(pi).count() == 0;
  }

  String actorOf(Task task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && ACTOR_OF_GROUP.containsKey(link.getGroupId())) {
        return ACTOR_OF_GROUP.get(link.getGroupId());
      }
    }
    throw new AssertionError("nobody in this walk may act on " + task.getName());
  }

  long completions(String taskKey) {
    return history.createHistoricTaskInstanceQuery().rootProcessInstanceId(pi).taskDefinitionKey(taskKey).finished()
        .count();
  }

  /** Nothing to do until a timer fires (the test period): wait for it when it is due soon, then run it. */
  void waitForTheNextTimer() {
    List<Job> timers = management.createJobQuery().rootProcessInstanceId(pi).timers().orderByJobDuedate().asc().list();
    assertThat(timers).as("no open task, no timer: the walk is stuck after %s", walked).isNotEmpty();
    Instant due = timers.get(0).getDuedate().toInstant();
    assertThat(due).as("next timer %s", timers.get(0)).isBefore(Instant.now().plusSeconds(30));
    Browser.waitFor(40).until(d -> Instant.now().isAfter(due.plusMillis(200)));
    driver.runJobs(pi);
  }

  static By taskLink(String taskId) {
    return By.xpath("//*[contains(@class,'tasks-list')]//h4/a[contains(@href, 'task=" + taskId + "')]");
  }

  void work(Task task) {
    String key = task.getTaskDefinitionKey();
    int visit = visits.merge(key, 1, Integer::sum);
    walked.add(key + "#" + visit);
    String formKey = formKey(task);
    open(task, formKey);

    Map<String, Object> values = new HashMap<>(table);
    values.putAll(before(key, visit, task));
    new FormFiller(values).fill(formKey);
    if (key.equals("task_1_1_convert_scripts") && visit == 1) {
      // the district changes its mind: the third script is not one of this server's
      FormFiller.removeRow("List_scriptInventory", 2);
    }
    complete(task);
    driver.runJobs(pi); // the test profile runs no job executor: the checks, mails and decisions run here
    after(key, visit);
  }

  static String formKey(Task task) {
    if (task.getCamundaFormRef() != null) {
      return task.getCamundaFormRef().getKey();
    }
    String formKey = task.getFormKey();
    return formKey.substring(formKey.lastIndexOf(':') + 1).replace(".form", "");
  }

  /** Opens the task from "My group's tasks", claims it, waits for its own form. */
  void open(Task task, String formKey) {
    WebDriver web = Browser.driver();
    for (int attempt = 0; web.findElements(taskLink(task.getId())).isEmpty(); attempt++) {
      // a script click: a filter's tooltip may lie over the link; the list re-renders, so look it up each try
      Browser.waitFor(30).ignoring(StaleElementReferenceException.class).until(d -> {
        ((JavascriptExecutor) d).executeScript("arguments[0].click();", d.findElement(MY_GROUP_FILTER));
        return true;
      });
      try {
        Browser.waitFor(15).until(ExpectedConditions.visibilityOfElementLocated(taskLink(task.getId())));
      } catch (TimeoutException e) {
        if (attempt >= 2) {
          throw new AssertionError(loggedIn + " does not see " + task.getName() + " in My group's tasks", e);
        }
      }
    }
    Browser.click(taskLink(task.getId()));
    Browser.waitFor(30).until(ExpectedConditions.urlContains("task=" + task.getId()));
    String heading = heading(formKey);
    By form = By.cssSelector(".fjs-container");
    Browser.waitFor(30).until(d -> d.findElements(form).stream()
        .anyMatch(c -> c.isDisplayed() && c.getText().contains(heading)));
    // the form is shown greyed out until the task is claimed
    if (web.findElements(By.cssSelector("button.claim")).stream().anyMatch(WebElement::isDisplayed)) {
      Browser.click(By.cssSelector("button.claim"));
      Browser.waitFor(30).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
    }
    Browser.waitFor(30).until(d -> d.findElements(By.cssSelector(".disabled-form")).isEmpty()
        && d.findElements(form).stream().anyMatch(c -> c.isDisplayed() && c.getText().contains(heading)));
  }

  /** The first line of the form's first text: its title, without Markdown. */
  static String heading(String formKey) {
    for (JsonNode c : FormFiller.schema(formKey).path("components")) {
      if ("text".equals(c.path("type").asText())) {
        return c.path("text").asText().split("\n")[0].replaceAll("^#+\\s*", "").strip();
      }
    }
    return "";
  }

  void complete(Task task) {
    Browser.click(COMPLETE);
    try {
      Browser.waitFor(60).until(d -> history.createHistoricTaskInstanceQuery().taskId(task.getId()).finished()
          .count() == 1);
    } catch (TimeoutException e) {
      Browser.screenshot("walk-not-completed-" + task.getTaskDefinitionKey());
      String errors = Browser.driver().findElements(By.cssSelector(".fjs-form-field-error, .notifications .alert"))
          .stream().map(WebElement::getText).toList().toString();
      throw new AssertionError(task.getName() + " did not complete: " + errors, e);
    }
  }

  // ---- the points the walk is about

  /** Values for this visit of the task, and what must be on screen before it is filled. */
  Map<String, Object> before(String key, int visit, Task task) {
    WebDriver web = Browser.driver();
    Map<String, Object> v = new LinkedHashMap<>();
    switch (key) {
      case "task_1_1_convert_scripts" -> {
        if (visit == 1) {
          rowFieldsBlockCompleteOnlyWhenWrong();
          v.put("scriptInventory", List.of(
              script("nightly_usgs_pull.py", "Pulls USGS stage and flow every hour", "usgs-acquisition",
                  "schedule", "usgs-web-service", "cwms-database", "converted"),
              script("old_fax_report.sh", "Faxes the morning report", "obsolete", "schedule", "cwms-database",
                  "email-or-report", "to-convert"),
              script("keys_inflow_calc.py", "Computes KEYS inflow", "computation", "on-data-arrival",
                  "cwms-database", "cwms-database", "converted")));
        } else {
          // the task came back and says why: the open script, its recommendation and the reason, in full
          String form = web.findElement(By.cssSelector(".fjs-container")).getText();
          assertThat(form).contains("This task came back: 1 of 2 scripts is still open", "old_fax_report.sh",
              "Recommended: Retire", "no longer serves a data process");
          assertThat(FormFiller.rows(web.findElement(By.cssSelector(
              ".fjs-container [aria-labelledby$='-List_scriptInventory']")))).hasSize(2);
          WebElement why = web.findElement(By.cssSelector(".fjs-container textarea[id$='-Field_reason_1']"));
          assertThat(why.getAttribute("value")).isEqualTo(
              "The script no longer serves a data process: retire it instead of migrating it.");
          // a tall window for the picture: the message and both rows at once
          Dimension normal = web.manage().window().getSize();
          web.manage().window().setSize(new Dimension(normal.getWidth(), 2000));
          try {
            ((JavascriptExecutor) web).executeScript("arguments[0].scrollIntoView({block: 'start'});",
                web.findElement(By.xpath("//*[contains(@class,'fjs-container')]//*[contains(., 'This task came back')]"
                    + "[not(.//*[contains(., 'This task came back')])]")));
            Browser.docsScreenshot("task-1-1-rows");
          } finally {
            web.manage().window().setSize(normal);
          }
          v.put("scriptInventory", List.of(Map.of(), Map.of("status", "retired")));
        }
      }
      case "task_2_3_ldm_products" -> v.put("ldmProducts", List.of(
          Map.of("productName", "SWT SHEF stage bulletins", "direction", "receive", "filePattern",
              "^SWT_.*\\.shef$", "feedType", "EXP"),
          Map.of("productName", "KEYS release schedule", "direction", "send", "filePattern",
              "keys_release_[0-9]{8}\\.txt")));
      case "task_2_4_custom_schema" -> v.put("customSchemaFunctions", List.of(
          Map.of("functionName", "SWT_UTIL.compute_inflow", "purpose", "KEYS inflow computation"),
          Map.of("functionName", "SWT_JOBS.nightly_cleanup", "purpose", "Purges stale forecast runs")));
      case MigrationDriver.FIX_TASK -> {
        assertThat(visit).as("the CWBI-DEV check passes after one fix").isEqualTo(1);
        assertThat(shownText()).contains("CWBI-DEV", "LAKE2");
        assertThat((String) runtime.getVariable(pi, "verification_cwbi_dev")).contains("\"passed\" : false",
            "LAKE2.ELEV.INST.15MINUTES.0.RAW");
        Browser.docsScreenshot("fix-task-failed-check");
        // the district loads the missing series into CWBI-DEV, then says so
        dev.reset();
        serve(dev, inventory(4));
        v.put("fixNotes", "Loaded LAKE2 and LAKE3 elevations into CWBI-DEV with cwms-cli.");
      }
      case "task_5_confirm_data_processes" -> {
        if (visit == 1) {
          v.put("dataProcessesConfirmed", false);
          v.put("step5Issues", "KEYS inflow computation is not running in CWBI-TEST.");
        }
      }
      case "task_4_district_comments" -> {
        // the District comments on HEC's Step 4 work once (the task comes back), then says Step 4 is done on its side
        if (visit == 1) {
          v.put("step4Comment", "Please keep the KEYS inflow computation's schedule as on T7.");
        }
        v.put("step4DistrictDone", visit > 1);
      }
      case "task_5_agree_test_period" -> v.put("testPeriodAgreed", true);
      case "task_6_district_review" -> v.put("step6ReadyToRetest", true);
      case "task_6_fix_issues" -> {
        // HEC reads the district's report in the form
        assertThat(shownText()).contains("KEYS inflow computation is not running in CWBI-TEST.");
        v.put("fixNotes", "Scheduled the KEYS inflow computation in the CWBI-TEST batch process.");
      }
      default -> {
        if (roadmap.of(task.getProcessDefinitionId()).isFixTask(key)) {
          throw new AssertionError("unexpected failed check: " + key + ": "
              + tasks.getVariable(task.getId(), "findings"));
        }
      }
    }
    return v;
  }

  /**
   * Typing into a row of a list leaves Complete enabled (Tasklist 7.24 alone greys it out for good: form-js reports
   * an empty error list per row field, see cwbi-tasklist/forms.js); a real error in a row still disables it.
   */
  void rowFieldsBlockCompleteOnlyWhenWrong() {
    WebDriver web = Browser.driver();
    WebElement name = web.findElement(By.cssSelector(".fjs-container input[id$='-Field_name_0']"));
    WebElement complete = web.findElement(COMPLETE);
    Browser.click(name);
    name.sendKeys("nightly_usgs_pull.py");
    Browser.waitFor(10).until(d -> d.findElements(By.cssSelector(".fjs-form-field-error")).isEmpty());
    Browser.waitFor(10).until(d -> complete.isEnabled());
    name.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    Browser.waitFor(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form-field-error")));
    Browser.waitFor(10).until(d -> !complete.isEnabled());
    name.sendKeys("nightly_usgs_pull.py");
    Browser.waitFor(10).until(d -> complete.isEnabled());
  }

  /** What the form shows: its text and the values of its text areas (read-only explanations included). */
  static String shownText() {
    WebDriver web = Browser.driver();
    StringBuilder all = new StringBuilder(web.findElement(By.cssSelector(".fjs-container")).getText());
    for (WebElement area : web.findElements(By.cssSelector(".fjs-container textarea"))) {
      all.append('\n').append(area.getAttribute("value"));
    }
    return all.toString();
  }

  /** What the completed task must have left behind. */
  void after(String key, int visit) {
    switch (key) {
      case "task_1_1_convert_scripts" -> {
        List<Map<String, Object>> inventory = JsonValues.listOfObjects(runtime.getVariable(pi, "scriptInventory"));
        assertThat(inventory).extracting(s -> s.get("name"))
            .containsExactly("nightly_usgs_pull.py", "old_fax_report.sh");
        assertThat(inventory).extracting(s -> s.get("status"))
            .containsExactly("converted", visit == 1 ? "to-convert" : "retired");
        assertThat(driver.openTaskKeys(pi).contains("task_1_1_convert_scripts")).isEqualTo(visit == 1);
      }
      case "task_1_3_critimport" -> {
        // Guidance: the dashboard's progress moves with the first tasks done
        OfficeRow row = dashboard.offices().stream().filter(r -> r.office().equals(OFFICE)).findFirst().orElseThrow();
        assertThat(row.step()).isEqualTo(1);
        assertThat(row.progressPercent()).isPositive();
      }
      case "task_2_3_ldm_products" -> assertThat(JsonValues.listOfObjects(runtime.getVariable(pi, "ldmProducts")))
          .extracting(p -> p.get("filePattern")).containsExactly("^SWT_.*\\.shef$", "keys_release_[0-9]{8}\\.txt");
      case "task_2_4_custom_schema" -> assertThat(
          JsonValues.listOfObjects(runtime.getVariable(pi, "customSchemaFunctions")))
          .extracting(p -> p.get("functionName")).containsExactly("SWT_UTIL.compute_inflow", "SWT_JOBS.nightly_cleanup");
      case MigrationDriver.FIX_TASK -> assertThat(runtime.getVariable(pi, "verification_cwbi_dev_passed"))
          .as("after the fix the real CWBI-DEV check passes").isEqualTo(true);
      case "task_5_confirm_data_processes" -> assertThat(runtime.getVariable(pi, "dataProcessesConfirmed"))
          .isEqualTo(visit > 1);
      default -> { }
    }
  }

  static Map<String, Object> script(String name, String description, String purpose, String runs, String reads,
      String writes, String status) {
    Map<String, Object> s = new LinkedHashMap<>(MigrationDriver.script(name, purpose, runs, reads, writes, status));
    s.put("description", description);
    return s;
  }
}
