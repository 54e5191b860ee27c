package mil.usace.cwbi.migration.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard endpoint over real migrations in different states (fresh, held at a gate, in the Step 5/6 loop,
 * finished, overdue, with an incident), its audit trail (JSON and CSV), and who may read it.
 */
class DashboardEndpointTest extends IntegrationTest {

  static final String[] STEP_1 = {"task_1_1_convert_scripts", "task_1_2_usgs_scripts", "task_1_3_critimport",
      "task_1_4_shef_parser", "task_1_5_export_shef_config", "task_1_6_opendcs_dev"};
  static final String[] STEP_2_3 = {"task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products",
      "task_2_4_custom_schema", "task_3_1_modeling_ops"};
  static final String[] STEP_4 = {"task_4_schema_functions", "task_4_ldm_products", "task_4_usgs_config",
      "task_4_batch_scripts", "task_4_opendcs_import", "task_4_district_comments",
      "task_5_set_test_period", "task_5_agree_test_period"};
  static final String[] STEP_5 = {"task_5_confirm_data_processes", "task_5_rts_forecasts"};
  static final String[] STEP_7_8 = {"task_7_ldm_products", "task_7_usgs_config", "task_7_batch_scripts",
      "task_7_opendcs_import", "task_8_goldengate_off", "task_8_import_two_years", "task_8_migrate_history"};
  static final long DAY = 24L * 3600 * 1000;

  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;

  final ObjectMapper json = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();
  final List<String> started = new ArrayList<>();
  Instant t0;

  @BeforeEach
  void setUp() {
    verifier.passAll();
    t0 = Instant.now();
    ClockUtil.setCurrentTime(Date.from(t0));
  }

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

  void at(long days) {
    ClockUtil.setCurrentTime(new Date(t0.toEpochMilli() + days * DAY));
  }

  void runDueTimers(String pi) {
    for (Job job : management.createJobQuery().processInstanceId(pi).timers().executable().list()) {
      management.executeJob(job.getId());
    }
    driver.runJobs(pi);
  }

  @Test
  void everyOfficeInItsStateWithThoseNeedingAttentionFirst() throws Exception {
    // fresh: Step 1, three District tasks, overdue later
    ProcessInstance fresh = start("NWDP", true);

    // held at the Phase 1 gate: the CWBI-DEV check failed
    verifier.fail(Environment.CWBI_DEV);
    ProcessInstance blocked = start("NWDM", false);
    driver.completeAll(blocked.getId(), STEP_1);
    driver.completeAll(blocked.getId(), STEP_2_3);
    verifier.pass(Environment.CWBI_DEV);

    // finished: every step done
    ProcessInstance finished = start("SPK", false);
    driver.completeAll(finished.getId(), STEP_1);
    driver.completeAll(finished.getId(), STEP_2_3);
    driver.completeAll(finished.getId(), STEP_4);
    driver.completeAll(finished.getId(), STEP_5);
    at(15);
    runDueTimers(finished.getId());
    driver.completeAll(finished.getId(), STEP_7_8);
    driver.complete(finished.getId(), "task_9_decommission_t7");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(finished.getId()).count()).isZero();

    at(2);
    JsonNode rows = offices(basic("hec-engineer", "demo"));
    JsonNode f = row(rows, "NWDP");
    assertThat(f.get("state").asText()).isEqualTo("RUNNING");
    assertThat(f.get("processInstanceId").asText()).isEqualTo(fresh.getId());
    assertThat(f.get("phase").asInt()).isEqualTo(1);
    assertThat(f.get("step").asInt()).isEqualTo(1);
    assertThat(f.get("progressPercent").asInt()).isZero();
    assertThat(f.get("daysInStep").asLong()).isEqualTo(2);
    assertThat(f.get("stepCount").asInt()).as("from the deployed model").isEqualTo(9);
    assertThat(keys(f.get("openTasks"))).containsExactlyInAnyOrder("task_1_1_convert_scripts",
        "task_1_2_usgs_scripts", "task_1_3_critimport", "task_1_6_opendcs_dev");
    for (JsonNode t : f.get("openTasks")) {
      assertThat(t.get("lane").asText()).isEqualTo("District");
      assertThat(t.get("candidateGroups").toString()).contains("district-nwdp");
      assertThat(t.get("overdue").asBoolean()).isFalse();
    }
    assertThat(f.get("checks").size()).isZero();
    assertThat(f.get("attention").size()).isZero();
    assertThat(f.get("cockpitUrl").asText()).isEqualTo(
        "/camunda/app/cockpit/default/#/process-instance/" + fresh.getId() + "/runtime");

