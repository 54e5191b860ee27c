package mil.usace.cwbi.migration.verification;

import static mil.usace.cwbi.migration.cda.CdaStubs.location;
import static mil.usace.cwbi.migration.cda.CdaStubs.member;
import static mil.usace.cwbi.migration.cda.CdaStubs.series;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.cda.CdaStubs;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.support.TestServers;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Phase 1 gate with the real CDA verifier (the shared WireMock at /t7/ and /dev/): it stays closed while
 * CWBI-DEV lacks series that T7 has, and opens once they appear.
 */
class CdaGateProcessTest extends IntegrationTest {

  static final String OFFICE = "SWF";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;

  final CdaStubs t7 = new CdaStubs(TestServers.cda(), "t7");
  final CdaStubs dev = new CdaStubs(TestServers.cda(), "dev");
  ProcessInstance pi;

  static final String[] STEP_1 = {"task_1_1_convert_scripts", "task_1_2_usgs_scripts", "task_1_3_critimport",
      "task_1_4_shef_parser", "task_1_5_export_shef_config", "task_1_6_opendcs_dev"};
  static final String[] STEP_2_3 = {"task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products",
      "task_2_4_custom_schema", "task_3_1_modeling_ops"};

  @BeforeEach
  void setUp() {
    init(engine);
    // Step 1's T7 gate is not what this test is about; CWBI-DEV is left to the real verifier
    verifier.pass(Environment.T7);
  }

  @AfterEach
  void tearDown() {
    verifier.reset();
    t7.reset();
    dev.reset();
    if (pi != null && runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count() > 0) {
      runtime.deleteProcessInstance(pi.getId(), "test cleanup");
    }
  }

  static List<Map<String, Object>> inventory(Instant now, int extra) {
    List<Map<String, Object>> c = new ArrayList<>();
    for (String id : MigrationDriver.CRITICAL) {
      c.add(series(OFFICE, id, "1Hour", now.minus(900, ChronoUnit.DAYS), now.minus(1, ChronoUnit.HOURS)));
    }
    c.add(series(OFFICE, "KEYS.Precip.Total.1Hour.1Hour.SHEF-raw", "1Hour", now.minus(900, ChronoUnit.DAYS),
        now.minus(1, ChronoUnit.HOURS)));
    for (int i = 0; i < extra; i++) {
      c.add(series(OFFICE, "LAKE" + i + ".Elev.Inst.15Minutes.0.Raw", "15Minutes", now.minus(900, ChronoUnit.DAYS),
          now.minus(20, ChronoUnit.MINUTES)));
    }
    return c;
  }

  static void serve(CdaStubs cda, List<Map<String, Object>> inventory) {
    cda.up().office(OFFICE, "Fort Worth District");
    cda.catalog("TIMESERIES", OFFICE, inventory, 500);
    cda.catalog("LOCATIONS", OFFICE, List.of(location(OFFICE, "KEYS")), 500);
    cda.group("SHEF Data Acquisition", List.of(member(OFFICE, "KEYS.Precip.Total.1Hour.1Hour.SHEF-raw")));
  }

