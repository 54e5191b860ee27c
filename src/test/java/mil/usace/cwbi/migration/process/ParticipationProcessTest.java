package mil.usace.cwbi.migration.process;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.dashboard.AuditEntry;
import mil.usace.cwbi.migration.dashboard.AuditTrail;
import mil.usace.cwbi.migration.dashboard.DashboardQueries;
import mil.usace.cwbi.migration.dashboard.OfficeRow;
import mil.usace.cwbi.migration.process.forms.JsonValues;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
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

/**
 * The roadmap's "may vary" and the District's part where HEC works with it, through the engine: items the
 * District's answers make empty are skipped with the reason in the audit trail; HEC marks an item not applicable
 * with a reason; the District agrees to or proposes the Step 5 test duration (bounded); it comments on Step 4 and
 * reviews Step 6's fixes.
 */
class ParticipationProcessTest extends IntegrationTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired AuditTrail audit;
  @Autowired DashboardQueries dashboard;

  static final String[] STEP_4_HEC = {"task_4_schema_functions", "task_4_ldm_products", "task_4_usgs_config",
      "task_4_batch_scripts", "task_4_opendcs_import"};

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

  ProcessInstance throughPhase1(String office, Map<String, Object> ldm, Map<String, Object> schema) {
    ProcessInstance pi = driver.start(office, false);
    driver.completeAll(pi.getId(), MigrationProcessTest.STEP_1);
    driver.complete(pi.getId(), "task_2_3_ldm_products", ldm);
    driver.complete(pi.getId(), "task_2_4_custom_schema", schema);
    driver.completeAll(pi.getId(), MigrationProcessTest.STEP_2_3);
    return pi;
  }

  ProcessInstance throughPhase1(String office) {
    return throughPhase1(office, Map.of(), Map.of());
  }

  void endTestPeriod(String pi) {
    ClockUtil.setCurrentTime(Date.from(Instant.now().plusSeconds(15L * 24 * 3600)));
    for (Job job : management.createJobQuery().processInstanceId(pi).timers().executable().list()) {
      management.executeJob(job.getId());
    }
    driver.runJobs(pi);
  }

  /** This test's migration's lines of a type (the office's trail also holds earlier tests' migrations). */
  List<AuditEntry> entries(ProcessInstance pi, String type) {
    String office = history.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
        .getBusinessKey();
    return audit.of(office).stream()
        .filter(e -> e.type().equals(type) && pi.getId().equals(e.processInstanceId())).toList();
  }

  OfficeRow row(String office) {
    return dashboard.offices().stream().filter(r -> r.office().equals(office)).findFirst().orElseThrow();
  }

  @Test
  void itemsTheDistrictsAnswersMakeEmptyAreSkippedWithTheReasonInTheAuditTrail() {
    ProcessInstance pi = throughPhase1("LRN",
        Map.of("noLdmProducts", true, "ldmProducts", JsonValues.json(List.of())),
        Map.of("noCustomSchema", true, "customSchemaFunctions", JsonValues.json(List.of())));

    assertThat(pi).hasPassed("skip_4_schema_functions", "skip_4_ldm_products");
    Assertions.assertThat(driver.openTaskKeys(pi.getId())).containsExactly("task_4_batch_scripts",
        "task_4_district_comments", "task_4_opendcs_import");

    List<AuditEntry> skipped = entries(pi, "SKIPPED");
    Assertions.assertThat(skipped).extracting(AuditEntry::activityId)
        .containsExactlyInAnyOrder("task_4_schema_functions", "task_4_ldm_products");
    AuditEntry schema = skipped.stream().filter(e -> e.activityId().equals("task_4_schema_functions")).findFirst()
        .orElseThrow();
    Assertions.assertThat(schema.name()).isEqualTo(
        "Not needed: Step 4 – Migrate custom schema functions into the CWMS Database Schema");
    Assertions.assertThat(schema.step()).isEqualTo(4);
    Assertions.assertThat(schema.evidence().get("Why").toString())
        .contains("declared no custom schema functions in Task 2.4");
    Assertions.assertThat(row("LRN").notApplicable()).containsExactlyInAnyOrder(
        "Step 4 – Migrate custom schema functions into the CWMS Database Schema: not needed "
            + "(no custom schema functions declared in Task 2.4)",
        "Step 4 – Add all LDM data products to CWBI-TEST: not needed (no LDM products listed in Task 2.3)");

    driver.completeAll(pi.getId(), MigrationProcessTest.STEP_4);
    driver.completeAll(pi.getId(), MigrationProcessTest.STEP_5);
    endTestPeriod(pi.getId());
    assertThat(pi).hasPassed("gate_phase_2", "skip_7_ldm_products");
    Assertions.assertThat(driver.openTaskKeys(pi.getId()))
        .containsExactly("task_7_batch_scripts", "task_7_opendcs_import");
    Assertions.assertThat(entries(pi, "SKIPPED")).extracting(AuditEntry::activityId)
        .contains("task_7_ldm_products");
  }

  @Test
  void whenTheDistrictListedItemsHecsTasksAreNotSkipped() {
    ProcessInstance pi = throughPhase1("LRL");
    assertThat(pi).hasNotPassed("skip_4_schema_functions", "skip_4_ldm_products");
    assertThat(pi).isWaitingAt("task_4_schema_functions", "task_4_ldm_products");
    Assertions.assertThat(entries(pi, "SKIPPED")).isEmpty();
  }

  @Test
  void hecMarksAnItemNotApplicableForTheOfficeWithAReason() {
    ProcessInstance pi = throughPhase1("MVP");
    Task opendcs = driver.task(pi.getId(), "task_4_opendcs_import");

    Map<String, Object> neither = new HashMap<>(driver.validData("task_4_opendcs_import"));
    neither.put("opendcsImportedTest", false);
    assertThatThrownBy(() -> tasks.complete(opendcs.getId(), neither))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("opendcsImportedTest")
        .hasMessageContaining("is required unless 'Not applicable for this office' is ticked");

    Map<String, Object> noReason = new HashMap<>(neither);
    noReason.put("opendcsImportedTestNotApplicable", true);
    noReason.put("opendcsImportedTestNotApplicableReason", " ");
    assertThatThrownBy(() -> tasks.complete(opendcs.getId(), noReason))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("opendcsImportedTestNotApplicableReason")
        .hasMessageContaining("is required when 'Not applicable for this office' is ticked");
    Assertions.assertThat(runtime.getVariable(pi.getId(), "opendcsImportedTestNotApplicable"))
        .as("nothing of a refused submission is stored").isNull();

    driver.complete(pi.getId(), "task_4_opendcs_import", Map.of("opendcsImportedTest", false,
        "opendcsImportedTestNotApplicable", true,
        "opendcsImportedTestNotApplicableReason", "MVP runs no OpenDCS: its data come in by LRGS/DCP via HEC's feed"));
    Assertions.assertThat(driver.task(pi.getId(), "task_4_opendcs_import")).isNull();

    List<AuditEntry> na = entries(pi, "NOT_APPLICABLE");
    Assertions.assertThat(na).hasSize(1);
    Assertions.assertThat(na.get(0).name())
        .isEqualTo("Not applicable for this office: Step 4 – Import OpenDCS configurations into CWBI-TEST");
    Assertions.assertThat(na.get(0).evidence().get("Why").toString()).contains("MVP runs no OpenDCS");
    Assertions.assertThat(row("MVP").notApplicable()).containsExactly(
        "Step 4 – Import OpenDCS configurations into CWBI-TEST: not applicable "
            + "(MVP runs no OpenDCS: its data come in by LRGS/DCP via HEC's feed)");
  }

  @Test
  void theDistrictAgreesToTheTestDurationAndStep5Starts() {
    ProcessInstance pi = throughPhase1("SWF");
    driver.completeAll(pi.getId(), STEP_4_HEC);
    driver.complete(pi.getId(), "task_4_district_comments");
    driver.complete(pi.getId(), "task_5_set_test_period", Map.of("testPeriod", "P14D"));
    assertThat(pi).isWaitingAt("task_5_agree_test_period");
    assertThat(pi).task("task_5_agree_test_period").hasCandidateGroup("district-swf");
    // an answer is quick: cwbi.due.tasks[task_5_agree_test_period] P7D, not Step 5's P14D
    Assertions.assertThat(driver.task(pi.getId(), "task_5_agree_test_period").getDueDate())
        .isBetween(Date.from(Instant.now().plusSeconds(6L * 24 * 3600)),
            Date.from(Instant.now().plusSeconds(8L * 24 * 3600)));
    driver.complete(pi.getId(), "task_5_agree_test_period", Map.of("testPeriodAgreed", true));
    assertThat(pi).isWaitingAt("task_5_confirm_data_processes", "task_5_rts_forecasts");
    Assertions.assertThat(runtime.getVariable(pi.getId(), "testPeriod")).isEqualTo("P14D");
    Assertions.assertThat(entries(pi, "COMMENT")).extracting(AuditEntry::name)
        .doesNotContain("The District proposes another testing duration");
  }

  @Test
  void theDistrictProposesAnotherDurationBackToHecAtMostTwice() {
    ProcessInstance pi = throughPhase1("NAB");
    driver.completeAll(pi.getId(), STEP_4_HEC);
    driver.complete(pi.getId(), "task_4_district_comments");
    driver.complete(pi.getId(), "task_5_set_test_period", Map.of("testPeriod", "P14D"));

    Task agree = driver.task(pi.getId(), "task_5_agree_test_period");
    Map<String, Object> noReason = Map.of("testPeriodAgreed", false, "proposedTestPeriod", "P21D");
    assertThatThrownBy(() -> tasks.complete(agree.getId(), noReason))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("proposedTestPeriodReason")
        .hasMessageContaining("unless 'We agree to this testing duration' is ticked");
    Map<String, Object> badDuration = Map.of("testPeriodAgreed", false, "proposedTestPeriod", "three weeks",
        "proposedTestPeriodReason", "x");
    assertThatThrownBy(() -> tasks.complete(agree.getId(), badDuration))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("proposedTestPeriod");

    driver.complete(pi.getId(), "task_5_agree_test_period", Map.of("testPeriodAgreed", false,
        "proposedTestPeriod", "P21D", "proposedTestPeriodReason", "Spring runoff: the KEYS forecasts need 3 weeks"));
    assertThat(pi).isWaitingAt("task_5_set_test_period");
    assertThat(pi).task().hasCandidateGroup("hec");
    Assertions.assertThat(runtime.getVariable(pi.getId(), "testPeriodProposals")).isEqualTo(1L);
    Assertions.assertThat(runtime.getVariable(pi.getId(), "proposedTestPeriod")).as("HEC's form shows it")
        .isEqualTo("P21D");

    driver.complete(pi.getId(), "task_5_set_test_period", Map.of("testPeriod", "P18D"));
    driver.complete(pi.getId(), "task_5_agree_test_period", Map.of("testPeriodAgreed", false,
        "proposedTestPeriod", "P28D", "proposedTestPeriodReason", "Two forecast cycles"));
    assertThat(pi).isWaitingAt("task_5_set_test_period");
    Assertions.assertThat(runtime.getVariable(pi.getId(), "testPeriodProposals")).isEqualTo(2L);

    // two proposals: HEC's next duration is final, Step 5 starts without asking again
    driver.complete(pi.getId(), "task_5_set_test_period", Map.of("testPeriod", "P21D"));
    assertThat(pi).isWaitingAt("task_5_confirm_data_processes", "task_5_rts_forecasts");
    Assertions.assertThat(driver.task(pi.getId(), "task_5_agree_test_period")).isNull();
    Assertions.assertThat(runtime.getVariable(pi.getId(), "testPeriod")).isEqualTo("P21D");
    Assertions.assertThat(runtime.getVariable(pi.getId(), "testPeriodProposals")).as("next round afresh")
        .isEqualTo(0L);
    Assertions.assertThat(runtime.getVariable(pi.getId(), "proposedTestPeriod")).isNull();

    List<AuditEntry> proposals = entries(pi, "COMMENT").stream()
        .filter(e -> e.activityId().equals("task_5_agree_test_period")).toList();
    Assertions.assertThat(proposals).extracting(AuditEntry::name)
        .containsOnly("The District proposes another testing duration");
    Assertions.assertThat(proposals).extracting(e -> e.evidence().get("Proposed testing duration"))
        .containsExactly("P21D", "P28D");
    Assertions.assertThat(proposals.get(0).evidence().get("Why")).isEqualTo(
        "Spring runoff: the KEYS forecasts need 3 weeks");
  }

  @Test
  void theDistrictCommentsOnStep4AndTheCommentsReachTheAuditTrail() {
    ProcessInstance pi = throughPhase1("SAJ");
    assertThat(pi).task("task_4_district_comments").hasCandidateGroup("district-saj");
    driver.complete(pi.getId(), "task_4_district_comments", Map.of("step4DistrictDone", false,
        "step4Comment", "Please migrate the KEYS pool computation first: it feeds the daily report."));
    assertThat(pi).isWaitingAt("task_4_district_comments");
    Assertions.assertThat(runtime.getVariable(pi.getId(), "step4Comment")).as("the next comment starts empty")
        .isNull();

    Task again = driver.task(pi.getId(), "task_4_district_comments");
    assertThatThrownBy(() -> tasks.complete(again.getId(), Map.of("step4DistrictDone", false)))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("step4Comment");

    driver.complete(pi.getId(), "task_4_district_comments", Map.of("step4DistrictDone", true, "step4Comment", ""));
    Assertions.assertThat(driver.task(pi.getId(), "task_5_set_test_period")).as("HEC's tasks still open").isNull();
    driver.completeAll(pi.getId(), STEP_4_HEC);
    assertThat(pi).isWaitingAt("task_5_set_test_period");

    List<AuditEntry> comments = entries(pi, "COMMENT");
    Assertions.assertThat(comments).hasSize(1);
    Assertions.assertThat(comments.get(0).name()).isEqualTo("Comment from the District on Step 4");
    Assertions.assertThat(comments.get(0).step()).isEqualTo(4);
    Assertions.assertThat(comments.get(0).evidence().get("Comment").toString()).contains("KEYS pool computation");
  }

  @Test
  void inStep6TheDistrictReviewsHecsFixesOrCommentsBack() {
    ProcessInstance pi = throughPhase1("SPK");
    driver.completeAll(pi.getId(), MigrationProcessTest.STEP_4);
    driver.complete(pi.getId(), "task_5_confirm_data_processes",
        Map.of("dataProcessesConfirmed", false, "step5Issues", "KEYS inflow computation not running"));
    driver.complete(pi.getId(), "task_5_rts_forecasts");
    endTestPeriod(pi.getId());
    driver.complete(pi.getId(), "task_6_fix_issues", Map.of("fixNotes", "Restarted the inflow computation"));

    assertThat(pi).isWaitingAt("task_6_district_review");
    assertThat(pi).task().hasCandidateGroup("district-spk");
    driver.complete(pi.getId(), "task_6_district_review", Map.of("step6ReadyToRetest", false,
        "step6DistrictComment", "Inflow is computed again, but the outflow still is not."));
    assertThat(pi).isWaitingAt("task_6_fix_issues");
    Task fix = driver.task(pi.getId(), "task_6_fix_issues");
    Assertions.assertThat(tasks.getVariable(fix.getId(), "step6DistrictComment")).as("HEC's form shows it")
        .isEqualTo("Inflow is computed again, but the outflow still is not.");

    driver.complete(pi.getId(), "task_6_fix_issues", Map.of("fixNotes", "Outflow computation restarted too"));
    driver.complete(pi.getId(), "task_6_district_review", Map.of("step6ReadyToRetest", true,
        "step6DistrictComment", ""));
    assertThat(pi).isWaitingAt("task_5_set_test_period");
    Assertions.assertThat(entries(pi, "COMMENT").stream().filter(e -> e.step() == 6))
        .extracting(e -> e.evidence().get("Comment"))
        .containsExactly("Inflow is computed again, but the outflow still is not.");
  }
}