    JsonNode b = row(rows, "NWDM");
    assertThat(b.get("state").asText()).isEqualTo("BLOCKED");
    assertThat(b.get("step").asInt()).isEqualTo(3);
    assertThat(b.get("phase").asInt()).isEqualTo(1);
    assertThat(b.get("stepsDone").asInt()).isEqualTo(2);
    // two steps behind, and Step 3's one roadmap task (3.1) done: the open fix task does not count
    assertThat(b.get("progressPercent").asInt()).isEqualTo(33);
    assertThat(b.get("blockedAt").asText()).contains("Phase 1 gate");
    assertThat(keys(b.get("openTasks"))).containsExactly(MigrationDriver.FIX_TASK);
    assertThat(b.get("openTasks").get(0).get("step").asInt()).as("the fix task of the check it called").isEqualTo(3);
    assertThat(b.get("openTasks").get(0).get("lane").asText()).isEqualTo("District");
    assertThat(b.get("checks").get("t7").get("passed").asBoolean()).isTrue();
    assertThat(b.get("checks").get("cwbi_dev").get("passed").asBoolean()).isFalse();
    assertThat(b.get("checks").get("cwbi_dev").get("environment").asText()).isEqualTo("CWBI-DEV");
    assertThat(b.get("checks").get("cwbi_dev").get("failedChecks").toString()).contains("stale");
    JsonNode devFindings = b.get("checks").get("cwbi_dev").get("findings");
    assertThat(devFindings.get("failed").get(0).get("what").asText())
        .isEqualTo("Critical time series are not up to date in CWBI-DEV");
    assertThat(devFindings.get("failed").get(0).get("todo").asText()).contains("runs against CWBI-DEV");
    assertThat(Instant.parse(b.get("checks").get("cwbi_dev").get("time").asText())).isNotNull();
    assertThat(b.get("checks").has("cwbi_test")).isFalse();
    assertThat(b.get("attention").toString()).contains("held at Phase 1 gate").contains("CWBI-DEV check failed");

    JsonNode done = row(rows, "SPK");
    assertThat(done.get("state").asText()).isEqualTo("FINISHED");
    assertThat(done.get("processInstanceId").asText()).isEqualTo(finished.getId());
    assertThat(done.get("step").asInt()).isEqualTo(9);
    assertThat(done.get("stepsDone").asInt()).isEqualTo(9);
    assertThat(done.get("progressPercent").asInt()).isEqualTo(100);
    assertThat(done.get("checks").get("history").get("passed").asBoolean()).isTrue();
    assertThat(done.get("checks").size()).isEqualTo(5);

    assertThat(index(rows, "NWDM")).as("held office before the fresh one").isLessThan(index(rows, "NWDP"));