  @Test
  void phase1GateStaysClosedWhileDevLacksT7SeriesAndOpensOnceTheyAppear() {
    Instant now = Instant.now();
    serve(t7, inventory(now, 4));
    serve(dev, inventory(now, 2));

    Map<String, Object> start = driver.startData(OFFICE, false);
    start.put(MigrationVariables.T7_CDA_URL, TestServers.cdaUrl("t7"));
    pi = driver.start(start);
    driver.completeAll(pi.getId(), STEP_1);
    driver.completeAll(pi.getId(), STEP_2_3);

    assertThat(pi).isWaitingAt("check_cwbi_dev");
    Assertions.assertThat(runtime.getVariable(pi.getId(), "verification_cwbi_dev_passed")).isEqualTo(false);
    // the stored report, read as every reader reads it (VerificationReport, never the JSON by hand)
    VerificationReport report = VerificationReport.read(runtime.getVariable(pi.getId(), "verification_cwbi_dev"));
    Assertions.assertThat(report.environment()).isEqualTo(Environment.CWBI_DEV);
    Assertions.assertThat(report.passed()).isFalse();
    Assertions.assertThat(report.failures()).extracting(CheckResult::evidence).anySatisfy(e -> Assertions.assertThat(e)
        .contains("CWBI-DEV lacks 2 of 7 time series ids of T7", "LAKE2.ELEV.INST.15MINUTES.0.RAW",
            "LAKE3.ELEV.INST.15MINUTES.0.RAW"));
    Task fix = driver.task(pi.getId(), MigrationDriver.FIX_TASK);
    Assertions.assertThat((String) tasks.getVariable(fix.getId(), "findings")).contains("CWBI-DEV lacks 2 of 7");
    // what the fix task's form shows: the findings in words (markdown for form-js), failures first, no JSON
    String summary = (String) tasks.getVariable(fix.getId(), "findingsSummary");
    Assertions.assertThat(summary.length()).isLessThan(4000);
    String words = summary.replace("\\", "");
    Assertions.assertThat(words).startsWith("**1 of ")
        .contains("1. **Time series ids of T7 are missing in CWBI-DEV**")
        .contains("*Evidence:* CWBI-DEV lacks 2 of 7 time series ids of T7: LAKE2.ELEV.INST.15MINUTES.0.RAW, "
            + "LAKE3.ELEV.INST.15MINUTES.0.RAW")
        .contains("*What to do:* Load them into CWBI-DEV with cwms-cli (Task 2.1)")
        .containsPattern("\\d+ other checks passed\\.")
        .doesNotContain("{").doesNotContain("\"passed\"").doesNotContain("verification_")
        .doesNotContainPattern("\\b[a-z]+[A-Z]\\w*\\b");
    Assertions.assertThat(tasks.getVariables(fix.getId()).keySet()).as("the form gets it with the task's variables")
        .contains("findingsSummary", "environmentLabel");

    // still missing: completing the fix task re-runs the check, and the gate stays shut
    driver.complete(pi.getId(), MigrationDriver.FIX_TASK);
    assertThat(pi).isWaitingAt("check_cwbi_dev");

    // the district loads the missing series into CWBI-DEV
    dev.reset();
    serve(dev, inventory(now, 4));
    driver.complete(pi.getId(), MigrationDriver.FIX_TASK);

    Assertions.assertThat(runtime.getVariable(pi.getId(), "verification_cwbi_dev_passed")).isEqualTo(true);
    VerificationReport passed = VerificationReport.read(runtime.getVariable(pi.getId(), "verification_cwbi_dev"));
    Assertions.assertThat(passed.passed()).isTrue();
    Assertions.assertThat(passed.checks()).extracting(CheckResult::evidence)
        .anySatisfy(e -> Assertions.assertThat(e).contains("all 7 time series ids of T7 are in CWBI-DEV"));
    assertThat(pi).hasPassed("check_cwbi_dev").isWaitingAt("task_4_schema_functions");
  }

  @Test
  void devAnsweringWithErrorsKeepsTheGateClosedWithTheReason() {
    Instant now = Instant.now();
    serve(t7, inventory(now, 1));
    dev.stub(dev.get("version").willReturn(CdaStubs.json(500,
        "{\"message\":\"System Error\",\"incidentIdentifier\":\"-42\",\"details\":{}}")));
    // (a 503 would be retried by the job first: VerificationFaultsTest)
    dev.stub(dev.get("swagger-docs").willReturn(CdaStubs.json(404, "{\"message\":\"Not Found\"}")));

    Map<String, Object> start = driver.startData(OFFICE, false);
    start.put(MigrationVariables.T7_CDA_URL, TestServers.cdaUrl("t7"));
    pi = driver.start(start);
    driver.completeAll(pi.getId(), STEP_1);
    driver.completeAll(pi.getId(), STEP_2_3);

    assertThat(pi).isWaitingAt("check_cwbi_dev");
    Assertions.assertThat((String) runtime.getVariable(pi.getId(), "verification_cwbi_dev"))
        .contains("not a CDA", "HTTP 500", "CDA incident -42");
    String words = ((String) tasks.getVariable(driver.task(pi.getId(), MigrationDriver.FIX_TASK).getId(),
        "findingsSummary")).replace("\\", "");
    Assertions.assertThat(words).contains("**CWBI-DEV's CWMS Data API (CDA) did not answer**")
        .contains("CDA incident -42").contains("*What to do:* CWBI-DEV's CDA is run by CWBI: tell HEC");
  }
}
