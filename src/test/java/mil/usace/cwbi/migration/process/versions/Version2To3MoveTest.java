package mil.usace.cwbi.migration.process.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
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
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Offices on roadmap version 2 (the exact copy in src/test/resources/roadmap-versions) moved to version 3 (bpmn/,
 * deployed again after it) by the application's {@link RunningOfficesMover}: one between checks moves unchanged;
 * one held at a failing check, or waiting for a check's job, has that check started again in the check version 3
 * calls, and goes on from there.
 */
class Version2To3MoveTest extends IntegrationTest {

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired RepositoryService repository;
  @Autowired HistoryService history;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired RunningOfficesMover mover;
  @Autowired AuditTrail audit;
  @Autowired DashboardQueries dashboard;

  static String v2;
  static String v3;

  static final List<String> STEP_1 = List.of("task_1_1_convert_scripts", "task_1_3_critimport",
      "task_1_4_shef_parser", "task_1_5_export_shef_config", "task_1_6_opendcs_dev");
  static final List<String> STEP_2_3 = List.of("task_2_1_load_db_objects", "task_2_2_batch_scripts_dev",
      "task_2_3_ldm_products", "task_2_4_custom_schema", "task_3_1_modeling_ops");

  @BeforeEach
  void setUp() {
    verifier.passAll();
    synchronized (Version2To3MoveTest.class) {
      if (v2 == null) {
        v2 = definitionOf(repository.createDeployment().name("roadmap version 2 (test copy)")
            .addClasspathResource("roadmap-versions/cwbi-migration-v2.bpmn").deploy());
        v3 = definitionOf(repository.createDeployment().name("roadmap version 3 (bpmn/, newest again)")
            .addClasspathResource("bpmn/cwbi-migration.bpmn").deploy());
      }
    }
    assertThat(repository.getProcessDefinition(v2).getVersionTag()).isEqualTo("2");
    assertThat(repository.getProcessDefinition(v3).getVersionTag()).isEqualTo("3");
  }

  @AfterEach
  void tearDown() {
    verifier.reset();
    ClockUtil.reset();
    runtime.createProcessInstanceQuery().processDefinitionKey(MigrationVariables.PROCESS_KEY).list().stream()
        .filter(p -> List.of(v2, v3).contains(p.getProcessDefinitionId()))
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  String definitionOf(Deployment deployment) {
    return repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).singleResult().getId();
  }

  String startOnVersion2(String office) {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(office).rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test: a fresh migration of " + office));
    return runtime.startProcessInstanceById(v2, driver.startData(office, false)).getId();
  }

  /** Completes on version 2 (its own fix tasks, drawn in the check sub-processes, by their version 2 ids). */
  void completeAll(String pi, List<String> keys) {
    driver.completeAll(pi, keys.toArray(String[]::new));
  }

