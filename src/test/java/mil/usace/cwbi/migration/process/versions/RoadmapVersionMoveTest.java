package mil.usace.cwbi.migration.process.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mil.usace.cwbi.migration.dashboard.AuditEntry;
import mil.usace.cwbi.migration.dashboard.AuditTrail;
import mil.usace.cwbi.migration.dashboard.DashboardQueries;
import mil.usace.cwbi.migration.dashboard.OfficeRow;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.verification.Environment;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Issue 12's migration test: offices started on roadmap version 1 (the copy in src/test/resources/roadmap-versions)
 * at several points, moved through version 2 (its exact copy there) to version 3 (bpmn/, deployed again after them
 * so it stays the newest for the other tests) by the application's {@link RunningOfficesMover}, the plans in order,
 * with nothing lost (tasks with their ids, assignees, due dates and local data; variables; timers with their due
 * dates; check jobs with their retries; check reports; the audit trail), then finished on version 3. An office
 * inside a check on version 2 has that check started again in the check version 3 calls ({@link Version2To3}).
 */
@ExtendWith(OutputCaptureExtension.class)
class RoadmapVersionMoveTest extends IntegrationTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired RepositoryService repository;
  @Autowired HistoryService history;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired RunningOfficesMover mover;
  @Autowired Version1To2 version1To2;
  @Autowired AuditTrail audit;
  @Autowired DashboardQueries dashboard;
  @Autowired PlatformTransactionManager transactions;
  @Autowired RoadmapVersionProperties properties;
  @Autowired mil.usace.cwbi.migration.process.RecheckProperties recheckLimits;

  static String v1;
  static String v2;
  static String v3;
  static final List<Long> MOVE_MILLIS = new ArrayList<>();

  @BeforeEach
  void setUp() {
    verifier.passAll();
    deployOnce();
  }

  @AfterEach
  void tearDown() {
    verifier.reset();
    ClockUtil.reset();
    runtime.createProcessInstanceQuery().processDefinitionKey(MigrationVariables.PROCESS_KEY).list().stream()
        .filter(p -> List.of(v1, v2, v3).contains(p.getProcessDefinitionId()))
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
    System.out.println("Roadmap version moves so far (ms per office): " + MOVE_MILLIS);
  }

  /**
   * Versions 1 and 2 as production has them, then version 3 again: new migrations of the other tests start on
   * version 3.
   */
  void deployOnce() {
    synchronized (RoadmapVersionMoveTest.class) {
      if (v1 != null) {
        return;
      }
      v1 = definitionOf(repository.createDeployment().name("roadmap version 1 (test copy)")
          .addClasspathResource("roadmap-versions/cwbi-migration-v1.bpmn").deploy());
      v2 = definitionOf(repository.createDeployment().name("roadmap version 2 (test copy)")
          .addClasspathResource("roadmap-versions/cwbi-migration-v2.bpmn").deploy());
      v3 = definitionOf(repository.createDeployment().name("roadmap version 3 (bpmn/, newest again)")
          .addClasspathResource("bpmn/cwbi-migration.bpmn").deploy());
    }
    assertThat(repository.getProcessDefinition(v1).getVersionTag()).isEqualTo("1.0.0");
    assertThat(repository.getProcessDefinition(v2).getVersionTag()).isEqualTo("2");
    assertThat(repository.getProcessDefinition(v3).getVersionTag()).isEqualTo("3");
  }

  String definitionOf(Deployment deployment) {
    return repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).singleResult().getId();
  }

  /** Starts the office's migration on version 1 and deletes a running one of the same office (one per office). */
  String startOnVersion1(String office, boolean usgs) {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(office).rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test: a fresh migration of " + office));
    String pi = runtime.startProcessInstanceById(v1, driver.startData(office, usgs)).getId();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult().getBusinessKey())
        .isEqualTo(office);
    return pi;
  }

  // ---- what must survive the move -------------------------------------------------------------------------------

  /** An open task as its user sees it: the variables its form reads (the process's and its own local ones). */
  record TaskView(String id, String key, String assignee, Date due, Date created, Map<String, String> visible) {}

  record JobView(String id, Date due, int retries, String exception) {}

  record Snapshot(Map<String, TaskView> tasks, Map<String, String> variables, Map<String, JobView> jobs,
      List<String> audit) {}

  Snapshot snapshot(String pi, String office) {
    Map<String, TaskView> open = new TreeMap<>();
    for (Task t : tasks.createTaskQuery().processInstanceId(pi).list()) {
      open.put(t.getTaskDefinitionKey(), new TaskView(t.getId(), t.getTaskDefinitionKey(), t.getAssignee(),
          t.getDueDate(), t.getCreateTime(), withoutNote(text(tasks.getVariables(t.getId())))));
    }
    Map<String, JobView> jobs = new TreeMap<>();
    for (Job j : management.createJobQuery().processInstanceId(pi).list()) {
      jobs.put(j.getId(), new JobView(j.getId(), j.getDuedate(), j.getRetries(), j.getExceptionMessage()));
    }
    List<String> trail = audit.of(office).stream().map(RoadmapVersionMoveTest::line).toList();
    return new Snapshot(open, text(runtime.getVariables(pi)), jobs, trail);
  }

  static Map<String, String> text(Map<String, Object> variables) {
    Map<String, String> t = new TreeMap<>();
    variables.forEach((k, v) -> t.put(k, String.valueOf(v)));
    return t;
  }

  static Map<String, String> withoutNote(Map<String, String> variables) {
    variables.remove(RunningOfficesMover.NOTE_VARIABLE); // the one variable a move adds: checked on its own
    return variables;
  }

  static String line(AuditEntry e) {
    return e.type() + " | " + e.activityId() + " | " + e.name() + " | " + e.time() + " | " + e.user() + " | "
        + e.passed() + " | " + e.fields();
  }

  /** Moves the offices on versions 1 and 2 with the application's mover; returns the office's note (both moves). */
  String move(String office, String pi) {
    RunningOfficesMover.Report report = mover.moveAll();
    assertThat(report.failed()).isEmpty();
    assertThat(report.moved()).containsKey(office);
    MOVE_MILLIS.addAll(report.millis());
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult().getProcessDefinitionId())
        .isEqualTo(v3);
    HistoricProcessInstance hpi = history.createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult();
    assertThat(hpi.getProcessDefinitionId()).isEqualTo(v3);
    String note = report.moved().get(office);
    assertThat(note).startsWith("Moved from roadmap version 1 to version 2. ")
        .contains(" Moved from roadmap version 2 to version 3. ");
    return note;
  }

  /** Everything of {@code before} is still there, unchanged; what is new is only {@code newTasks} and the note. */
  void assertNothingLost(Snapshot before, Snapshot after, String... newTasks) {
    Map<String, TaskView> expected = new LinkedHashMap<>(before.tasks());
    for (String key : before.tasks().keySet()) {
      assertThat(after.tasks().get(key)).as("task " + key + " kept with its id, assignee, dates and data")
          .isEqualTo(expected.get(key));
    }
    List<String> added = new ArrayList<>(after.tasks().keySet());
    added.removeAll(before.tasks().keySet());
    assertThat(added).as("new tasks").containsExactlyInAnyOrder(newTasks);

    Map<String, String> variables = new HashMap<>(after.variables());
    assertThat(variables.remove(RunningOfficesMover.NOTE_VARIABLE)).startsWith("Moved from roadmap version 2 to version 3.");
    assertThat(variables).as("variables, check reports included").isEqualTo(before.variables());

    assertThat(after.jobs()).as("timers with their due dates, check jobs with their retries")
        .containsAllEntriesOf(before.jobs());
    assertThat(after.audit()).as("the audit trail").containsAll(before.audit());
    List<String> newLines = new ArrayList<>(after.audit());
    newLines.removeAll(before.audit());
    assertThat(newLines).hasSize(2);
    assertThat(newLines.get(0)).startsWith("ROADMAP_VERSION | null | Moved to roadmap version 2 |")
        .contains("What changed");
    assertThat(newLines.get(1)).startsWith("ROADMAP_VERSION | null | Moved to roadmap version 3 |")
        .contains("What changed");
  }

  String get(String path, String authorization) {
    try {
      java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path))
              .header("Authorization", authorization).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      return response.body();
    } catch (java.io.IOException | InterruptedException e) {
      throw new AssertionError(path, e);
    }
  }

  static com.fasterxml.jackson.databind.JsonNode json(String body) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    } catch (java.io.IOException e) {
      throw new AssertionError(body, e);
    }
  }

  OfficeRow row(String office) {
    return dashboard.offices().stream().filter(r -> r.office().equals(office)).findFirst().orElseThrow();
  }

  /**
   * Works the office to the end on version 3: every task with valid data (those of the checks it calls too), every
   * job; Step 5's test period ends.
   */
  void finish(String pi) {
    HistoricProcessInstance done = driver.finish(pi);
    assertThat(done.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
    assertThat(done.getProcessDefinitionId()).isEqualTo(v3);
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pi)
        .activityId("end_migration_complete").count()).isEqualTo(1);
  }

  List<String> completedTaskKeys(String pi) {
    return history.createHistoricTaskInstanceQuery().rootProcessInstanceId(pi).finished().list().stream()
        .filter(t -> "completed".equals(t.getDeleteReason())).map(t -> t.getTaskDefinitionKey()).toList();
  }

  // ---- the offices --------------------------------------------------------------------------------------------

  @Test
  void inStep1WithATokenAtTheInclusiveJoinGetsTasks15And16AndKeepsItsClaimedTask() {
    String pi = startOnVersion1("LRN", false);
    driver.completeAll(pi, "task_1_3_critimport", "task_1_4_shef_parser"); // the 1.3-1.4 branch waits at the join
    Task t11 = driver.task(pi, "task_1_1_convert_scripts");
    tasks.claim(t11.getId(), "lrn-water");
    assertThat(runtime.getActivityInstance(pi).getActivityInstances("join_step_1")).hasSize(1);
    assertThat(row("LRN").roadmapVersion()).isEqualTo("1");
    Snapshot before = snapshot(pi, "LRN");

    String note = move("LRN", pi);

    assertThat(note).isEqualTo("Moved from roadmap version 1 to version 2. Tasks 1.5 and 1.6 added to Step 1 (Task 1.4 "
        + "was done). Moved from roadmap version 2 to version 3. Nothing changed in its current step.");
    Snapshot after = snapshot(pi, "LRN");
    assertNothingLost(before, after, Version1To2.TASK_1_5, Version1To2.TASK_1_6);
    assertThat(after.tasks().get("task_1_1_convert_scripts").assignee()).isEqualTo("lrn-water");
    for (String added : List.of(Version1To2.TASK_1_5, Version1To2.TASK_1_6)) {
      Task t = driver.task(pi, added);
      assertThat(t.getDueDate()).as(added + " has a due date").isNotNull();
      assertThat(tasks.getIdentityLinksForTask(t.getId())).anyMatch(l -> "district-lrn".equals(l.getGroupId()));
    }
    ActivityInstance tree = runtime.getActivityInstance(pi);
    assertThat(tree.getActivityInstances("step_1")).hasSize(1);
    assertThat(tree.getActivityInstances("join_step_1")).as("the done 1.3-1.4 branch moved on to 1.5; the USGS "
        + "branch this office passes by waits at the join").hasSize(1);
    assertThat(row("LRN").roadmapVersion()).isEqualTo("3");

    // Step 1 ends only when 1.1, 1.5 and 1.6 are done
    driver.complete(pi, "task_1_1_convert_scripts");
    driver.complete(pi, Version1To2.TASK_1_5);
    assertThat(driver.openTaskKeys(pi)).containsExactly(Version1To2.TASK_1_6);
    driver.complete(pi, Version1To2.TASK_1_6);
    assertThat(driver.openTaskKeys(pi)).contains("task_2_1_load_db_objects");
    finish(pi);
    assertThat(completedTaskKeys(pi)).contains("task_1_3_critimport", "task_1_4_shef_parser", Version1To2.TASK_1_5,
        Version1To2.TASK_1_6, "task_9_decommission_t7");
    assertThat(audit.of("LRN").stream().filter(e -> pi.equals(e.processInstanceId())).map(AuditEntry::name))
        .contains("Moved to roadmap version 2", "Moved to roadmap version 3", "Task 1.5: Export shef-parser configuration",
            "Task 1.3 – Run the critimport function on T7", "Migration complete");
  }

  @Test
  void inStep1WithTask14OpenGetsTask16NowAndTask15AfterTask14() {
    String pi = startOnVersion1("NAB", true);
    driver.completeAll(pi, "task_1_1_convert_scripts", "task_1_3_critimport"); // 1.1 waits at the join; 1.4 open
    assertThat(driver.openTaskKeys(pi)).containsExactly("task_1_2_usgs_scripts", "task_1_4_shef_parser");
    Snapshot before = snapshot(pi, "NAB");

    assertThat(move("NAB", pi)).contains("Task 1.6 added to Step 1; Task 1.5 follows Task 1.4.");
    assertNothingLost(before, snapshot(pi, "NAB"), Version1To2.TASK_1_6);

    driver.complete(pi, "task_1_4_shef_parser");
    assertThat(driver.openTaskKeys(pi)).containsExactly("task_1_2_usgs_scripts", Version1To2.TASK_1_5,
        Version1To2.TASK_1_6);
    driver.completeAll(pi, Version1To2.TASK_1_5, "task_1_2_usgs_scripts");
    assertThat(driver.openTaskKeys(pi)).containsExactly(Version1To2.TASK_1_6);
    finish(pi);
    assertThat(completedTaskKeys(pi)).contains("task_1_2_usgs_scripts", "task_4_usgs_config", "task_7_usgs_config");
  }

  @Test
  void heldAtThePhase1GateGetsItsFixTaskBackInTheCheckVersion3Calls() {
    String pi = startOnVersion1("SAJ", false);
    verifier.fail(Environment.CWBI_DEV);
    driver.completeAll(pi, "task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
        "task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products", "task_2_4_custom_schema",
        "task_3_1_modeling_ops");
    assertThat(driver.openTaskKeys(pi)).containsExactly("task_fix_phase_1_findings");
    assertThat(runtime.getVariable(pi, "verification_cwbi_dev_passed")).isEqualTo(false);
    Job timer = management.createJobQuery().processInstanceId(pi).timers().singleResult();
    assertThat(timer).as("the fix task's re-check timer").isNotNull();
    assertThat(row("SAJ").blockedAt()).isNotNull();
    Snapshot before = snapshot(pi, "SAJ");
    assertThat(before.tasks().get("task_fix_phase_1_findings").visible()).containsKeys("findings", "findingsSummary",
        "nextCheck");
    int checks = verifier.calls(Environment.CWBI_DEV);

    String note = move("SAJ", pi);
    assertThat(note).contains(Version1To2.NOT_ASKED)
        .endsWith("Phase 1 gate: CWBI-DEV check starts again in the one check process (its last report is kept).");
    // the check drawn in version 2 went with its fix task and timer; its report and verdict stay on the migration
    assertThat(management.createJobQuery().jobId(timer.getId()).count()).isZero();
    Snapshot after = snapshot(pi, "SAJ");
    for (String kept : List.of("verification_cwbi_dev", "verification_cwbi_dev_passed", "verification_t7",
        "office", "districtGroup", "criticalTimeSeries", "recentChecks")) {
      assertThat(after.variables().get(kept)).as(kept).isEqualTo(before.variables().get(kept));
    }
    assertThat(after.audit()).as("the audit trail").containsAll(before.audit());
    assertThat(runtime.getActivityInstance(pi).getActivityInstances("check_cwbi_dev")).hasSize(1);
    String check = driver.calledCheck(pi, "check_cwbi_dev");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(check).singleResult().getBusinessKey())
        .isEqualTo("SAJ");

    // the restarted check runs, fails again, and the District has its fix task back, in the called check
    driver.runJobs(pi);
    assertThat(verifier.calls(Environment.CWBI_DEV)).isEqualTo(checks + 1);
    Task fix = driver.task(pi, MigrationDriver.FIX_TASK);
    assertThat(fix.getProcessInstanceId()).isEqualTo(check);
    assertThat(fix.getName()).isEqualTo("Fix what the CWBI-DEV check found");
    assertThat(tasks.getVariables(fix.getId())).containsKeys("findings", "findingsSummary", "nextCheck");
    assertThat(tasks.getIdentityLinksForTask(fix.getId())).anyMatch(l -> "district-saj".equals(l.getGroupId()));
    assertThat(row("SAJ").blockedAt()).isEqualTo("Phase 1 gate (CWBI-DEV check)");
    assertThat(row("SAJ").roadmapVersion()).isEqualTo("3");

    verifier.passAll();
    finish(pi);
    assertThat(completedTaskKeys(pi)).contains(MigrationDriver.FIX_TASK).doesNotContain(Version1To2.TASK_1_5,
        Version1To2.TASK_1_6);
  }

  @Test
  void inTheStep5LoopKeepsItsDailyReCheckTimerAndTheResultsAtTheJoin() {
    String pi = startOnVersion1("SPK", true);
    driver.completeAll(pi, "task_1_1_convert_scripts", "task_1_2_usgs_scripts", "task_1_3_critimport",
        "task_1_4_shef_parser", "task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products",
        "task_2_4_custom_schema", "task_3_1_modeling_ops", "task_4_schema_functions", "task_4_ldm_products",
        "task_4_usgs_config", "task_4_batch_scripts", "task_4_opendcs_import", "task_4_district_comments",
        "task_5_set_test_period", "task_5_agree_test_period", "task_5_confirm_data_processes");
    assertThat(driver.openTaskKeys(pi)).containsExactly("task_5_rts_forecasts");
    Job daily = management.createJobQuery().processInstanceId(pi).timers().singleResult();
    assertThat(daily.getDuedate()).isAfter(ClockUtil.getCurrentTime());
    assertThat(runtime.getVariable(pi, "verification_cwbi_test")).isNotNull();
    assertThat(runtime.getActivityInstance(pi).getActivityInstances("join_step_5")).hasSize(1);
    Snapshot before = snapshot(pi, "SPK");

    assertThat(move("SPK", pi)).contains(Version1To2.NOT_ASKED);
    assertNothingLost(before, snapshot(pi, "SPK"));
    ActivityInstance tree = runtime.getActivityInstance(pi);
    assertThat(tree.getActivityInstances("step_5")).hasSize(1);
    assertThat(tree.getActivityInstances("join_step_5")).as("Step 5's confirmed data processes").hasSize(1);
    assertThat(tree.getActivityInstances("timer_recheck_cwbi_test")).hasSize(1);

    finish(pi);
    assertThat(completedTaskKeys(pi)).contains("task_5_rts_forecasts", "task_7_usgs_config");
  }

  @Test
  void atStep8IsNotAskedForTasks15And16() {
    String pi = startOnVersion1("NWDM", false);
    driver.completeAll(pi, "task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
        "task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products", "task_2_4_custom_schema",
        "task_3_1_modeling_ops", "task_4_schema_functions", "task_4_ldm_products", "task_4_batch_scripts",
        "task_4_opendcs_import", "task_4_district_comments", "task_5_set_test_period", "task_5_agree_test_period",
        "task_5_confirm_data_processes", "task_5_rts_forecasts");
    ClockUtil.setCurrentTime(new Date(((Date) runtime.getVariable(pi, "testPeriodEnd")).getTime() + 3_600_000L));
    management.executeJob(management.createJobQuery().processInstanceId(pi).timers().singleResult().getId());
    driver.runJobs(pi);
    driver.completeAll(pi, "task_7_ldm_products", "task_7_batch_scripts", "task_7_opendcs_import",
        "task_8_goldengate_off");
    assertThat(driver.openTaskKeys(pi)).containsExactly("task_8_import_two_years");
    Snapshot before = snapshot(pi, "NWDM");

    String note = move("NWDM", pi);
    assertThat(note).startsWith("Moved from roadmap version 1 to version 2. " + Version1To2.NOT_ASKED);
    assertNothingLost(before, snapshot(pi, "NWDM"));
    assertThat(audit.of("NWDM").stream().filter(e -> "ROADMAP_VERSION".equals(e.type())
        && pi.equals(e.processInstanceId())).findFirst().orElseThrow().evidence().get("What changed"))
        .isEqualTo("Moved from roadmap version 1 to version 2. " + Version1To2.NOT_ASKED);
    // where HEC reads it: the dashboard's JSON and the audit trail's CSV, as HEC logs in
    String auth = "Basic " + java.util.Base64.getEncoder().encodeToString("hec-engineer:demo".getBytes());
    com.fasterxml.jackson.databind.JsonNode rows = json(get("/api/dashboard/offices", auth));
    com.fasterxml.jackson.databind.JsonNode nwdm = null;
    for (com.fasterxml.jackson.databind.JsonNode r : rows) {
      nwdm = "NWDM".equals(r.get("office").asText()) ? r : nwdm;
    }
    assertThat(nwdm.get("processInstanceId").asText()).isEqualTo(pi);
    assertThat(nwdm.get("roadmapVersion").asText()).isEqualTo("3");
    String csv = get("/api/dashboard/offices/NWDM/audit.csv", auth);
    assertThat(csv).contains("Roadmap version,,Moved to roadmap version 2,")
        .contains("Roadmap version,,Moved to roadmap version 3,")
        .contains("Tasks 1.5 and 1.6 added after this office finished Step 1: not asked of it.");

    finish(pi);
  }

  @Test
  void aFailedCheckJobStartsAgainInTheCheckVersion3Calls() {
    String pi = startOnVersion1("MVS", false);
    verifier.breakWith(Environment.CWBI_PROD, new IllegalStateException("verifier bug (test)"));
    driver.completeAll(pi, "task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
        "task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products", "task_2_4_custom_schema",
        "task_3_1_modeling_ops", "task_4_schema_functions", "task_4_ldm_products", "task_4_batch_scripts",
        "task_4_opendcs_import", "task_4_district_comments", "task_5_set_test_period", "task_5_agree_test_period",
        "task_5_confirm_data_processes", "task_5_rts_forecasts");
    ClockUtil.setCurrentTime(new Date(((Date) runtime.getVariable(pi, "testPeriodEnd")).getTime() + 3_600_000L));
    management.executeJob(management.createJobQuery().processInstanceId(pi).timers().singleResult().getId());
    driver.runJobs(pi);
    driver.completeAll(pi, "task_7_ldm_products", "task_7_batch_scripts");
    tasks.complete(driver.task(pi, "task_7_opendcs_import").getId(), driver.validData("task_7_opendcs_import"));
    Job check = management.createJobQuery().processInstanceId(pi).singleResult();
    for (int tries = 0; tries < 2; tries++) {
      try {
        management.executeJob(check.getId());
      } catch (RuntimeException expected) {
        // the try fails: the job waits for its next one
      }
    }
    Job failed = management.createJobQuery().jobId(check.getId()).singleResult();
    assertThat(failed.getRetries()).as("tries left").isBetween(1, 2);
    assertThat(failed.getDuedate()).as("the next try").isAfter(ClockUtil.getCurrentTime());
    assertThat(failed.getExceptionMessage()).contains("verifier bug");

    // version 2 keeps the job with its retries; version 3 starts the check again in the check it calls
    assertThat(move("MVS", pi)).endsWith("CWBI-PROD check starts again in the one check process (its last report is "
        + "kept).");
    assertThat(management.createJobQuery().jobId(check.getId()).count()).isZero();
    Job again = management.createJobQuery().rootProcessInstanceId(pi).activityId("verify_environment")
        .singleResult();
    assertThat(again.getProcessInstanceId()).isEqualTo(driver.calledCheck(pi, "check_cwbi_prod"));
    assertThat(again.getExceptionMessage()).as("a fresh start").isNull();

    verifier.reset();
    verifier.passAll();
    management.executeJob(again.getId());
    assertThat(runtime.getVariable(pi, "verification_cwbi_prod_passed")).isEqualTo(true);
    finish(pi);
  }

  @Test
  void aMoveThatFailsLeavesItsOfficeUntouchedOnVersion1AndSaysWhy(CapturedOutput output) {
    String pi = startOnVersion1("SWF", false);
    driver.completeAll(pi, "task_1_3_critimport", "task_1_4_shef_parser");
    Snapshot before = snapshot(pi, "SWF");
    // the real plan, then a failure at the end of the office's transaction (after migration and new tasks)
    RoadmapVersionPlan failing = new RoadmapVersionPlan() {
      @Override
      public String fromVersionTag() {
        return version1To2.fromVersionTag();
      }

      @Override
      public String toVersionTag() {
        return version1To2.toVersionTag();
      }

      @Override
      public MigrationPlan migrationPlan(RuntimeService r, String source, String target) {
        return version1To2.migrationPlan(r, source, target);
      }

      @Override
      public String move(ProcessEngine e, MigrationPlan plan, String processInstanceId) {
        version1To2.move(e, plan, processInstanceId);
        throw new IllegalStateException("injected failure (test) after the migration");
      }
    };
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("failing", failing);
    RoadmapVersionProperties properties = new RoadmapVersionProperties();
    RunningOfficesMover.Report report = new RunningOfficesMover(engine,
        beans.getBeanProvider(RoadmapVersionPlan.class), properties, transactions).moveAll();

    assertThat(report.moved()).isEmpty();
    assertThat(report.failed()).containsOnlyKeys("SWF");
    assertThat(output.getAll()).contains("Office SWF stays on roadmap version 1 (not moved to 2): injected failure");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult().getProcessDefinitionId())
        .isEqualTo(v1);
    Snapshot after = snapshot(pi, "SWF");
    assertThat(after).isEqualTo(before);
    assertThat(runtime.getActivityInstance(pi).getActivityInstances("join_step_1")).hasSize(1);
    assertThat(tasks.createTaskQuery().taskDefinitionKey(Version1To2.TASK_1_6).processInstanceId(pi).count()).isZero();

    // the application's mover then moves it
    assertThat(move("SWF", pi)).contains("Tasks 1.5 and 1.6 added to Step 1 (Task 1.4 was done).");
    assertThat(output.getAll()).contains("Office SWF moved to roadmap version 2 in ");
  }

  @Test
  void onStartUpTheSwitchDecidesWhetherRunningOfficesMove(CapturedOutput output) {
    String pi = startOnVersion1("MVP", false);
    properties.setMigrateRunning(false);
    try {
      mover.onReady(); // what the application does when it is ready, after deploying the models
    } finally {
      properties.setMigrateRunning(true);
    }
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult().getProcessDefinitionId())
        .isEqualTo(v1);
    assertThat(output.getAll()).contains("Running offices stay on their roadmap version "
        + "(cwbi.roadmap.migrate-running=false)");

    mover.onReady();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult().getProcessDefinitionId())
        .isEqualTo(v3);
    assertThat(output.getAll()).contains("Office MVP moved to roadmap version 2 in ");
    assertThat(driver.openTaskKeys(pi)).containsExactly("task_1_1_convert_scripts", "task_1_3_critimport",
        Version1To2.TASK_1_6);
  }

  @Test
  void waitingForTheNextCheckAfterAFixStartsTheCheckAgain() {
    String pi = startOnVersion1("NWDP", false);
    verifier.fail(Environment.T7);
    driver.completeAll(pi, "task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser");
    assertThat(driver.openTaskKeys(pi)).containsExactly("task_fix_t7_findings");
    java.time.Duration saved = recheckLimits.getMinInterval();
    recheckLimits.setMinInterval(java.time.Duration.ofMinutes(15));
    try {
      driver.complete(pi, "task_fix_t7_findings"); // too soon after the last check: it waits
    } finally {
      recheckLimits.setMinInterval(saved);
    }
    ActivityInstance waiting = runtime.getActivityInstance(pi);
    assertThat(waiting.getActivityInstances("wait_verify_t7")).hasSize(1);
    Job wait = management.createJobQuery().processInstanceId(pi).timers().singleResult();
    assertThat(wait.getDuedate()).isAfter(ClockUtil.getCurrentTime());
    int checks = verifier.calls(Environment.T7);

    assertThat(move("NWDP", pi)).contains(Version1To2.NOT_ASKED)
        .endsWith("T7 check starts again in the one check process (its last report is kept).");
    assertThat(management.createJobQuery().jobId(wait.getId()).count()).isZero();
    // the restarted check runs (it still fails): the fix task is back in the called check
    driver.runJobs(pi);
    assertThat(verifier.calls(Environment.T7)).isEqualTo(checks + 1);
    assertThat(driver.task(pi, MigrationDriver.FIX_TASK).getProcessInstanceId())
        .isEqualTo(driver.calledCheck(pi, "check_t7"));

    verifier.passAll();
    finish(pi);
    assertThat(completedTaskKeys(pi)).contains("task_fix_t7_findings", MigrationDriver.FIX_TASK);
  }

  @Test
  void inStep4WithBranchesDoneAtTheInclusiveJoinWaitsOnlyForTheOpenOnes() {
    String pi = startOnVersion1("LRL", false);
    driver.completeAll(pi, "task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
        "task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products", "task_2_4_custom_schema",
        "task_3_1_modeling_ops", "task_4_batch_scripts", "task_4_opendcs_import");
    assertThat(driver.openTaskKeys(pi)).containsExactly("task_4_district_comments", "task_4_ldm_products",
        "task_4_schema_functions");
    assertThat(runtime.getActivityInstance(pi).getActivityInstances("join_step_4")).hasSize(2);
    Snapshot before = snapshot(pi, "LRL");

    assertThat(move("LRL", pi)).contains(Version1To2.NOT_ASKED);
    assertNothingLost(before, snapshot(pi, "LRL"));
    assertThat(runtime.getActivityInstance(pi).getActivityInstances("join_step_4"))
        .as("batch scripts, OpenDCS import, and the USGS branch this office passes by").hasSize(3);
    assertThat(tasks.getIdentityLinksForTask(driver.task(pi, "task_4_ldm_products").getId()))
        .anyMatch(l -> "hec".equals(l.getGroupId()));

    driver.completeAll(pi, "task_4_schema_functions", "task_4_ldm_products");
    assertThat(driver.openTaskKeys(pi)).containsExactly("task_4_district_comments");
    driver.complete(pi, "task_4_district_comments");
    assertThat(driver.openTaskKeys(pi)).containsExactly("task_5_set_test_period");
    finish(pi);
  }
}
