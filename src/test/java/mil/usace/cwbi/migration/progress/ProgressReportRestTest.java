package mil.usace.cwbi.migration.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.process.forms.JsonValues;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.PageHttp;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Progress reported by the district's tools, through REST as a tool and HEC call it: a token reports for its own
 * office and the item changes (Task 1.1's inventory, Step 2 evidence), the audit trail says who reported it, and a
 * replayed report changes nothing. Then every way a report is refused, with nothing changed.
 */
class ProgressReportRestTest extends IntegrationTest {

  static final List<String> OFFICES = List.of("SWT", "LRL");

  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TaskService tasks;
  @Autowired JdbcTemplate jdbc;

  TokenHttp http;

  @BeforeEach
  void setUp() {
    verifier.passAll();
    http = new TokenHttp(baseUrl());
    clear();
  }

  @AfterEach
  void tearDown() {
    verifier.reset();
    clear();
  }

  void clear() {
    for (String office : OFFICES) {
      runtime.createProcessInstanceQuery().processDefinitionKey(MigrationVariables.PROCESS_KEY)
          .processInstanceBusinessKey(office).list()
          .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
    }
  }

  /** Starts SWT and sends Task 1.1 back with one script still to convert. */
  String swtWithAScriptToConvert() {
    String pi = driver.start("SWT", false).getId();
    driver.runJobs(pi);
    driver.complete(pi, "task_1_1_convert_scripts", Map.of(MigrationVariables.SCRIPT_INVENTORY, JsonValues.json(List.of(
        MigrationDriver.script("rating_update.py", "computation", "schedule", "cwms-database", "cwms-database",
            "to-convert"),
        MigrationDriver.script("old_fax_report.sh", "obsolete", "schedule", "cwms-database", "email-or-report",
            "retired")))));
    assertThat(driver.openTaskKeys(pi)).contains("task_1_1_convert_scripts");
    return pi;
  }

  @Test
  void aTokenReportsForItsOwnOfficeTheItemChangesAndAReplayChangesNothing() throws Exception {
    String pi = swtWithAScriptToConvert();
    TokenHttp.Session hec = http.session("hec-engineer");
    String token = hec.token("SWT", "SWT cwms-cli on batch host");
    assertThat(token).startsWith("cwbi_").hasSize(48);

    String converted = TokenHttp.report("SWT", "script-converted", "rating_update.py",
        "now a cwms-python batch job", "run-2026-11-30-0001");
    HttpResponse<String> accepted = http.report(token, converted);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(accepted.headers().allValues("Set-Cookie")).as("stateless: no session").isEmpty();
    assertThat(JsonValue(accepted).get("result").asText()).isEqualTo("accepted");
    // the fact is local to its event sub-process, never a variable of the migration itself
    assertThat(runtime.getVariables(pi)).doesNotContainKeys(ProgressReports.VARIABLES.toArray(String[]::new));
    assertThat(driver.runJobs(pi)).isEqualTo(1);

    // Task 1.1's inventory: the script is converted; the district still completes the task itself
    List<Map<String, Object>> rows = JsonValues.listOfObjects(runtime.getVariable(pi, MigrationVariables.SCRIPT_INVENTORY));
    assertThat(rows).filteredOn(r -> "rating_update.py".equals(r.get("name")))
        .singleElement().satisfies(r -> assertThat(r.get("status")).isEqualTo("converted"));
    assertThat(rows).hasSize(2);
    assertThat(driver.openTaskKeys(pi)).contains("task_1_1_convert_scripts");
    assertThat((String) runtime.getVariable(pi, "toolReports_1_1"))
        .contains("rating\\_update.py converted", "reported by **SWT cwms-cli on batch host**",
            "now a cwms-python batch job");
    // and what the district sees next: the task's form data carries the changed row and the report
    String task11 = driver.task(pi, "task_1_1_convert_scripts").getId();
    assertThat(tasks.getVariables(task11)).containsKeys("toolReports_1_1", MigrationVariables.SCRIPT_INVENTORY);

    // Step 2 evidence, before Task 2.1 is reached
    HttpResponse<String> series = http.report(token, TokenHttp.report("SWT", "series-loaded",
        MigrationDriver.CRITICAL.get(0), null, "run-2026-11-30-0002"));
    assertThat(series.statusCode()).as(series.body()).isEqualTo(202);
    driver.runJobs(pi);
    assertThat((String) runtime.getVariable(pi, "toolReports_2_1")).contains("loaded into CWBI-DEV",
        "reported by **SWT cwms-cli on batch host**");

    // the audit trail, where HEC reads it
    JsonNode audit = audit("SWT");
    List<JsonNode> reported = reported(audit, pi);
    assertThat(reported).hasSize(2);
    assertThat(reported.get(0).get("name").asText()).isEqualTo(
        "Script rating_update.py converted to cwms-python/CDA/OpenDCS — reported by SWT cwms-cli on batch host");
    assertThat(reported.get(0).toString()).contains("status set to \\\"Converted and tested\\\"");
    assertThat(reported.get(1).get("name").asText()).startsWith("Time series " + MigrationDriver.CRITICAL.get(0)
        + " loaded into CWBI-DEV — reported by SWT cwms-cli on batch host");
    assertThat(reported.get(1).get("step").asInt()).isEqualTo(2);

    // replayed: the same report id, and the same fact under a new id: 200 "already recorded", nothing changes
    long details = variableUpdates(pi);
    long recordings = recordings(pi);
    int rowsBefore = reportRows();
    int entries = audit("SWT").size();
    for (String again : List.of(converted, TokenHttp.report("SWT", "script-converted", "rating_update.py", null,
        "run-2026-11-30-0099"))) {
      HttpResponse<String> replay = http.report(token, again);
      assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
      assertThat(JsonValue(replay).get("result").asText()).isEqualTo("already recorded");
    }
    assertThat(driver.runJobs(pi)).isZero();
    assertThat(variableUpdates(pi)).isEqualTo(details);
    assertThat(recordings(pi)).isEqualTo(recordings);
    assertThat(reportRows()).isEqualTo(rowsBefore);
    assertThat(audit("SWT").size()).isEqualTo(entries);
  }

  @Test
  void theSameReportSentEightTimesAtOnceIsRecordedOnce() throws Exception {
    String pi = swtWithAScriptToConvert();
    String token = http.session("hec-engineer").token("SWT", "SWT parallel runner");
    String body = TokenHttp.report("SWT", "ldm-product-received", "SWT_SHEF_HOURLY", null, "parallel-1");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(pool.submit(() -> http.report(token, body).statusCode()));
      }
      List<Integer> codes = new java.util.ArrayList<>();
      for (var a : answers) {
        codes.add(a.get());
      }
      assertThat(codes).as(codes.toString()).containsOnly(202, 200).filteredOn(c -> c == 202).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(driver.runJobs(pi)).isEqualTo(1);
    assertThat(recordings(pi)).isEqualTo(1);
    assertThat((String) runtime.getVariable(pi, "toolReports_2_3")).contains("SWT\\_SHEF\\_HOURLY received");
  }

  @Test
  void aReportForACompletedTaskIsEvidenceOnlyAndAnUnlistedScriptIsAddedForTheDistrict() throws Exception {
    String pi = swtWithAScriptToConvert();
    String token = http.session("admin").token("SWT", "SWT CI pipeline");
    // a script the inventory does not list yet: added, for the district to describe
    assertThat(http.report(token, TokenHttp.report("SWT", "script-converted", "flow_totals.py", null, "ci-1"))
        .statusCode()).isEqualTo(202);
    driver.runJobs(pi);
    assertThat(JsonValues.listOfObjects(runtime.getVariable(pi, MigrationVariables.SCRIPT_INVENTORY)))
        .filteredOn(r -> "flow_totals.py".equals(r.get("name"))).singleElement()
        .satisfies(r -> assertThat(r.get("status")).isEqualTo("converted"));

    // Task 1.1 done (every script converted or retired): a later report changes no row, it is evidence only
    driver.complete(pi, "task_1_1_convert_scripts", Map.of(MigrationVariables.SCRIPT_INVENTORY, JsonValues.json(List.of(
        MigrationDriver.script("rating_update.py", "computation", "schedule", "cwms-database", "cwms-database",
            "retired")))));
    assertThat(driver.openTaskKeys(pi)).doesNotContain("task_1_1_convert_scripts");
    Object inventory = JsonValues.plain(runtime.getVariable(pi, MigrationVariables.SCRIPT_INVENTORY));
    assertThat(http.report(token, TokenHttp.report("SWT", "script-converted", "late_script.py", null, "ci-2"))
        .statusCode()).isEqualTo(202);
    driver.runJobs(pi);
    assertThat(JsonValues.plain(runtime.getVariable(pi, MigrationVariables.SCRIPT_INVENTORY))).isEqualTo(inventory);
    assertThat(reported(audit("SWT"), pi)).last().satisfies(e -> assertThat(e.toString())
        .contains("Recorded as evidence for Task 1.1, which was already completed"));
    assertThat(driver.openTaskKeys(pi)).doesNotContain("task_1_1_convert_scripts");
  }

  @Test
  void otherOfficeRevokedMalformedMissingTokensAndBadBodiesChangeNothing() throws Exception {
    String pi = swtWithAScriptToConvert();
    TokenHttp.Session hec = http.session("hec-engineer");
    String swt = hec.token("SWT", "SWT batch host");
    String lrl = hec.token("LRL", "LRL batch host");
    String revoked = hec.token("SWT", "SWT old laptop");
    assertThat(hec.revoke(hec.idOf("SWT old laptop")).statusCode()).isEqualTo(200);
    String body = TokenHttp.report("SWT", "script-converted", "rating_update.py", null, "r-1");

    long details = variableUpdates(pi);
    int rows = reportRows();
    // another office's token: 403; a revoked, malformed, unknown or missing token, or a person's password: 401
    HttpResponse<String> other = http.report(lrl, body);
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(JsonValue(other).get("field").asText()).isEqualTo("office");
    for (String bad : new String[] {revoked, "cwbi_short", swt.substring(0, 47) + (swt.endsWith("A") ? "B" : "A"),
        "cwbi_" + "A".repeat(43), "", null}) {
      HttpResponse<String> r = http.report(bad, body);
      assertThat(r.statusCode()).as(String.valueOf(bad)).isEqualTo(401);
      assertThat(r.body()).doesNotContain(String.valueOf(bad).isEmpty() ? "\u0000" : String.valueOf(bad));
    }
    assertThat(http.send("POST", "/api/reports", body, "Authorization", PageHttp.basic("hec-engineer", "demo"))
        .statusCode()).isEqualTo(401);
    assertThat(http.send("POST", "/api/reports", body, "Authorization", "Bearer " + swt + " " + "x".repeat(200))
        .statusCode()).isEqualTo(401);

    // bad bodies: 400 naming the field
    record Bad(String body, String field) {}
    for (Bad b : List.of(
        new Bad("not json", "body"),
        new Bad("[]", "body"),
        new Bad("{\"office\":\"SWT\",\"kind\":\"script-converted\",\"item\":\"a\",\"reportId\":\"x\",\"extra\":1}", "body"),
        new Bad("{\"office\":\"SWT\",\"kind\":\"script-converted\",\"item\":\"a\",\"reportId\":\"x\",\"pad\":\""
            + "x".repeat(5000) + "\"}", "body"),
        new Bad(TokenHttp.report("swt!", "script-converted", "a", null, "x"), "office"),
        new Bad(TokenHttp.report("SWT", "script-deleted", "a", null, "x"), "kind"),
        new Bad("{\"office\":\"SWT\",\"item\":\"a\",\"reportId\":\"x\"}", "kind"),
        new Bad(TokenHttp.report("SWT", "script-converted", "a".repeat(201), null, "x"), "item"),
        new Bad(TokenHttp.report("SWT", "script-converted", "two\nlines", null, "x"), "item"),
        new Bad(TokenHttp.report("SWT", "series-loaded", "not-a-series-id", null, "x"), "item"),
        new Bad(TokenHttp.report("SWT", "script-converted", "a", "d".repeat(1001), "x"), "detail"),
        new Bad("{\"office\":\"SWT\",\"kind\":\"script-converted\",\"item\":7,\"reportId\":\"x\"}", "item"),
        new Bad(TokenHttp.report("SWT", "script-converted", "a", null, "has space"), "reportId"),
        new Bad("{\"office\":\"SWT\",\"kind\":\"script-converted\",\"item\":\"a\"}", "reportId"))) {
      HttpResponse<String> r = http.report(swt, b.body());
      assertThat(r.statusCode()).as(b.body()).isEqualTo(400);
      assertThat(JsonValue(r).get("field").asText()).as(b.body()).isEqualTo(b.field());
    }
    assertThat(driver.runJobs(pi)).isZero();
    assertThat(variableUpdates(pi)).isEqualTo(details);
    assertThat(reportRows()).isEqualTo(rows);
    assertThat(reported(audit("SWT"), pi)).isEmpty();

    // SWT's migration suspended (HEC paused it in Cockpit): 409, nothing stored; taken again once it is activated
    runtime.suspendProcessInstanceById(pi);
    HttpResponse<String> paused = http.report(swt, TokenHttp.report("SWT", "location-loaded", "KEYS", null, "r-3"));
    assertThat(paused.statusCode()).isEqualTo(409);
    assertThat(JsonValue(paused).get("message").asText()).contains("suspended");
    assertThat(reportRows()).isEqualTo(rows);
    runtime.activateProcessInstanceById(pi);
    assertThat(http.report(swt, TokenHttp.report("SWT", "location-loaded", "KEYS", null, "r-3")).statusCode())
        .isEqualTo(202);
    rows = reportRows();

    // LRL has no running migration: 409 with why, nothing stored
    HttpResponse<String> none = http.report(lrl, TokenHttp.report("LRL", "script-converted", "a.py", null, "r-2"));
    assertThat(none.statusCode()).isEqualTo(409);
    assertThat(JsonValue(none).get("message").asText()).contains("LRL has no running migration");
    assertThat(reportRows()).isEqualTo(rows);
  }

  @Test
  void aTokenOpensNoOtherDoor() throws Exception {
    String pi = swtWithAScriptToConvert();
    String token = http.session("hec-engineer").token("SWT", "SWT door test");
    String bearer = "Bearer " + token;
    for (String path : List.of("/engine-rest/process-instance", "/engine-rest/task",
        "/camunda/api/engine/engine/default/process-instance", "/camunda/api/engine/engine/default/task",
        "/camunda/api/cockpit/plugin/base/default/process-definition/statistics",
        "/api/tokens", "/api/dashboard/offices", "/api/dashboard/offices/SWT/audit", "/api/dashboard/targets",
        "/demo/mail")) {
      HttpResponse<String> r = http.send("GET", path, null, "Authorization", bearer);
      assertThat(r.statusCode()).as(path).isIn(401, 403);
      assertThat(r.body()).as(path).doesNotContain("rating_update.py").doesNotContain("\"office\":\"SWT\"");
    }
    // and it writes nothing there either: a correlation or an issue of a token with it is refused
    assertThat(http.send("POST", "/engine-rest/message", "{\"messageName\":\"" + ProgressReports.MESSAGE
        + "\",\"businessKey\":\"SWT\"}", "Authorization", bearer).statusCode()).isEqualTo(401);
    assertThat(http.send("POST", "/api/tokens", "{\"office\":\"SWT\",\"name\":\"x\"}", "Authorization", bearer)
        .statusCode()).isEqualTo(401);

    // nor does a person fake a report around the endpoint: HEC's correlation of the message and the district's write
    // of the reported evidence are refused on both REST APIs' engine (403), nothing recorded
    long details = variableUpdates(pi);
    assertThat(http.send("POST", "/engine-rest/message", "{\"messageName\":\"" + ProgressReports.MESSAGE
        + "\",\"businessKey\":\"SWT\",\"processVariablesToTriggeredScope\":{\"reportKind\":{\"value\":"
        + "\"script-converted\"}}}", "Authorization", PageHttp.basic("hec-engineer", "demo")).statusCode())
        .isEqualTo(403);
    assertThat(http.send("PUT", "/engine-rest/process-instance/" + pi + "/variables/toolReports_1_1",
        "{\"value\":\"- faked\",\"type\":\"String\"}", "Authorization", PageHttp.basic("hec-engineer", "demo"))
        .statusCode()).isIn(400, 403);
    String task = driver.task(pi, "task_1_1_convert_scripts").getId();
    assertThat(http.send("PUT", "/engine-rest/task/" + task + "/variables/toolReports_1_1",
        "{\"value\":\"- faked\",\"type\":\"String\"}", "Authorization", PageHttp.basic("swt-water", "demo"))
        .statusCode()).isIn(400, 403);
    assertThat(recordings(pi)).isZero();
    assertThat(variableUpdates(pi)).isEqualTo(details);
  }

  JsonNode audit(String office) throws Exception {
    HttpResponse<String> r = http.send("GET", "/api/dashboard/offices/" + office + "/audit", null,
        "Authorization", PageHttp.basic("hec-engineer", "demo"));
    assertThat(r.statusCode()).isEqualTo(200);
    return TokenHttp.JSON.readTree(r.body());
  }

  /** This migration's report lines (the office's trail also has its earlier, cancelled migrations). */
  static List<JsonNode> reported(JsonNode audit, String pi) {
    List<JsonNode> out = new java.util.ArrayList<>();
    audit.forEach(e -> {
      if ("REPORTED".equals(e.get("type").asText()) && pi.equals(e.get("processInstanceId").asText())) {
        out.add(e);
      }
    });
    return out;
  }

  long variableUpdates(String pi) {
    return history.createHistoricDetailQuery().processInstanceId(pi).variableUpdates().count();
  }

  long recordings(String pi) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(pi).activityId("record_reported_progress")
        .count();
  }

  int reportRows() {
    return jdbc.queryForObject("select count(*) from cwbi_progress_report", Integer.class);
  }

  static JsonNode JsonValue(HttpResponse<String> r) throws Exception {
    return TokenHttp.JSON.readTree(r.body());
  }
}
