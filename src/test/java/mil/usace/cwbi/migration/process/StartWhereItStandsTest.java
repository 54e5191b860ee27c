package mil.usace.cwbi.migration.process;

import static mil.usace.cwbi.migration.cda.CdaStubs.location;
import static mil.usace.cwbi.migration.cda.CdaStubs.member;
import static mil.usace.cwbi.migration.cda.CdaStubs.series;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.cda.CdaStubs;
import mil.usace.cwbi.migration.dashboard.AuditEntry;
import mil.usace.cwbi.migration.dashboard.AuditTrail;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.PageHttp;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.support.TestServers;
import mil.usace.cwbi.migration.verification.Environment;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Issue 14, item 1: HEC starts an office where it stands. Through the REST API as HEC: the steps before the start
 * step are recorded as done before this application, and the checks of the phases passed over still run against
 * CDA (WireMock) first and hold the office with their fix loop. A district may not start past Step 1 on any path,
 * and the rules of every start (one migration per office, the form's rules) hold.
 */
class StartWhereItStandsTest extends IntegrationTest {

  static final String OFFICE = "SWF";
  static final String START = "/process-definition/key/cwbi-migration/start";
  static final String SUBMIT = "/process-definition/key/cwbi-migration/submit-form";

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired AuditTrail audit;
  @Autowired mil.usace.cwbi.migration.notification.digest.WeeklyDigestQueries weeklyDigest;

  final ObjectMapper json = new ObjectMapper();
  final CdaStubs t7 = new CdaStubs(TestServers.cda(), "t7");
  final CdaStubs dev = new CdaStubs(TestServers.cda(), "dev");

  @BeforeEach
  void clean() {
    deleteAll();
  }

  @AfterEach
  void cleanUp() {
    verifier.reset();
    t7.reset();
    dev.reset();
    deleteAll();
  }

  void deleteAll() {
    for (String office : List.of(OFFICE, "SWT", "LRL")) {
      runtime.createProcessInstanceQuery().rootProcessInstances().processInstanceBusinessKey(office).list()
          .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
    }
  }

  Map<String, Object> startData(String office, Object startStep, String evidence) {
    Map<String, Object> v = new LinkedHashMap<>(driver.startData(office, false));
    v.put(MigrationVariables.T7_CDA_URL, TestServers.cdaUrl("t7"));
    if (startStep != null) {
      v.put(StartStep.VARIABLE, startStep);
    }
    if (evidence != null) {
      v.put(StartStep.EVIDENCE, evidence);
    }
    return v;
  }

  static Map<String, Object> body(Map<String, Object> values) {
    Map<String, Object> vars = new LinkedHashMap<>();
    values.forEach((k, v) -> vars.put(k, Map.of("value", v)));
    return Map.of("variables", vars);
  }

  ResponseEntity<String> rest(String user, String path, Map<String, Object> values) {
    return http.withBasicAuth(user, "demo").postForEntity(baseUrl() + "/engine-rest" + path, body(values),
        String.class);
  }

  long migrations(String office) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(MigrationVariables.PROCESS_KEY)
        .processInstanceBusinessKey(office).count();
  }

  static List<Map<String, Object>> inventory(Instant now, int extra) {
    List<Map<String, Object>> c = new ArrayList<>();
    for (String id : MigrationDriver.CRITICAL) {
      c.add(series(OFFICE, id, "1Hour", now.minus(900, ChronoUnit.DAYS), now.minus(1, ChronoUnit.HOURS)));
    }
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
    cda.group("SHEF Data Acquisition", List.of(member(OFFICE, MigrationDriver.CRITICAL.get(0))));
  }

  @Test
  void hecStartsAnOfficeAtStep5AndThePhase1GateHoldsItUntilCwbiDevHasItsSeries() throws Exception {
    Instant now = Instant.now();
    verifier.pass(Environment.T7); // Step 1's T7 check runs; the Phase 1 gate is the real CDA verifier's
    serve(t7, inventory(now, 3));
    serve(dev, inventory(now, 1)); // CWBI-DEV lacks two of T7's series

    ResponseEntity<String> started = rest("hec-engineer", START,
        startData(OFFICE, 5, "Steps 1-4 signed off in HEC's checklist, ticket CWBI-1234"));
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
    String pi = json.readTree(started.getBody()).path("id").asText();
    driver.runJobs(pi);

    assertThat(verifier.calls(Environment.T7)).as("the T7 check of Step 1 ran").isEqualTo(1);
    assertThat(runtime.getVariable(pi, "verification_cwbi_dev_passed")).isEqualTo(false);
    assertThat(driver.openTaskKeys(pi)).containsExactly(MigrationDriver.FIX_TASK);
    assertThat(driver.calledCheck(pi, "check_cwbi_dev")).as("the fix task is the CWBI-DEV check's").isNotNull();
    assertThat(history.createHistoricTaskInstanceQuery().rootProcessInstanceId(pi).list())
        .extracting(HistoricTaskInstance::getTaskDefinitionKey).as("no task of Steps 1-4 was ever opened")
        .containsExactly(MigrationDriver.FIX_TASK);
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pi).list())
        .extracting(a -> a.getActivityId())
        .contains("end_done_before_step_1", "end_done_before_step_2", "end_done_before_step_3", "check_t7",
            "check_cwbi_dev")
        .doesNotContain("end_done_before_step_4");

    // the records: each item of Steps 1-3 (and of Step 4, once passed) done before this application, in words
    List<AuditEntry> trail = audit.of(OFFICE);
    List<AuditEntry> before = trail.stream().filter(e -> e.type().equals("DONE_BEFORE")).toList();
    assertThat(before).extracting(AuditEntry::name).contains(
        "Task 1.1: Convert custom scripts to cwms-python/CDA/OpenDCS: done before this application, declared by "
            + "hec-engineer on " + mil.usace.cwbi.migration.verification.Readable.time(before.get(0).time()),
        before.get(0).name());
    assertThat(before).extracting(AuditEntry::name).allSatisfy(n -> assertThat(n)
        .matches("Task \\d(\\.\\d)?: .+: done before this application, declared by hec-engineer on .+"));
    assertThat(before).extracting(e -> e.name().substring(5, e.name().indexOf(':')))
        .as("every item of Steps 1-4 (USGS-only items left out: the office uses no USGS data), in roadmap order")
        .containsExactly("1.1", "1.3", "1.4", "1.5", "1.6", "2.1", "2.2", "2.3", "2.4", "3.1", "4.1", "4.2", "4.4",
            "4.5");
    assertThat(before.get(0).evidence()).containsEntry("Declared by", "hec-engineer")
        .containsEntry("Evidence", "Steps 1-4 signed off in HEC's checklist, ticket CWBI-1234");
    assertThat(before.get(0).user()).isEqualTo("hec-engineer");

    // the district loads the missing series: the fix loop re-checks, the gate opens, Step 4 is passed by
    dev.reset();
    serve(dev, inventory(now, 3));
    driver.complete(pi, MigrationDriver.FIX_TASK);
    assertThat(runtime.getVariable(pi, "verification_cwbi_dev_passed")).isEqualTo(true);
    assertThat(driver.openTaskKeys(pi)).containsExactly("task_5_set_test_period");
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pi)
        .activityId("end_done_before_step_4").count()).isEqualTo(1);
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pi)
        .activityId("end_done_before_step_5").count()).as("Step 5 itself is done here").isZero();
  }

  @Test
  void aDistrictCannotStartPastStep1OnAnyPathAndNothingIsCreated() throws Exception {
    long before = migrations("SWT");
    for (String path : List.of(START, SUBMIT)) {
      ResponseEntity<String> r = rest("swt-water", path, startData("SWT", 3, null));
      assertThat(r.getStatusCode()).as(path + ": " + r.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(r.getBody()).contains("only hec or camunda-admin may declare steps done before this application");
    }
    ResponseEntity<String> asText = rest("swt-water", START, startData("SWT", "2", null));
    assertThat(asText.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    // Tasklist's own API: session log-in and CSRF token, as the start form in the browser submits it
    PageHttp page = new PageHttp(baseUrl());
    String session = page.tasklistSession("swt-water", "demo");
    String base = baseUrl() + "/camunda/api/engine/engine/default";
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> probe = client.send(HttpRequest.newBuilder(URI.create(base + "/task/count"))
        .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
    String token = probe.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    for (String path : List.of(START, SUBMIT)) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
          .header("Cookie", session).header("X-XSRF-TOKEN", token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body(startData("SWT", 4, "ours")))))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("webapp " + path + ": " + r.body()).isEqualTo(403);
      assertThat(r.body()).contains("may not start a migration at a later step");
    }
    assertThat(migrations("SWT")).as("nothing was created").isEqualTo(before);

    // the same district starting at Step 1 (the default) is an ordinary start
    ResponseEntity<String> ordinary = rest("swt-water", START, startData("SWT", 1, null));
    assertThat(ordinary.getStatusCode()).as(ordinary.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(migrations("SWT")).isEqualTo(before + 1);
  }

  @Test
  void theRulesOfEveryStartHold() {
    verifier.passAll();
    long lrl = migrations("LRL");
    long swt = migrations("SWT");
    ResponseEntity<String> first = rest("hec-engineer", START, startData("LRL", 3, null));
    assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> second = rest("hec-engineer", START, startData("LRL", 7, "again"));
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(second.getBody()).contains("A migration for office LRL is already running");
    assertThat(migrations("LRL")).isEqualTo(lrl + 1);

    for (Object bad : List.of(0, 10, -3, 2.5, "five")) {
      ResponseEntity<String> r = rest("hec-engineer", START, startData("SWT", bad, null));
      assertThat(r.getStatusCode()).as("startStep " + bad + ": " + r.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(r.getBody()).contains("Start at step");
    }
    ResponseEntity<String> evidenceAlone = rest("hec-engineer", START, startData("SWT", 1, "done elsewhere"));
    assertThat(evidenceAlone.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(evidenceAlone.getBody()).contains("applies only to a start at a later step");
    ResponseEntity<String> tooLong = rest("hec-engineer", START, startData("SWT", 2, "x".repeat(2001)));
    assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Map<String, Object> badForm = startData("SWT", 4, null);
    badForm.put(MigrationVariables.T7_CDA_URL, "not a url");
    assertThat(rest("hec-engineer", START, badForm).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(migrations("SWT")).as("no refused start created anything").isEqualTo(swt);
  }

  @Test
  void withoutStartStepAMigrationRunsAsBefore() {
    verifier.passAll();
    ProcessInstance plain = driver.start("SWT", false); // no startStep at all, as every start before issue 14
    assertThat(runtime.getVariable(plain.getId(), StartStep.VARIABLE)).isEqualTo(1);
    assertThat(driver.openTaskKeys(plain.getId())).contains("task_1_1_convert_scripts", "task_1_3_critimport",
        "task_1_6_opendcs_dev");

    // an office moved from version 2 has no startStep variable: the gateways take it as Step 1
    runtime.removeVariable(plain.getId(), StartStep.VARIABLE);
    driver.completeSteps(plain.getId(), 1);
    driver.runJobs(plain.getId());
    assertThat(driver.openTaskKeys(plain.getId())).contains("task_2_1_load_db_objects", "task_2_4_custom_schema");
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(plain.getId()).list())
        .extracting(a -> a.getActivityId()).contains("gw_done_before_step_1", "gw_done_before_step_2")
        .noneMatch(id -> id.startsWith("end_done_before"));
    assertThat(audit.of("SWT")).noneMatch(e -> e.type().equals("DONE_BEFORE"));
  }

  @Test
  void step5PassedByStillChecksCwbiTestAndAFailedPhase2GateMakesStep5RealAfterStep6() {
    verifier.passAll();
    verifier.fail(Environment.CWBI_TEST);
    ResponseEntity<String> started = rest("hec-engineer", START, startData("LRL", 7, "PROD cut-over planned"));
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
    String pi = readId(started);
    driver.runJobs(pi);
    assertThat(verifier.calls(Environment.CWBI_TEST)).isEqualTo(1);
    assertThat(runtime.getVariable(pi, "dataProcessesConfirmed")).isEqualTo(true);
    assertThat(runtime.getVariable(pi, "verification_cwbi_test_passed")).isEqualTo(false);
    assertThat(driver.openTaskKeys(pi)).as("the Phase 2 gate held: HEC fixes in Step 6")
        .containsExactly("task_6_fix_issues");

    verifier.pass(Environment.CWBI_TEST);
    driver.complete(pi, "task_6_fix_issues");
    driver.complete(pi, "task_6_district_review", Map.of("step6ReadyToRetest", true));
    assertThat(driver.openTaskKeys(pi)).as("Step 5 again, now for real").containsExactly("task_5_set_test_period");
  }

  @Test
  void anOfficeStartedAtStep7WhoseChecksPassGoesStraightToStep7() {
    verifier.passAll();
    ResponseEntity<String> started = rest("hec-engineer", START, startData("LRL", 7, null));
    String pi = readId(started);
    driver.runJobs(pi);
    assertThat(driver.openTaskKeys(pi)).contains("task_7_batch_scripts", "task_7_opendcs_import")
        .noneMatch(k -> k.startsWith("task_5") || k.startsWith("task_6"));
    assertThat(verifier.calls(Environment.T7)).isEqualTo(1);
    assertThat(verifier.calls(Environment.CWBI_DEV)).isEqualTo(1);
    assertThat(verifier.calls(Environment.CWBI_TEST)).isEqualTo(1);

    // HEC's weekly digest: the steps done before this application were not "finished this week"
    var digest = weeklyDigest.digest(java.time.ZonedDateTime.now().plusDays(1));
    assertThat(digest.finished()).noneMatch(f -> f.office().equals("LRL"));
  }

  String readId(ResponseEntity<String> r) {
    assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.OK);
    try {
      JsonNode node = json.readTree(r.getBody());
      return node.path("id").asText();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