    // two months on, Step 1's tasks (due after 60 days) are overdue; an incident puts the office at the top
    at(61);
    runtime.createIncident("failedJob", driver.task(fresh.getId(), "task_1_3_critimport").getExecutionId(), "test",
        "CDA of T7 unreachable");
    rows = offices(basic("admin", "demo"));
    f = row(rows, "NWDP");
    assertThat(f.get("overdueTasks").asInt()).isEqualTo(4);
    assertThat(f.get("openTasks").get(0).get("overdue").asBoolean()).isTrue();
    assertThat(f.get("daysInStep").asLong()).isEqualTo(61);
    assertThat(f.get("incidents").get(0).get("message").asText()).isEqualTo("CDA of T7 unreachable");
    assertThat(f.get("attention").toString()).contains("1 open incident").contains("4 overdue task");
    assertThat(index(rows, "NWDP")).isLessThan(index(rows, "NWDM"));
    // attention first, then running, finished, not started (offices of the configuration without a migration)
    List<String> states = new ArrayList<>();
    rows.forEach(r -> states.add(r.get("attention").size() > 0 ? "ATTENTION" : r.get("state").asText()));
    assertThat(states).isSortedAccordingTo(java.util.Comparator.comparingInt(
        st -> List.of("ATTENTION", "RUNNING", "BLOCKED", "FINISHED", "NOT_STARTED").indexOf(st)));
    assertThat(states).contains("ATTENTION", "FINISHED");
    assertThat(rows.size()).isGreaterThanOrEqualTo(11);
  }

  @Test
  void theStep5And6LoopStartsANewVisitOfStep5() throws Exception {
    ProcessInstance pi = start("SWF", false);
    driver.completeAll(pi.getId(), STEP_1);
    driver.completeAll(pi.getId(), STEP_2_3);
    driver.completeAll(pi.getId(), STEP_4);
    at(3);
    JsonNode r = row(offices(basic("hec-engineer", "demo")), "SWF");
    assertThat(r.get("step").asInt()).isEqualTo(5);
    assertThat(r.get("phase").asInt()).isEqualTo(2);
    assertThat(r.get("daysInStep").asLong()).isEqualTo(3);
    assertThat(keys(r.get("openTasks"))).containsExactlyInAnyOrder(STEP_5);
    assertThat(r.get("checks").get("cwbi_test").get("passed").asBoolean()).isTrue();

    driver.complete(pi.getId(), "task_5_confirm_data_processes",
        Map.of("dataProcessesConfirmed", false, "step5Issues", "KEYS inflow computation not running"));
    driver.complete(pi.getId(), "task_5_rts_forecasts");
    at(15);
    runDueTimers(pi.getId());
    r = row(offices(basic("hec-engineer", "demo")), "SWF");
    assertThat(r.get("step").asInt()).isEqualTo(6);
    assertThat(r.get("state").asText()).isEqualTo("BLOCKED");
    assertThat(r.get("blockedAt").asText()).contains("Phase 2 gate");
    assertThat(keys(r.get("openTasks"))).containsExactly("task_6_fix_issues");
    assertThat(tasks.getVariable(driver.task(pi.getId(), "task_6_fix_issues").getId(), "findingsSummary").toString())
        .as("Step 6's form shows the last CWBI-TEST check in words").startsWith("**All ")
        .contains("CWBI\\-TEST check of SWF").doesNotContain("{");
    assertThat(r.get("openTasks").get(0).get("lane").asText()).isEqualTo("HEC");
    assertThat(r.get("openTasks").get(0).get("candidateGroups").toString()).contains("hec");

    driver.complete(pi.getId(), "task_6_fix_issues");
    driver.complete(pi.getId(), "task_6_district_review");
    at(17);
    r = row(offices(basic("hec-engineer", "demo")), "SWF");
    assertThat(r.get("step").asInt()).isEqualTo(5);
    assertThat(r.get("state").asText()).isEqualTo("RUNNING");
    assertThat(keys(r.get("openTasks"))).containsExactly("task_5_set_test_period");
    assertThat(r.get("openTasks").get(0).get("lane").asText()).isEqualTo("HEC");
    assertThat(r.get("daysInStep").asLong()).as("since the loop came back, not since Step 5 first began")
        .isEqualTo(2);
  }

  /** An entry's fields for people as "label=text". */
  static List<String> fields(JsonNode entry) {
    List<String> out = new ArrayList<>();
    entry.get("fields").forEach(f -> out.add(f.get("label").asText() + "="
        + (f.get("text").isNull() ? "(table)" : f.get("text").asText())));
    return out;
  }

  static JsonNode field(JsonNode entry, String label) {
    for (JsonNode f : entry.get("fields")) {
      if (f.get("label").asText().equals(label)) {
        return f;
      }
    }
    throw new AssertionError("no field " + label + " in " + entry);
  }

  @Test
  void auditTrailShowsWhoCompletedWhatWithTheFormEvidenceAndEveryCheck() throws Exception {
    verifier.fail(Environment.T7);
    ProcessInstance pi = start("MVS", false);
    String critimport = driver.task(pi.getId(), "task_1_3_critimport").getId();
    tasks.claim(critimport, "swt-water");
    driver.complete(pi.getId(), "task_1_3_critimport", Map.of("critFile", "/usr/local/shef/mvs.crit",
        "critLineCount", 412, "critNotes", "=HYPERLINK(\"http://evil\")"));
    driver.completeAll(pi.getId(), STEP_1);
    verifier.pass(Environment.T7);
    at(1);
    driver.complete(pi.getId(), MigrationDriver.FIX_TASK, Map.of("fixNotes", "Restarted the SHEF loader, re-ran"));

    // the trail covers every migration the office ever had (earlier tests may have cancelled one): look at ours
    JsonNode all = get("/api/dashboard/offices/mvs/audit", basic("hec-engineer", "demo"), 200);
    // one office rule (process.Office): any case is the office, anything but 3 or 4 letters is refused with why
    assertThat(get("/api/dashboard/offices/MV1/audit", basic("hec-engineer", "demo"), 400).get("message").asText())
        .contains("3 or 4 letters");
    com.fasterxml.jackson.databind.node.ArrayNode audit = json.createArrayNode();
    all.forEach(e -> {
      if (e.get("processInstanceId").asText().equals(pi.getId())) {
        audit.add(e);
      }
    });
    assertThat(audit.get(0).get("type").asText()).isEqualTo("STARTED");
    JsonNode crit = entry(audit, "TASK_COMPLETED", "task_1_3_critimport");
    assertThat(crit.get("user").asText()).isEqualTo("swt-water");
    assertThat(crit.get("step").asInt()).isEqualTo(1);
    assertThat(crit.get("evidence").get("critFile").asText()).isEqualTo("/usr/local/shef/mvs.crit");
    assertThat(crit.get("evidence").get("critLineCount").asInt()).isEqualTo(412);
    assertThat(crit.get("evidence").get("critImportRun").asBoolean()).isTrue();
    assertThat(crit.get("evidence").has("critFile")).isTrue();
    // and for people: the form's labels, in the form's order, Yes/No
    assertThat(fields(crit)).containsExactly(
        "Crit file used=/usr/local/shef/mvs.crit", "Crit lines imported=412",
        "Ran cwms-cli shef import_crit on T7 and it finished without errors=Yes",
        "Notes==HYPERLINK(\"http://evil\")");
    // a list is a table under its columns' labels, options by their labels
    JsonNode convert = entry(audit, "TASK_COMPLETED", "task_1_1_convert_scripts");
    assertThat(fields(convert).get(0)).isEqualTo("This server runs no custom scripts=No");
    JsonNode scripts = field(convert, "Scripts");
    assertThat(scripts.get("table").get("columns").toString())
        .isEqualTo("[\"Script\",\"Purpose\",\"How it runs\",\"Main input\",\"Main output\",\"Status\"]");
    assertThat(scripts.get("table").get("rows").get(0).toString()).isEqualTo("[\"nightly_usgs_pull.py\","
        + "\"Gets USGS data\",\"On a schedule (cron)\",\"USGS web services\",\"CWMS database\",\"Converted and tested\"]");
    assertThat(scripts.get("table").get("rows")).hasSize(2);
    JsonNode started = audit.get(0).get("fields");
    assertThat(started.get(0).get("label").asText()).isEqualTo("Office");
    assertThat(started.get(0).get("text").asText()).isEqualTo("MVS");
    JsonNode critical = field(audit.get(0), "Critical time series");
    assertThat(critical.get("table").get("rows")).hasSize(MigrationDriver.CRITICAL.size());
    JsonNode fix = entry(audit, "TASK_COMPLETED", MigrationDriver.FIX_TASK);
    assertThat(fix.get("evidence").get("fixNotes").asText()).isEqualTo("Restarted the SHEF loader, re-ran");
    assertThat(fix.get("step").asInt()).as("the called check's fix task is in the T7 check's step").isEqualTo(1);
    assertThat(fix.get("name").asText()).isEqualTo("Fix what the T7 check found");
    assertThat(fix.get("evidence").has("findings")).as("the check's report is shown to the task, not entered").isFalse();
    // the evidence of a task is its own: 1.3's fields are not on 1.1
    assertThat(entry(audit, "TASK_COMPLETED", "task_1_1_convert_scripts").get("evidence").has("critFile")).isFalse();

    List<JsonNode> checks = new ArrayList<>();
    audit.forEach(e -> {
      if (e.get("type").asText().equals("CHECK")) {
        checks.add(e);
      }
    });
    assertThat(checks).hasSize(2);
    // the activity that checks T7 in the office's version of the model: the call activity of version 3
    assertThat(checks.get(0).get("activityId").asText()).isEqualTo("check_t7");
    assertThat(checks.get(0).get("step").asInt()).isEqualTo(1);
    assertThat(checks.get(0).get("passed").asBoolean()).isFalse();
    assertThat(checks.get(0).get("checks").toString()).contains("stale");
    // people read the findings: what failed, the evidence, what to do; the passing checks counted
    JsonNode failedCheck = checks.get(0).get("findings");
    assertThat(failedCheck.get("failed")).hasSize(1);
    assertThat(failedCheck.get("failed").get(0).get("what").asText())
        .isEqualTo("Critical time series are not up to date in T7");
    assertThat(failedCheck.get("failed").get(0).get("evidence").asText()).contains("stale 3 of 3")
        .contains("(10 days old > limit 3 h)");
    assertThat(failedCheck.get("failed").get(0).get("todo").asText())
        .isEqualTo("Check that the district's batch job / OpenDCS computation that writes them runs on T7.");
    assertThat(failedCheck.get("passedChecks")).hasSize(2);
    assertThat(checks.get(0).get("name").asText()).isEqualTo("Automated check of T7");
    assertThat(checks.get(1).get("passed").asBoolean()).isTrue();
    assertThat(positionOf(audit, checks.get(0))).isLessThan(positionOf(audit, fix));

    HttpResponse<String> csv = send("/api/dashboard/offices/MVS/audit.csv", basic("hec-engineer", "demo"));
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("cwbi-migration-audit-MVS.csv");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0]).isEqualTo(AuditCsv.HEADER);
    assertThat(lines).hasSize(all.size() + 1);
    String critLine = List.of(lines).stream().filter(l -> l.contains("Task 1.3") && l.contains(pi.getId()))
        .findFirst().orElseThrow();
    assertThat(critLine).contains(",swt-water,").contains("Crit file used: /usr/local/shef/mvs.crit")
        .contains("Crit lines imported: 412").contains("finished without errors: Yes")
        .doesNotContain("critFile").doesNotContain("task_1_3");
    assertThat(critLine).as("quoted as one cell").contains("Notes: =HYPERLINK(\"\"http://evil\"\")");
    assertThat(List.of(lines).stream().filter(l -> l.contains("Task 1.1") && l.contains(pi.getId())).findFirst()
        .orElseThrow()).contains("Scripts: 1) Script: nightly_usgs_pull.py, Purpose: Gets USGS data");
    assertThat(AuditCsv.cell("=HYPERLINK(\"x\")")).as("a cell a spreadsheet would run stays text")
        .isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(AuditCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(csv.body()).contains("," + pi.getId() + ",Automated check,1,Automated check of T7,automated,FAILED,")
        .contains("1 of 3 checks failed. Critical time series are not up to date in T7: test decided: fail for MVS")
        .contains("What to do: Check that the district's batch job")
        .doesNotContain("\"\"passed\"\"").doesNotContain("check_t7").doesNotContain("TASK_COMPLETED");

    assertThat(get("/api/dashboard/offices/QQQ/audit", basic("admin", "demo"), 200).size())
        .as("an office that never started has an empty trail").isZero();
    assertThat(get("/api/dashboard/offices/S%3BX/audit", basic("hec-engineer", "demo"), 400).get("message").asText())
        .contains("office");
  }

  @Test
  void onlyHecAndAdministratorsMayReadIt() throws Exception {
    HttpResponse<String> anonymous = send("/api/dashboard/offices", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
    assertThat(send("/api/dashboard/offices", basic("nobody-at-all", "demo")).statusCode()).isEqualTo(401);
    HttpResponse<String> district = send("/api/dashboard/offices", basic("swt-water", "demo"));
    assertThat(district.statusCode()).isEqualTo(403);
    assertThat(json.readTree(district.body()).get("message").asText()).contains("hec or camunda-admin");
    assertThat(send("/api/dashboard/offices/SWT/audit", basic("swt-water", "demo")).statusCode()).isEqualTo(403);
    assertThat(send("/api/dashboard/offices/SWT/audit.csv", basic("lrl-water", "demo")).statusCode()).isEqualTo(403);
    assertThat(send("/api/dashboard/offices/SWT/audit.csv", null).statusCode()).isEqualTo(401);
    assertThat(send("/api/dashboard/offices", basic("hec-engineer", "demo")).statusCode()).isEqualTo(200);
    assertThat(send("/api/dashboard/offices", basic("admin", "demo")).statusCode()).isEqualTo(200);

    // the Cockpit plugin's way: the Camunda webapp session (cookie), no credentials on the call; a district user
    // logged in to Tasklist has a session too, and is refused
    assertThat(sessionOf("hec-engineer", "cockpit").send(request("/api/dashboard/offices", null).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(sessionOf("swt-water", "tasklist").send(request("/api/dashboard/offices", null).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
  }

  /** Logs in to the Camunda webapps like the browser does (CSRF token from a first GET), keeping the cookies. */
  HttpClient sessionOf(String user, String app) throws Exception {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> page = client.send(request("/camunda/app/cockpit/default/", null).build(),
        HttpResponse.BodyHandlers.ofString());
    String csrf = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo";
    HttpResponse<String> login = client.send(request("/camunda/api/admin/auth/user/default/login/" + app, null)
        .header("X-XSRF-TOKEN", csrf).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return client;
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  HttpRequest.Builder request(String path, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", "*/*");
    return authorization == null ? b : b.header("Authorization", authorization);
  }

  HttpResponse<String> send(String path, String authorization) throws Exception {
    return http.send(request(path, authorization).build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode get(String path, String authorization, int status) throws Exception {
    HttpResponse<String> r = send(path, authorization);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return json.readTree(r.body());
  }

  JsonNode offices(String authorization) throws Exception {
    return get("/api/dashboard/offices", authorization, 200);
  }

  static JsonNode row(JsonNode rows, String office) {
    for (JsonNode r : rows) {
      if (r.get("office").asText().equals(office)) {
        return r;
      }
    }
    throw new AssertionError("no row for " + office + " in " + rows);
  }

  static int index(JsonNode rows, String office) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).get("office").asText().equals(office)) {
        return i;
      }
    }
    throw new AssertionError("no row for " + office);
  }

  static List<String> keys(JsonNode openTasks) {
    List<String> keys = new ArrayList<>();
    openTasks.forEach(t -> keys.add(t.get("key").asText()));
    return keys;
  }

  static JsonNode entry(JsonNode audit, String type, String activity) {
    for (JsonNode e : audit) {
      if (e.get("type").asText().equals(type) && activity.equals(e.path("activityId").asText())) {
        return e;
      }
    }
    throw new AssertionError("no " + type + " " + activity + " in " + audit);
  }

  static int positionOf(JsonNode audit, JsonNode entry) {
    for (int i = 0; i < audit.size(); i++) {
      if (audit.get(i) == entry || audit.get(i).equals(entry)) {
        return i;
      }
    }
    return -1;
  }
}