  String move(String office, String pi) {
    RunningOfficesMover.Report report = mover.moveAll();
    assertThat(report.failed()).isEmpty();
    assertThat(report.moved()).containsKey(office);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult().getProcessDefinitionId())
        .isEqualTo(v3);
    assertThat(report.moved().get(office)).startsWith("Moved from roadmap version 2 to version 3. ");
    return report.moved().get(office);
  }

  OfficeRow row(String office) {
    return dashboard.offices().stream().filter(r -> r.office().equals(office)).findFirst().orElseThrow();
  }

  List<AuditEntry> moves(String office, String pi) {
    return audit.of(office).stream().filter(e -> "ROADMAP_VERSION".equals(e.type()) && pi.equals(e.processInstanceId()))
        .toList();
  }

  static Map<String, String> text(Map<String, Object> variables) {
    Map<String, String> t = new TreeMap<>();
    variables.forEach((k, v) -> t.put(k, String.valueOf(v)));
    return t;
  }

  /** Works the office to the end on version 3, the tasks of the checks it calls too. */
  void finish(String pi) {
    HistoricProcessInstance done = driver.finish(pi);
    assertThat(done.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
    assertThat(done.getProcessDefinitionId()).isEqualTo(v3);
  }

  @Test
  void anOfficeInStep2MovesUnchanged() {
    String pi = startOnVersion2("SWF");
    completeAll(pi, STEP_1);
    Task t21 = driver.task(pi, "task_2_1_load_db_objects");
    tasks.claim(t21.getId(), "swf-water");
    Map<String, Task> before = new TreeMap<>();
    tasks.createTaskQuery().processInstanceId(pi).list().forEach(t -> before.put(t.getTaskDefinitionKey(), t));
    assertThat(before).containsKeys("task_2_1_load_db_objects", "task_2_4_custom_schema");
    Map<String, String> variables = text(runtime.getVariables(pi));
    List<String> trail = audit.of("SWF").stream().map(e -> e.type() + "|" + e.name() + "|" + e.time()).toList();
    assertThat(row("SWF").roadmapVersion()).isEqualTo("2");

    assertThat(move("SWF", pi)).isEqualTo("Moved from roadmap version 2 to version 3. Nothing changed in its "
        + "current step.");
    Map<String, Task> after = new TreeMap<>();
    tasks.createTaskQuery().processInstanceId(pi).list().forEach(t -> after.put(t.getTaskDefinitionKey(), t));
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach((key, t) -> {
      Task now = after.get(key);
      assertThat(now.getId()).as(key).isEqualTo(t.getId());
      assertThat(now.getAssignee()).as(key).isEqualTo(t.getAssignee());
      assertThat(now.getDueDate()).as(key).isEqualTo(t.getDueDate());
    });
    Map<String, String> now = new HashMap<>(text(runtime.getVariables(pi)));
    assertThat(now.remove(RunningOfficesMover.NOTE_VARIABLE)).startsWith("Moved from roadmap version 2 to version 3.");
    assertThat(now).isEqualTo(variables);
    assertThat(audit.of("SWF").stream().map(e -> e.type() + "|" + e.name() + "|" + e.time()).toList())
        .containsAll(trail);
    assertThat(moves("SWF", pi)).extracting(AuditEntry::name).containsExactly("Moved to roadmap version 3");
    assertThat(row("SWF").roadmapVersion()).isEqualTo("3");
    assertThat(row("SWF").step()).isEqualTo(2);

    finish(pi);
    assertThat(history.createHistoricProcessInstanceQuery().superProcessInstanceId(pi).count())
        .as("version 3 called the CWBI-DEV, CWBI-PROD and history checks").isEqualTo(3);
  }

  @Test
  void anOfficeHeldAtAFailingT7CheckGetsItsFixTaskBackInTheCalledCheck() {
    verifier.fail(Environment.T7);
    String pi = startOnVersion2("MVS");
    completeAll(pi, STEP_1);
    Task oldFix = driver.task(pi, "task_fix_t7_findings");
    assertThat(oldFix).as("version 2's fix task, inside its check sub-process").isNotNull();
    String report = (String) runtime.getVariable(pi, "verification_t7");
    assertThat(row("MVS").blockedAt()).isEqualTo("T7 check (Step 1)");
    int checks = verifier.calls(Environment.T7);

    assertThat(move("MVS", pi)).isEqualTo("Moved from roadmap version 2 to version 3. T7 check starts again in the "
        + "one check process (its last report is kept).");
    assertThat(tasks.createTaskQuery().taskId(oldFix.getId()).count()).isZero();
    assertThat(runtime.getVariable(pi, "verification_t7")).as("the last report stays").isEqualTo(report);
    assertThat(runtime.getVariable(pi, "verification_t7_passed")).isEqualTo(false);
    assertThat(runtime.getActivityInstance(pi).getChildActivityInstances()).extracting(a -> a.getActivityId())
        .containsExactly("check_t7");

    // the check runs again in the called check, fails again: the District's fix task is back there
    driver.runJobs(pi);
    assertThat(verifier.calls(Environment.T7)).isEqualTo(checks + 1);
    Task fix = driver.task(pi, MigrationDriver.FIX_TASK);
    assertThat(fix.getProcessInstanceId()).isEqualTo(driver.calledCheck(pi, "check_t7"));
    assertThat(fix.getName()).isEqualTo("Fix what the T7 check found");
    assertThat(tasks.getIdentityLinksForTask(fix.getId())).anyMatch(l -> "district-mvs".equals(l.getGroupId()));
    assertThat((String) tasks.getVariable(fix.getId(), "findingsSummary")).contains("T7");
    assertThat(row("MVS").blockedAt()).isEqualTo("T7 check (Step 1)");
    assertThat(row("MVS").openTasks()).singleElement().satisfies(t -> {
      assertThat(t.step()).isEqualTo(1);
      assertThat(t.lane()).isEqualTo("District");
    });
    assertThat(moves("MVS", pi)).extracting(AuditEntry::name).containsExactly("Moved to roadmap version 3");

    verifier.pass(Environment.T7);
    driver.complete(pi, MigrationDriver.FIX_TASK);
    assertThat(driver.openTaskKeys(pi)).contains("task_2_1_load_db_objects");
    assertThat(history.createHistoricTaskInstanceQuery().rootProcessInstanceId(pi).finished()
        .taskDefinitionKey(MigrationDriver.FIX_TASK).count()).isEqualTo(1);
  }

  @Test
  void anOfficeAtTheCwbiDevChecksJobMovesAndTheCheckRuns() {
    String pi = startOnVersion2("NWDP");
    completeAll(pi, STEP_1);
    // Step 3 done, but the CWBI-DEV check's asynchronous job not run yet
    for (String key : STEP_2_3) {
      Task t = driver.task(pi, key);
      tasks.complete(t.getId(), driver.validData(key));
    }
    Job job = management.createJobQuery().processInstanceId(pi).activityId("verify_cwbi_dev").singleResult();
    assertThat(job).as("the CWBI-DEV check waits as a job").isNotNull();
    int checks = verifier.calls(Environment.CWBI_DEV);

    assertThat(move("NWDP", pi)).endsWith("Phase 1 gate: CWBI-DEV check starts again in the one check process (its "
        + "last report is kept).");
    assertThat(management.createJobQuery().jobId(job.getId()).count()).isZero();
    Job again = management.createJobQuery().rootProcessInstanceId(pi).activityId("verify_environment")
        .singleResult();
    assertThat(again.getProcessInstanceId()).isEqualTo(driver.calledCheck(pi, "check_cwbi_dev"));
    assertThat(row("NWDP").step()).isEqualTo(3);

    driver.runJobs(pi);
    assertThat(verifier.calls(Environment.CWBI_DEV)).isEqualTo(checks + 1);
    assertThat(runtime.getVariable(pi, "verification_cwbi_dev_passed")).isEqualTo(true);
    assertThat(driver.openTaskKeys(pi)).contains("task_4_schema_functions");
    assertThat(audit.of("NWDP").stream().filter(e -> pi.equals(e.processInstanceId())).map(AuditEntry::name))
        .contains("Moved to roadmap version 3", "Automated check of CWBI-DEV");
  }
}
