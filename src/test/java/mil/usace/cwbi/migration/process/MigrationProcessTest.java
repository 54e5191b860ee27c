package mil.usace.cwbi.migration.process;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.process.forms.JsonValues;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.verification.Environment;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of the roadmap through the engine: the happy paths, each gate both ways, the loops, refusals. */
class MigrationProcessTest extends IntegrationTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;

  @BeforeEach
  void setUp() {
    init(engine);
    verifier.passAll();
  }

  @AfterEach
  void tearDown() {
    verifier.reset();
    ClockUtil.reset();
    runtime.createProcessInstanceQuery().processDefinitionKey("cwbi-migration").list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  static final String[] STEP_1 = {"task_1_1_convert_scripts", "task_1_2_usgs_scripts", "task_1_3_critimport",
      "task_1_4_shef_parser", "task_1_5_export_shef_config", "task_1_6_opendcs_dev"};
  static final String[] STEP_2_3 = {"task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products",
      "task_2_4_custom_schema", "task_3_1_modeling_ops"};
  static final String[] STEP_4 = {"task_4_schema_functions", "task_4_ldm_products", "task_4_usgs_config",
      "task_4_batch_scripts", "task_4_opendcs_import", "task_4_district_comments", "task_5_set_test_period",
      "task_5_agree_test_period"};
  static final String[] STEP_5 = {"task_5_confirm_data_processes", "task_5_rts_forecasts"};
  static final String[] STEP_7_8 = {"task_7_ldm_products", "task_7_usgs_config", "task_7_batch_scripts",
      "task_7_opendcs_import", "task_8_goldengate_off", "task_8_import_two_years", "task_8_migrate_history"};

  /** Step 5's test period is over: move the clock past it and run the due CWBI-TEST re-check. */
  void endTestPeriod(String pi) {
    ClockUtil.setCurrentTime(Date.from(Instant.now().plusSeconds(15L * 24 * 3600)));
    runDueTimers(pi);
  }

  void runDueTimers(String pi) {
    for (Job job : management.createJobQuery().rootProcessInstanceId(pi).timers().executable().list()) {
      management.executeJob(job.getId());
    }
    driver.runJobs(pi);
  }

  /** The office is held in {@code check}: the check it called waits at its fix task. */
  ProcessInstance heldAt(ProcessInstance pi, String check) {
    assertThat(pi).isWaitingAt(check);
    ProcessInstance called = runtime.createProcessInstanceQuery().processInstanceId(driver.calledCheck(pi.getId(),
        check)).singleResult();
    assertThat(called).isWaitingAt(FIX);
    Assertions.assertThat(called.getProcessDefinitionId()).startsWith("verify-environment:");
    Assertions.assertThat(called.getBusinessKey()).isEqualTo(pi.getBusinessKey());
    return called;
  }

  static final String FIX = MigrationDriver.FIX_TASK;

  ProcessInstance throughPhase1(String office, boolean usgs) {
    ProcessInstance pi = driver.start(office, usgs);
    driver.completeAll(pi.getId(), STEP_1);
    driver.completeAll(pi.getId(), STEP_2_3);
    return pi;
  }

  @Test
  void wholeMigrationWithUsgsData() {
    ProcessInstance pi = driver.start("SWT", true);
    assertThat(pi).isStarted().hasBusinessKey("SWT");
    assertThat(pi).isWaitingAt("task_1_1_convert_scripts", "task_1_2_usgs_scripts", "task_1_3_critimport");
    assertThat(pi).task("task_1_3_critimport").hasCandidateGroup("district-swt");
    Assertions.assertThat(driver.task(pi.getId(), "task_1_3_critimport").getDueDate()).isAfter(new Date());

    Assertions.assertThat(driver.completeAll(pi.getId(), STEP_1)).containsExactly(STEP_1);
    assertThat(pi).hasPassed("recommend_script_targets", "check_t7");
    Assertions.assertThat(driver.completeAll(pi.getId(), STEP_2_3)).containsExactly(STEP_2_3);
    assertThat(pi).hasPassed("check_cwbi_dev");

    assertThat(pi).isWaitingAt("task_4_schema_functions", "task_4_ldm_products", "task_4_usgs_config",
        "task_4_batch_scripts", "task_4_opendcs_import");
    assertThat(pi).task("task_4_usgs_config").hasCandidateGroup("hec");
    Assertions.assertThat(driver.completeAll(pi.getId(), STEP_4)).containsExactly(STEP_4);

    assertThat(pi).isWaitingAt("task_5_confirm_data_processes", "task_5_rts_forecasts", "timer_recheck_cwbi_test");
    driver.completeAll(pi.getId(), STEP_5);
    endTestPeriod(pi.getId());
    assertThat(pi).hasPassed("gate_phase_2");

    Assertions.assertThat(driver.completeAll(pi.getId(), STEP_7_8)).containsExactly(STEP_7_8);
    assertThat(pi).hasPassed("check_cwbi_prod", "check_history");
    assertThat(pi).isWaitingAt("task_9_decommission_t7");
    assertThat(pi).task().hasCandidateGroup("district-swt");
    driver.complete(pi.getId(), "task_9_decommission_t7");
    assertThat(pi).isEnded().hasPassed("end_migration_complete");
    assertThat(pi).hasNotPassed("task_6_fix_issues");
    Assertions.assertThat(history.createHistoricTaskInstanceQuery().rootProcessInstanceId(pi.getId())
        .taskDefinitionKey(FIX).count()).as("no check failed: no fix task").isZero();
    Assertions.assertThat(history.createHistoricProcessInstanceQuery().superProcessInstanceId(pi.getId())
        .processDefinitionKey("verify-environment").count()).as("the four checks, each called once").isEqualTo(4);
  }

  @Test
  void withoutUsgsDataTheUsgsTasksAreSkipped() {
    ProcessInstance pi = driver.start("LRL", false);
    assertThat(pi).isWaitingAt("task_1_1_convert_scripts", "task_1_3_critimport");
    Assertions.assertThat(driver.completeAll(pi.getId(), STEP_1))
        .containsExactly("task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
            "task_1_5_export_shef_config", "task_1_6_opendcs_dev");
    driver.completeAll(pi.getId(), STEP_2_3);
    Assertions.assertThat(driver.completeAll(pi.getId(), STEP_4)).doesNotContain("task_4_usgs_config").hasSize(7);
    driver.completeAll(pi.getId(), STEP_5);
    endTestPeriod(pi.getId());
    Assertions.assertThat(driver.completeAll(pi.getId(), STEP_7_8)).doesNotContain("task_7_usgs_config").hasSize(6);
    driver.complete(pi.getId(), "task_9_decommission_t7");
    assertThat(pi).isEnded();
    assertThat(pi).hasNotPassed("task_1_2_usgs_scripts", "task_4_usgs_config", "task_7_usgs_config");
  }

  @Test
  void phase1GateStaysClosedUntilTheFixTaskAndARecheckPass() {
    verifier.fail(Environment.CWBI_DEV);
    ProcessInstance pi = throughPhase1("LRN", false);
    ProcessInstance check = heldAt(pi, "check_cwbi_dev");
    Task fix = driver.task(pi.getId(), FIX);
    assertThat(check).task(FIX).hasCandidateGroup("district-lrn");
    Assertions.assertThat(fix.getName()).isEqualTo("Fix what the CWBI-DEV check found");
    Assertions.assertThat((String) tasks.getVariable(fix.getId(), "findings"))
        .contains("\"environment\" : \"CWBI-DEV\"").contains("\"passed\" : false").contains("stale");
    Assertions.assertThat(runtime.getVariable(pi.getId(), "verification_cwbi_dev_passed")).isEqualTo(false);
    Assertions.assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskCandidateGroup("hec").count())
        .as("Phase 2 is closed").isZero();

    driver.complete(pi.getId(), FIX); // still failing: back to the fix task
    heldAt(pi, "check_cwbi_dev");
    Assertions.assertThat(verifier.calls(Environment.CWBI_DEV)).isEqualTo(2);

    verifier.pass(Environment.CWBI_DEV);
    driver.complete(pi.getId(), FIX);
    assertThat(pi).isWaitingAt("task_4_schema_functions", "task_4_ldm_products", "task_4_batch_scripts",
        "task_4_opendcs_import");
    Assertions.assertThat(runtime.getVariable(pi.getId(), "verification_cwbi_dev_passed")).isEqualTo(true);
  }

  @Test
  void aFailedGateReChecksOnItsOwnAfterTheInterval() {
    verifier.fail(Environment.T7);
    ProcessInstance pi = driver.start("MVP", false);
    driver.completeAll(pi.getId(), STEP_1);
    ProcessInstance check = heldAt(pi, "check_t7");
    verifier.pass(Environment.T7); // fixed outside the task
    ClockUtil.setCurrentTime(Date.from(Instant.now().plusSeconds(7 * 3600)));
    runDueTimers(pi.getId());
    assertThat(check).hasPassed("timer_recheck_fix_findings").isEnded();
    assertThat(pi).isWaitingAt("task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products",
        "task_2_4_custom_schema");
  }

  @Test
  void step5FailingGoesToStep6ThenStep5Again() {
    ProcessInstance pi = throughPhase1("MVS", false);
    driver.completeAll(pi.getId(), STEP_4);
    driver.complete(pi.getId(), "task_5_confirm_data_processes",
        Map.of("dataProcessesConfirmed", false, "step5Issues", "KEYS inflow computation not running"));
    driver.complete(pi.getId(), "task_5_rts_forecasts");
    endTestPeriod(pi.getId());
    assertThat(pi).isWaitingAt("task_6_fix_issues");
    assertThat(pi).task().hasCandidateGroup("hec");

    driver.complete(pi.getId(), "task_6_fix_issues");
    driver.complete(pi.getId(), "task_6_district_review");
    driver.complete(pi.getId(), "task_5_set_test_period", Map.of("testPeriod", "P7D"));
    driver.complete(pi.getId(), "task_5_agree_test_period");
    assertThat(pi).isWaitingAt("task_5_confirm_data_processes", "task_5_rts_forecasts", "timer_recheck_cwbi_test");
    driver.completeAll(pi.getId(), STEP_5);
    // the new test period runs from the fix: its end lies ahead of the moved clock
    Assertions.assertThat((Date) runtime.getVariable(pi.getId(), "testPeriodEnd")).isAfter(ClockUtil.getCurrentTime());
    ClockUtil.setCurrentTime(Date.from(Instant.now().plusSeconds(31L * 24 * 3600)));
    for (int i = 0; i < 20 && driver.task(pi.getId(), "task_7_ldm_products") == null; i++) {
      runDueTimers(pi.getId());
    }
    assertThat(pi).isWaitingAt("task_7_ldm_products", "task_7_batch_scripts", "task_7_opendcs_import");
  }

  @Test
  void cwbiTestIsReCheckedDuringTheTestPeriodAndAFailedCheckBlocksPhase3() {
    ProcessInstance pi = throughPhase1("NAB", false);
    driver.completeAll(pi.getId(), STEP_4);
    Assertions.assertThat(verifier.calls(Environment.CWBI_TEST)).isEqualTo(1);
    driver.completeAll(pi.getId(), STEP_5);
    assertThat(pi).isWaitingAt("timer_recheck_cwbi_test"); // test period (P14D) not over yet
    verifier.fail(Environment.CWBI_TEST);
    ClockUtil.setCurrentTime(Date.from(Instant.now().plusSeconds(2L * 24 * 3600)));
    runDueTimers(pi.getId());
    Assertions.assertThat(verifier.calls(Environment.CWBI_TEST)).isEqualTo(2);
    assertThat(pi).isWaitingAt("timer_recheck_cwbi_test");
    endTestPeriod(pi.getId());
    assertThat(pi).isWaitingAt("task_6_fix_issues");
    Assertions.assertThat((String) tasks.getVariable(driver.task(pi.getId(), "task_6_fix_issues").getId(), "findings"))
        .contains("CWBI-TEST");
  }

  @Test
  void step7CheckFailingLoopsToTheHecFixTask() {
    ProcessInstance pi = throughPhase1("SAJ", false);
    driver.completeAll(pi.getId(), STEP_4);
    driver.completeAll(pi.getId(), STEP_5);
    endTestPeriod(pi.getId());
    verifier.fail(Environment.CWBI_PROD);
    driver.completeAll(pi.getId(), "task_7_ldm_products", "task_7_batch_scripts", "task_7_opendcs_import");
    ProcessInstance check = heldAt(pi, "check_cwbi_prod");
    assertThat(check).task().hasCandidateGroup("hec");
    assertThat(pi).hasNotPassed("task_8_goldengate_off");
    verifier.pass(Environment.CWBI_PROD);
    driver.complete(pi.getId(), FIX);
    assertThat(pi).isWaitingAt("task_8_goldengate_off");
  }

  @Test
  void step9IsNotReachableBeforeTheHistoryCheckPasses() {
    ProcessInstance pi = throughPhase1("SPK", false);
    driver.completeAll(pi.getId(), STEP_4);
    driver.completeAll(pi.getId(), STEP_5);
    endTestPeriod(pi.getId());
    verifier.fail(Environment.HISTORY);
    driver.completeAll(pi.getId(), STEP_7_8);
    heldAt(pi, "check_history");
    Assertions.assertThat(driver.task(pi.getId(), "task_9_decommission_t7")).isNull();
    driver.complete(pi.getId(), FIX);
    heldAt(pi, "check_history");
    Assertions.assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
        .activityId("task_9_decommission_t7").count()).isZero();

    verifier.pass(Environment.HISTORY);
    driver.complete(pi.getId(), FIX);
    assertThat(pi).isWaitingAt("task_9_decommission_t7");
  }

  @Test
  void task11RepeatsWithRecommendationsUntilEveryScriptIsConvertedOrRetired() {
    ProcessInstance pi = driver.start("SWF", false);
    driver.complete(pi.getId(), "task_1_1_convert_scripts", Map.of("scriptInventory", JsonValues.json(List.of(
        MigrationDriver.script("calc_inflow.py", "computation", "on-data-arrival", "cwms-database", "cwms-database",
            "to-convert"),
        MigrationDriver.script("daily_report.py", "reporting", "schedule", "cwms-database", "email-or-report",
            "converted")))));
    assertThat(pi).isWaitingAt("task_1_1_convert_scripts", "task_1_3_critimport");
    List<Map<String, Object>> inventory = JsonValues.listOfObjects(runtime.getVariable(pi.getId(), "scriptInventory"));
    Assertions.assertThat(inventory).extracting(s -> s.get("recommendation"))
        .containsExactly("OpenDCS computation (CCP)", "cwms-python batch job");
    Assertions.assertThat(inventory.get(0).get("reason").toString()).contains("computation processor");
    Assertions.assertThat(runtime.getVariable(pi.getId(), "scriptsOpen")).isEqualTo(1L);

    driver.complete(pi.getId(), "task_1_1_convert_scripts");
    assertThat(pi).hasPassed("gw_scripts_done");
    Assertions.assertThat(driver.task(pi.getId(), "task_1_1_convert_scripts")).isNull();
  }

  @Test
  void aSecondMigrationForTheSameOfficeIsRefusedAndCreatesNothing() {
    ProcessInstance first = driver.start("NWDP", false);
    long instances = history.createHistoricProcessInstanceQuery().count();
    assertThatThrownBy(() -> driver.start("NWDP", true))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("A migration for office NWDP is already running")
        .hasMessageContaining(first.getId());
    Assertions.assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
    Assertions.assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("NWDP").rootProcessInstances().count()).isEqualTo(1);
  }

  @Test
  void invalidStartDataIsRefusedNamingTheFieldAndNothingIsStored() {
    long before = history.createHistoricProcessInstanceQuery().count();
    refusedStart(Map.of("office", "XYZ"), "office", "not a known office");
    refusedStart(Map.of("office", "swt1"), "office", "'Office' (office)");
    refusedStart(Map.of("t7CdaUrl", "ftp://t7"), "t7CdaUrl", "t7CdaUrl");
    refusedStart(Map.of("criticalTimeSeries", "KEYS.Elev.Inst.1Hour.0\nKEYS.Elev.Inst.1Hour.0.Ccp-Rev"),
        "criticalTimeSeries", "line 1 'KEYS.Elev.Inst.1Hour.0' is not a time series id");
    refusedStart(Map.of("criticalTimeSeries", ""), "criticalTimeSeries", "or the time series group");
    Assertions.assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(before);
  }

  private void refusedStart(Map<String, Object> change, String field, String message) {
    Map<String, Object> data = new HashMap<>(driver.startData("NWDM", false));
    data.putAll(change);
    assertThatThrownBy(() -> driver.start(data))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining(message)
        .satisfies(e -> Assertions.assertThat(((FormFieldValidationException) e).<String>getDetail()).isEqualTo(field));
  }

  @Test
  void invalidTaskDataIsRefusedNamingTheFieldAndNothingIsStored() {
    ProcessInstance pi = throughPhase1("LRL", false);
    driver.completeAll(pi.getId(), "task_4_schema_functions", "task_4_ldm_products", "task_4_batch_scripts",
        "task_4_opendcs_import", "task_4_district_comments");
    Task period = driver.task(pi.getId(), "task_5_set_test_period");
    assertThatThrownBy(() -> tasks.complete(period.getId(), Map.of("testPeriod", "two weeks", "testPlanNotes", "x")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("testPeriod");
    Assertions.assertThat(runtime.getVariable(pi.getId(), "testPeriod")).isNull();
    Assertions.assertThat(runtime.getVariable(pi.getId(), "testPlanNotes")).as("nothing of it stored").isNull();
    Assertions.assertThat(driver.task(pi.getId(), "task_5_set_test_period")).isNotNull();
  }

  @Test
  void ldmExpressionsMustCompileAndBoxesMustBeTicked() {
    ProcessInstance pi = driver.start("SWT", false);
    driver.completeAll(pi.getId(), STEP_1);
    Task ldm = driver.task(pi.getId(), "task_2_3_ldm_products");
    Map<String, Object> bad = new HashMap<>(driver.validData("task_2_3_ldm_products"));
    bad.put("ldmProducts", JsonValues.json(List.of(
        Map.of("productName", "SWT SHEF", "direction", "receive", "filePattern", "^SWT_(.*\\.shef$"))));
    assertThatThrownBy(() -> tasks.complete(ldm.getId(), bad))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("ldmProducts").hasMessageContaining("entry 1")
        .hasMessageContaining("not a valid regular expression");
    Assertions.assertThat(runtime.getVariable(pi.getId(), "ldmProducts")).isNull();

    Map<String, Object> none = new HashMap<>(driver.validData("task_2_3_ldm_products"));
    none.put("ldmProducts", JsonValues.json(List.of()));
    assertThatThrownBy(() -> tasks.complete(ldm.getId(), none))
        .hasMessageContaining("must list at least one entry unless");

    Task load = driver.task(pi.getId(), "task_2_1_load_db_objects");
    Map<String, Object> unticked = new HashMap<>(driver.validData("task_2_1_load_db_objects"));
    unticked.put("locationsLoaded", false);
    assertThatThrownBy(() -> tasks.complete(load.getId(), unticked))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("locationsLoaded")
        .hasMessageContaining("must be ticked");
  }
}
