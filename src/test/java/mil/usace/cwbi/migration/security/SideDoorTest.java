package mil.usace.cwbi.migration.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mil.usace.cwbi.migration.dashboard.AuditEntry;
import mil.usace.cwbi.migration.dashboard.AuditTrail;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The side doors of issue 10, tried as an attacker would, over real HTTP on both REST APIs ({@code /engine-rest}
 * with Basic auth, and the webapps' {@code /camunda/api/engine/engine/default} with a Tasklist session and its CSRF
 * token). Each asserts the refusal (status and message) and that nothing changed.
 */
class SideDoorTest extends IntegrationTest {

  static final String REST = "/engine-rest";
  static final String WEBAPP = "/camunda/api/engine/engine/default";
  static final List<String> OFFICES = List.of("SWT", "LRL", "MVP");

  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired MigrationDriver driver;
  @Autowired AuditTrail audit;
  @Autowired mil.usace.cwbi.migration.support.ScriptedGateVerifier verifier;

  final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  final ObjectMapper json = new ObjectMapper();
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void clean() {
    identity.clearAuthentication();
    deleteMigrations();
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void cleanUp() {
    root.detachAppender(logs);
    identity.clearAuthentication();
    verifier.reset();
    deleteMigrations();
  }

  void deleteMigrations() {
    for (String office : OFFICES) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(office).rootProcessInstances().list()
          .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
    }
  }

  long instancesEver(String office) {
    return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(office).count();
  }

  // --- HTTP ---------------------------------------------------------------------------------------------------

  /** A caller of one of the two REST APIs. */
  interface Caller {
    HttpResponse<String> send(String method, String path, Object body) throws Exception;
  }

  Caller rest(String user) {
    String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    return (method, path, body) -> client.send(request(REST + path, method, body).header("Authorization", auth)
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Logs in to Tasklist as the browser does, then calls the webapps' engine API with the session and token. */
  Caller webapp(String user) throws Exception {
    return webapp(user, WEBAPP);
  }

  /** As {@link #webapp(String)}, for another API of the webapps (e.g. Cockpit's plugin API). */
  Caller webapp(String user, String api) throws Exception {
    HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/camunda/app/tasklist/default/"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    String cookies = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
        .collect(Collectors.joining("; "));
    String token = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    HttpResponse<String> login = client.send(HttpRequest.newBuilder(
            URI.create(baseUrl() + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
        .header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password=demo")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    // the log-in starts a new session (fixation protection), which gets its own CSRF token
    String session = merge(cookies, login.headers().allValues("Set-Cookie"));
    HttpResponse<String> again = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/camunda/app/tasklist/default/"))
        .header("Cookie", session).GET().build(), HttpResponse.BodyHandlers.ofString());
    String allCookies = merge(session, again.headers().allValues("Set-Cookie"));
    String sessionToken = again.headers().firstValue("X-XSRF-TOKEN").orElse(token);
    return (method, path, body) -> client.send(request(api + path, method, body).header("Cookie", allCookies)
        .header("X-XSRF-TOKEN", sessionToken).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String merge(String cookies, List<String> setCookies) {
    Map<String, String> jar = new LinkedHashMap<>();
    for (String c : cookies.split(";\\s*")) {
      if (c.contains("=")) {
        jar.put(c.substring(0, c.indexOf('=')), c);
      }
    }
    for (String c : setCookies) {
      String pair = c.split(";", 2)[0];
      jar.put(pair.substring(0, pair.indexOf('=')), pair);
    }
    return String.join("; ", jar.values());
  }

  HttpRequest.Builder request(String path, String method, Object body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", "application/json");
    if (body == null) {
      return b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(
        body instanceof Raw raw ? raw.text() : json.writeValueAsString(body)));
  }

  /** A body sent as it is written, malformed or not. */
  record Raw(String text) {}

  static Map<String, Object> vars(Map<String, Object> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, Map.of("value", v)));
    return out;
  }

  static Map<String, Object> body(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  Map<String, Object> forgedSwtStart() {
    return body("businessKey", "SWT",
        "variables", vars(body("office", "SWT", "districtGroup", "district-lrl",
            "t7CdaUrl", "https://wm.swt.ds.usace.army.mil/swt-data/", "usesUsgsData", false,
            "criticalTimeSeries", MigrationDriver.CRITICAL.get(0))),
        "startInstructions", List.of(body("type", "startBeforeActivity", "activityId", "task_9_decommission_t7")));
  }

  void assertOneWarnLineAndNoError(String user, String... words) {
    List<ILoggingEvent> warns = new ArrayList<>();
    for (ILoggingEvent e : logs.list) {
      assertThat(e.getLevel()).as("%s %s", e.getLoggerName(), e.getFormattedMessage()).isNotEqualTo(Level.ERROR);
      if (e.getLevel() == Level.WARN && e.getFormattedMessage().contains("Refused " + user)) {
        warns.add(e);
      }
    }
    assertThat(warns).as("refusals logged for %s: %s", user, logs.list).isNotEmpty();
    ILoggingEvent last = warns.get(warns.size() - 1);
    assertThat(last.getThrowableProxy()).isNull();
    assertThat(last.getFormattedMessage()).doesNotContain("\n").contains(words);
  }

  // --- 1. one way in ------------------------------------------------------------------------------------------

  @Test
  void aForgedStartOfAnotherOfficeAtStep9IsRefusedOnBothApisBeforeAnythingIsRevealed() throws Exception {
    ProcessInstance swt = driver.start("SWT", false);
    long before = instancesEver("SWT");
    for (Caller lrl : List.of(rest("lrl-water"), webapp("lrl-water"))) {
      HttpResponse<String> r = lrl.send("POST", "/process-definition/key/cwbi-migration/start", forgedSwtStart());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
      assertThat(r.body()).contains("may not start the migration of office SWT").doesNotContain(swt.getId());
      HttpResponse<String> form = lrl.send("POST", "/process-definition/key/cwbi-migration/submit-form",
          body("businessKey", "SWT", "variables", vars(driver.startData("SWT", false))));
      assertThat(form.statusCode()).as(form.body()).isEqualTo(403);
      assertThat(form.body()).doesNotContain(swt.getId());
    }
    assertThat(instancesEver("SWT")).isEqualTo(before);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("SWT").rootProcessInstances().count()).isEqualTo(1);
    assertOneWarnLineAndNoError("lrl-water", "office SWT");
  }

  @Test
  void startInstructionsAndSkipFlagsAreForAdministratorsOnlyAndAuditedWhenUsed() throws Exception {
    long lrlBefore = instancesEver("LRL");
    Map<String, Object> ownAtStep9 = new LinkedHashMap<>(forgedSwtStart());
    ownAtStep9.put("businessKey", "LRL");
    ownAtStep9.put("variables", vars(driver.startData("LRL", false)));
    for (Caller c : List.of(rest("lrl-water"), webapp("lrl-water"), rest("hec-engineer"))) {
      HttpResponse<String> r = c.send("POST", "/process-definition/key/cwbi-migration/start", ownAtStep9);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
      assertThat(r.body()).contains("Only camunda-admin").contains("startInstructions");
      Map<String, Object> skipping = new LinkedHashMap<>(ownAtStep9);
      skipping.put("startInstructions", List.of(body("type", "startBeforeActivity", "activityId", "start_migration")));
      skipping.put("skipCustomListeners", true);
      HttpResponse<String> skip = c.send("POST", "/process-definition/key/cwbi-migration/start", skipping);
      assertThat(skip.statusCode()).as(skip.body()).isEqualTo(403);
      HttpResponse<String> skipAtStart = c.send("POST", "/process-definition/key/cwbi-migration/start",
          body("businessKey", "LRL", "variables", vars(driver.startData("LRL", false)), "skipIoMappings", true));
      assertThat(skipAtStart.statusCode()).as(skipAtStart.body()).isEqualTo(400);
      assertThat(skipAtStart.body()).contains("skipIoMappings");
    }
    assertThat(instancesEver("LRL")).isEqualTo(lrlBefore);
    for (String api : List.of(REST, WEBAPP)) { // anonymous: log in first, whatever the body says
      HttpResponse<String> anonymous = client.send(request(api + "/process-definition/key/cwbi-migration/start",
          "POST", body("skipIoMappings", true)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).as(api).isEqualTo(401);
    }

    // process instance modification: refused for HEC, nothing moved
    ProcessInstance mvp = driver.start("MVP", false);
    List<String> open = driver.openTaskKeys(mvp.getId());
    HttpResponse<String> modify = rest("hec-engineer").send("POST", "/process-instance/" + mvp.getId()
        + "/modification", body("instructions", List.of(body("type", "startBeforeActivity",
        "activityId", "task_9_decommission_t7"))));
    assertThat(modify.statusCode()).as(modify.body()).isEqualTo(403);
    HttpResponse<String> async = webapp("hec-engineer").send("POST", "/process-instance/" + mvp.getId()
        + "/modification-async", body("instructions", List.of(body("type", "cancel", "activityId",
        "task_1_3_critimport"))));
    assertThat(async.statusCode()).as(async.body()).isEqualTo(403);
    String definitionId = runtime.createProcessInstanceQuery().processInstanceId(mvp.getId()).singleResult()
        .getProcessDefinitionId();
    HttpResponse<String> migrate = rest("hec-engineer").send("POST", "/migration/execute", body("migrationPlan",
        body("sourceProcessDefinitionId", definitionId, "targetProcessDefinitionId", definitionId,
            "instructions", List.of()), "processInstanceIds", List.of(mvp.getId())));
    assertThat(migrate.statusCode()).as(migrate.body()).isEqualTo(403);
    HttpResponse<String> restart = rest("lrl-water").send("POST", "/process-definition/" + definitionId
        + "/restart", body("processInstanceIds", List.of(mvp.getId()), "instructions",
        List.of(body("type", "startBeforeActivity", "activityId", "task_9_decommission_t7"))));
    assertThat(restart.statusCode()).as(restart.body()).isEqualTo(403);
    assertThat(driver.openTaskKeys(mvp.getId())).isEqualTo(open);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("MVP").rootProcessInstances().count()).isEqualTo(1);

    // an administrator may (supplying what the skipped start event would have set), and the trail says who did
    Map<String, Object> adminStart = new LinkedHashMap<>(driver.startData("LRL", false));
    adminStart.put("districtGroup", "district-lrl");
    ownAtStep9.put("variables", vars(adminStart));
    HttpResponse<String> admin = rest("admin").send("POST", "/process-definition/key/cwbi-migration/start", ownAtStep9);
    assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
    List<AuditEntry> trail = audit.of("LRL");
    assertThat(trail).anySatisfy(e -> {
      assertThat(e.type()).isEqualTo("ADMIN_OVERRIDE");
      assertThat(e.user()).isEqualTo("admin");
      assertThat(String.valueOf(e.evidence().get("annotation"))).contains("StartProcessInstanceAtActivities");
    });
  }

  @Test
  void badStartInputIsA400NamingTheFieldOnEveryStartPath() throws Exception {
    long mvpBefore = instancesEver("MVP");
    Caller hec = rest("hec-engineer");
    Map<String, Object> badUrl = new LinkedHashMap<>(driver.startData("MVP", false));
    badUrl.put("t7CdaUrl", "not a url");
    for (String path : List.of("/start", "/submit-form")) {
      HttpResponse<String> r = hec.send("POST", "/process-definition/key/cwbi-migration" + path,
          body("variables", vars(badUrl)));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(r.body()).contains("t7CdaUrl");
      HttpResponse<String> key = hec.send("POST", "/process-definition/key/cwbi-migration" + path,
          body("businessKey", "SWT", "variables", vars(driver.startData("MVP", false))));
      assertThat(key.statusCode()).as(key.body()).isEqualTo(400);
      assertThat(key.body()).contains("business key 'SWT' must be the office id 'MVP'");
      Map<String, Object> extra = new LinkedHashMap<>(driver.startData("MVP", false));
      extra.put("verification_t7_passed", true);
      HttpResponse<String> forged = hec.send("POST", "/process-definition/key/cwbi-migration" + path,
          body("variables", vars(extra)));
      assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
      assertThat(forged.body()).contains("verification_t7_passed");
    }
    assertThat(instancesEver("MVP")).isEqualTo(mvpBefore);

    // a REST caller that leaves the box out means "not ticked"; a second start is a 400 without a 500
    Map<String, Object> noUsgs = new LinkedHashMap<>(driver.startData("MVP", false));
    noUsgs.remove("usesUsgsData");
    HttpResponse<String> started = hec.send("POST", "/process-definition/key/cwbi-migration/start",
        body("variables", vars(noUsgs)));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    assertThat(runtime.getVariable(json.readTree(started.body()).get("id").asText(), "usesUsgsData")).isEqualTo(false);
    HttpResponse<String> twice = hec.send("POST", "/process-definition/key/cwbi-migration/start",
        body("variables", vars(noUsgs)));
    assertThat(twice.statusCode()).as(twice.body()).isEqualTo(400);
    assertThat(twice.body()).contains("already running");
    assertThat(instancesEver("MVP")).isEqualTo(mvpBefore + 1);
    assertOneWarnLineAndNoError("hec-engineer", "already running");
  }

  @Test
  void aPersonOnTheJavaApiMeetsTheSameRules() {
    ProcessInstance lrl = driver.start("LRL", false);
    Task task = driver.task(lrl.getId(), "task_1_3_critimport");
    long swtBefore = instancesEver("SWT");
    identity.setAuthentication("lrl-water", List.of("district-lrl"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtime.createProcessInstanceByKey("cwbi-migration")
            .businessKey("SWT").setVariables(driver.startData("SWT", false))
            .startBeforeActivity("task_9_decommission_t7").execute())
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class).hasMessageContaining("office SWT");
    Map<String, Object> forged = new LinkedHashMap<>(driver.validData("task_1_3_critimport"));
    forged.put("districtGroup", "district-swt");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> driver.complete(lrl.getId(), "task_1_3_critimport",
            forged))
        .isInstanceOf(org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException.class)
        .hasMessageContaining("districtGroup");
    identity.clearAuthentication();
    assertThat(instancesEver("SWT")).isEqualTo(swtBefore);
    assertThat(runtime.getVariable(lrl.getId(), "districtGroup")).isEqualTo("district-lrl");
    assertThat(driver.task(lrl.getId(), "task_1_3_critimport").getId()).isEqualTo(task.getId());
  }

  // --- 2. a submission writes its form's fields and nothing else ----------------------------------------------

  @Test
  void aTaskSubmissionWithAVariableOutsideItsFormIsA400AndNothingIsStored() throws Exception {
    ProcessInstance lrl = driver.start("LRL", false);
    Task task = driver.task(lrl.getId(), "task_1_3_critimport");
    Map<String, Object> forged = new LinkedHashMap<>(driver.validData("task_1_3_critimport"));
    forged.put("districtGroup", "district-swt");
    for (Caller c : List.of(rest("lrl-water"), webapp("lrl-water"))) {
      for (String op : List.of("/submit-form", "/complete")) {
        HttpResponse<String> r = c.send("POST", "/task/" + task.getId() + op, body("variables", vars(forged)));
        assertThat(r.statusCode()).as(op + " " + r.body()).isEqualTo(400);
        assertThat(r.body()).contains("districtGroup").contains("not a field of this task's form");
      }
    }
    assertThat(runtime.getVariable(lrl.getId(), "districtGroup")).isEqualTo("district-lrl");
    assertThat(runtime.getVariable(lrl.getId(), "critFile")).isNull();
    assertThat(driver.task(lrl.getId(), "task_1_3_critimport")).isNotNull();
    assertOneWarnLineAndNoError("lrl-water", "districtGroup");

    // the form's own fields, 5,000 characters of notes included, go through
    Map<String, Object> valid = new LinkedHashMap<>(driver.validData("task_1_3_critimport"));
    String note = "n".repeat(4_990) + " done.";
    valid.put("critNotes", note);
    HttpResponse<String> ok = rest("lrl-water").send("POST", "/task/" + task.getId() + "/submit-form",
        body("variables", vars(valid)));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
    assertThat(runtime.getVariable(lrl.getId(), "critNotes")).isEqualTo(note);
    HttpResponse<String> read = rest("lrl-water").send("GET", "/process-instance/" + lrl.getId()
        + "/variables/critNotes", null);
    assertThat(json.readTree(read.body()).get("value").asText()).isEqualTo(note);
    assertThat(json.readTree(read.body()).get("type").asText()).isEqualTo("String");
  }

  @Test
  void processOwnedVariablesCannotBeWrittenOutsideAFormByAnyoneAndFieldEditsAreAudited() throws Exception {
    ProcessInstance lrl = driver.start("LRL", false);
    Task task = driver.task(lrl.getId(), "task_1_3_critimport");
    for (Caller c : List.of(rest("hec-engineer"), rest("admin"), webapp("hec-engineer"))) {
      HttpResponse<String> put = c.send("PUT", "/process-instance/" + lrl.getId() + "/variables/districtGroup",
          body("value", "district-swt"));
      assertThat(put.statusCode()).as(put.body()).isEqualTo(403);
      assertThat(put.body()).contains("districtGroup").contains("kept by the process");
      HttpResponse<String> patch = c.send("POST", "/process-instance/" + lrl.getId() + "/variables",
          body("modifications", vars(body("verification_t7_passed", true))));
      assertThat(patch.statusCode()).as(patch.body()).isEqualTo(403);
      HttpResponse<String> delete = c.send("DELETE", "/process-instance/" + lrl.getId() + "/variables/office", null);
      assertThat(delete.statusCode()).as(delete.body()).isEqualTo(403);
      HttpResponse<String> local = c.send("PUT", "/task/" + task.getId() + "/localVariables/office",
          body("value", "SWT"));
      assertThat(local.statusCode()).as(local.body()).isEqualTo(403);
      HttpResponse<String> unknown = c.send("PUT", "/execution/" + lrl.getId() + "/localVariables/whatever",
          body("value", "x"));
      assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
      assertThat(unknown.body()).contains("whatever");
    }
    assertThat(runtime.getVariable(lrl.getId(), "districtGroup")).isEqualTo("district-lrl");
    assertThat(runtime.getVariable(lrl.getId(), "office")).isEqualTo("LRL");
    assertThat(runtime.getVariable(lrl.getId(), "verification_t7_passed")).isNull();
    assertThat(runtime.getVariable(lrl.getId(), "whatever")).isNull();

    // a task form's evidence field may be corrected by HEC; the trail shows who and what
    HttpResponse<String> fix = rest("hec-engineer").send("PUT", "/process-instance/" + lrl.getId()
        + "/variables/critNotes", body("value", "corrected by HEC"));
    assertThat(fix.statusCode()).as(fix.body()).isEqualTo(204);
    assertThat(audit.of("LRL")).anySatisfy(e -> {
      assertThat(e.type()).isEqualTo("VARIABLE_CHANGED");
      assertThat(e.user()).isEqualTo("hec-engineer");
      assertThat(e.evidence()).containsEntry("critNotes", "corrected by HEC");
    });
    // a district has no grant to edit variables outside its forms at all
    HttpResponse<String> district = rest("lrl-water").send("PUT", "/process-instance/" + lrl.getId()
        + "/variables/critNotes", body("value", "x"));
    assertThat(district.statusCode()).as(district.body()).isEqualTo(403);
  }

  @Test
  void whatAFormShowsReadOnlyIsNeverWrittenByItsSubmission() throws Exception {
    verifier.passAll();
    ProcessInstance lrl = driver.start("LRL", false);
    driver.completeAll(lrl.getId(), "task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
        "task_1_5_export_shef_config", "task_1_6_opendcs_dev",
        "task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products", "task_2_4_custom_schema",
        "task_3_1_modeling_ops");
    Task schema = driver.task(lrl.getId(), "task_4_schema_functions");
    assertThat(schema).as("open: %s", driver.openTaskKeys(lrl.getId())).isNotNull();
    Object districtList = runtime.getVariable(lrl.getId(), "customSchemaFunctions");
    assertThat(districtList).isNotNull();
    // Tasklist sends the read-only list back (form-js submits readonly fields): here an edited one
    Map<String, Object> data = new LinkedHashMap<>(driver.validData("task_4_schema_functions"));
    Map<String, Object> sent = vars(data);
    sent.put("customSchemaFunctions", body("type", "Json",
        "value", "[{\"functionName\":\"forged\",\"purpose\":\"forged\"}]"));
    HttpResponse<String> r = rest("hec-engineer").send("POST", "/task/" + schema.getId() + "/submit-form",
        body("variables", sent));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    assertThat(String.valueOf(runtime.getVariable(lrl.getId(), "customSchemaFunctions")))
        .isEqualTo(String.valueOf(districtList)).doesNotContain("forged");
  }

  @Test
  void aDistrictHandsItsTasksOnlyToItsOwnPeople() throws Exception {
    ProcessInstance lrl = driver.start("LRL", false);
    Task task = driver.task(lrl.getId(), "task_1_3_critimport");
    for (Caller c : List.of(rest("lrl-water"), webapp("lrl-water"))) {
      for (String[] call : new String[][] {{"/claim", "userId"}, {"/assignee", "userId"}, {"/delegate", "userId"}}) {
        HttpResponse<String> r = c.send("POST", "/task/" + task.getId() + call[0], body(call[1], "swt-water"));
        assertThat(r.statusCode()).as(call[0] + " " + r.body()).isEqualTo(403);
        assertThat(r.body()).contains("only to a member of district-lrl");
      }
      HttpResponse<String> group = c.send("POST", "/task/" + task.getId() + "/identity-links",
          body("groupId", "district-swt", "type", "candidate"));
      assertThat(group.statusCode()).as(group.body()).isEqualTo(403);
      HttpResponse<String> user = c.send("POST", "/task/" + task.getId() + "/identity-links",
          body("userId", "swt-water", "type", "candidate"));
      assertThat(user.statusCode()).as(user.body()).isEqualTo(403);
    }
    Task after = driver.task(lrl.getId(), "task_1_3_critimport");
    assertThat(after.getAssignee()).isNull();
    assertThat(org.camunda.bpm.engine.ProcessEngines.getDefaultProcessEngine().getTaskService()
        .getIdentityLinksForTask(task.getId())).noneMatch(l -> "district-swt".equals(l.getGroupId())
            || "swt-water".equals(l.getUserId()));
    // a claim for oneself still works
    HttpResponse<String> own = rest("lrl-water").send("POST", "/task/" + task.getId() + "/claim",
        body("userId", "lrl-water"));
    assertThat(own.statusCode()).as(own.body()).isEqualTo(204);
  }

  @Test
  void deletingATaskIsA403NotA500() throws Exception {
    ProcessInstance lrl = driver.start("LRL", false);
    Task task = driver.task(lrl.getId(), "task_1_3_critimport");
    for (Caller c : List.of(rest("lrl-water"), rest("hec-engineer"), webapp("lrl-water"))) {
      HttpResponse<String> r = c.send("DELETE", "/task/" + task.getId(), null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
      assertThat(r.body()).contains("completing their form");
    }
    HttpResponse<String> admin = rest("admin").send("DELETE", "/task/" + task.getId(), null);
    assertThat(admin.statusCode()).as(admin.body()).isEqualTo(400);
    assertThat(driver.task(lrl.getId(), "task_1_3_critimport")).isNotNull();
  }

  // --- 5. long text ------------------------------------------------------------------------------------------

  @Test
  void longTextWorksOnTheStartFormAndTooLongTextIsA400() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; ids.stream().mapToInt(s -> s.length() + 1).sum() < 5_000; i++) {
      ids.add("LOCATION" + i + ".Elev.Inst.1Hour.0.Ccp-Rev-Long-Version-Name");
    }
    String critical = String.join("\n", ids);
    assertThat(critical.length()).isGreaterThan(5_000);
    Map<String, Object> start = new LinkedHashMap<>(driver.startData("MVP", false));
    start.put("criticalTimeSeries", critical);
    HttpResponse<String> r = webapp("hec-engineer").send("POST", "/process-definition/key/cwbi-migration/submit-form",
        body("variables", vars(start)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String id = json.readTree(r.body()).get("id").asText();
    assertThat(runtime.getVariable(id, "criticalTimeSeries")).isEqualTo(critical);

    Task task = driver.task(id, "task_1_3_critimport");
    Map<String, Object> tooLong = new LinkedHashMap<>(driver.validData("task_1_3_critimport"));
    tooLong.put("critNotes", "x".repeat(20_001));
    HttpResponse<String> refused = rest("hec-engineer").send("POST", "/task/" + task.getId() + "/complete",
        body("variables", vars(tooLong)));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("critNotes").contains("at most 20000 characters");
    assertThat(runtime.getVariable(id, "critNotes")).isNull();
  }

  // --- found against the packaged jar (attack pass) ----------------------------------------------------------

  @Test
  void aBpmnErrorOrEscalationThrownOnATaskIsA403AndEndsNothing() throws Exception {
    ProcessInstance lrl = driver.start("LRL", false);
    Task task = driver.task(lrl.getId(), "task_1_1_convert_scripts");
    assertThat(task).as("open: %s", driver.openTaskKeys(lrl.getId())).isNotNull();
    for (Caller c : List.of(rest("lrl-water"), webapp("lrl-water"), rest("hec-engineer"))) {
      HttpResponse<String> error = c.send("POST", "/task/" + task.getId() + "/bpmnError", body("errorCode", "x",
          "variables", vars(body("districtGroup", "district-swt", "verification_t7_passed", true))));
      assertThat(error.statusCode()).as(error.body()).isEqualTo(403);
      assertThat(error.body()).contains("BPMN error or escalation");
      HttpResponse<String> escalation = c.send("POST", "/task/" + task.getId() + "/bpmnEscalation",
          body("escalationCode", "x", "variables", vars(body("districtGroup", "district-swt"))));
      assertThat(escalation.statusCode()).as(escalation.body()).isEqualTo(403);
    }
    assertThat(driver.task(lrl.getId(), "task_1_1_convert_scripts")).isNotNull();
    assertThat(runtime.getVariable(lrl.getId(), "districtGroup")).isEqualTo("district-lrl");
    assertThat(runtime.getVariable(lrl.getId(), "verification_t7_passed")).isNull();
    assertOneWarnLineAndNoError("lrl-water", "BPMN error");
  }

  @Test
  void savingAWholeTaskHandsItOnlyToOwnPeopleAndTooLongTextIsA400() throws Exception {
    ProcessInstance lrl = driver.start("LRL", false);
    Task task = driver.task(lrl.getId(), "task_1_3_critimport");
    for (Caller c : List.of(rest("lrl-water"), webapp("lrl-water"))) {
      // PUT /task/{id} saves the whole task: TASK_ASSIGN lets it change the assignee or owner
      for (String field : List.of("assignee", "owner")) {
        Map<String, Object> saved = savedTask(c, task.getId());
        saved.put(field, "swt-water");
        HttpResponse<String> r = c.send("PUT", "/task/" + task.getId(), saved);
        assertThat(r.statusCode()).as(field + " " + r.body()).isEqualTo(403);
        assertThat(r.body()).contains("only to a member of district-lrl");
      }
    }
    Task after = driver.task(lrl.getId(), "task_1_3_critimport");
    assertThat(after.getAssignee()).isNull();
    assertThat(after.getOwner()).isNull();
    HttpResponse<String> swtSees = rest("swt-water").send("GET", "/task/" + task.getId(), null);
    assertThat(swtSees.statusCode()).isEqualTo(404);
    assertOneWarnLineAndNoError("lrl-water", "swt-water");

    // its own people: allowed
    Map<String, Object> own = savedTask(rest("lrl-water"), task.getId());
    own.put("assignee", "lrl-water");
    HttpResponse<String> ok = rest("lrl-water").send("PUT", "/task/" + task.getId(), own);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
    assertThat(driver.task(lrl.getId(), "task_1_3_critimport").getAssignee()).isEqualTo("lrl-water");

    // HEC may save a task; text longer than its column is a 400, never the database's 500
    String description = after.getDescription();
    Map<String, Object> tooLong = savedTask(rest("hec-engineer"), task.getId());
    tooLong.put("description", "d".repeat(5_000));
    HttpResponse<String> refused = rest("hec-engineer").send("PUT", "/task/" + task.getId(), tooLong);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("description").contains("at most 4000 characters");
    assertThat(driver.task(lrl.getId(), "task_1_3_critimport").getDescription()).isEqualTo(description);
  }

  /** The task as {@code GET /task/{id}} gives it, ready to be sent back with {@code PUT} (which takes no form ref). */
  @SuppressWarnings("unchecked")
  Map<String, Object> savedTask(Caller c, String taskId) throws Exception {
    HttpResponse<String> r = c.send("GET", "/task/" + taskId, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, Object> task = json.readValue(r.body(), LinkedHashMap.class);
    task.remove("camundaFormRef");
    return task;
  }

  @Test
  void aProfileWithTooLongValuesIsA400AndUnchanged() throws Exception {
    String first = identity.createUserQuery().userId("lrl-water").singleResult().getFirstName();
    for (Caller c : List.of(rest("lrl-water"), webapp("lrl-water"))) {
      HttpResponse<String> r = c.send("PUT", "/user/lrl-water/profile", body("id", "lrl-water",
          "firstName", "f".repeat(5_000), "lastName", "Louisville", "email", "lrl-water@example.mil"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(r.body()).contains("firstName").contains("at most 255 characters");
    }
    assertThat(identity.createUserQuery().userId("lrl-water").singleResult().getFirstName()).isEqualTo(first);
  }

  @Test
  void aCorrectionOutsideAFormTakesOnlyWhatTheFormWouldAccept() throws Exception {
    ProcessInstance lrl = driver.start("LRL", false);
    Task task = driver.task(lrl.getId(), "task_1_3_critimport");
    Caller hec = rest("hec-engineer");
    List<Map<String, Object>> wrong = List.of(
        // a serialized Java object: Camunda refuses it, but as a 500
        body("type", "Object", "value", "rO0ABXQAA2FiYw==", "valueInfo", body("objectTypeName", "java.lang.String",
            "serializationDataFormat", "application/x-java-serialized-object")),
        body("type", "Object", "value", "{\"a\":1}", "valueInfo", body("objectTypeName", "java.util.HashMap",
            "serializationDataFormat", "application/json")),
        body("type", "Json", "value", "{\"a\":1}"),
        body("type", "Bytes", "value", Base64.getEncoder().encodeToString("x".getBytes(StandardCharsets.UTF_8))),
        body("type", "String", "value", "x".repeat(20_001)));
    for (Caller c : List.of(hec, webapp("hec-engineer"))) {
      for (Map<String, Object> value : wrong) {
        for (String path : List.of("/process-instance/" + lrl.getId() + "/variables/critNotes",
            "/task/" + task.getId() + "/variables/critNotes")) {
          HttpResponse<String> r = c.send("PUT", path, value);
          assertThat(r.statusCode()).as(value.get("type") + " " + path + " " + r.body()).isEqualTo(400);
          assertThat(r.body()).contains("critNotes");
        }
      }
    }
    // a file upload (POST .../variables/{name}/data) is a Bytes value too
    String boundary = "----attack" + System.nanoTime();
    String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"x.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\nbinary\r\n--" + boundary + "--\r\n";
    String auth = "Basic " + Base64.getEncoder().encodeToString("hec-engineer:demo".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> upload = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + REST
            + "/process-instance/" + lrl.getId() + "/variables/critNotes/data"))
        .header("Authorization", auth).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(400);
    assertThat(runtime.getVariable(lrl.getId(), "critNotes")).isNull();
    assertOneWarnLineAndNoError("hec-engineer", "critNotes");

    HttpResponse<String> text = hec.send("PUT", "/process-instance/" + lrl.getId() + "/variables/critNotes",
        body("type", "String", "value", "n".repeat(5_000)));
    assertThat(text.statusCode()).as(text.body()).isEqualTo(204);
    assertThat(runtime.getVariable(lrl.getId(), "critNotes")).isEqualTo("n".repeat(5_000));
  }

  @Test
  void unknownIdsNullBodiesAndSerializedObjectsAre4xxNeverA500() throws Exception {
    ProcessInstance lrl = driver.start("LRL", false);
    Task task = driver.task(lrl.getId(), "task_1_3_critimport");
    long before = instancesEver("LRL");
    Map<String, Object> javaObject = body("type", "Object", "value", "rO0ABXQAA2FiYw==", "valueInfo",
        body("objectTypeName", "java.lang.String", "serializationDataFormat", "application/x-java-serialized-object"));
    for (Caller c : List.of(rest("hec-engineer"), webapp("hec-engineer"), rest("lrl-water"))) {
      for (String[] call : new String[][] {{"POST", "/task/nope/complete"}, {"POST", "/task/nope/submit-form"},
          {"POST", "/task/nope/resolve"}, {"POST", "/task/nope/claim"}, {"PUT", "/task/nope/variables/critNotes"},
          {"PUT", "/process-instance/nope/variables/critNotes"}, {"PUT", "/execution/nope/localVariables/critNotes"}}) {
        HttpResponse<String> r = c.send(call[0], call[1], body("userId", "hec-engineer", "value", "x"));
        assertThat(r.statusCode()).as(call[1] + " " + r.body()).isEqualTo(404);
        assertThat(r.body()).contains("nope");
      }
      for (String path : List.of("/task/" + task.getId() + "/complete", "/task/" + task.getId() + "/submit-form",
          "/process-definition/key/cwbi-migration/start", "/process-definition/key/cwbi-migration/submit-form")) {
        HttpResponse<String> nullBody = c.send("POST", path, new Raw("null"));
        assertThat(nullBody.statusCode()).as(path + " " + nullBody.body()).isEqualTo(400);
        HttpResponse<String> nullVariable = c.send("POST", path, new Raw("{\"variables\":{\"critNotes\":null}}"));
        assertThat(nullVariable.statusCode()).as(path + " " + nullVariable.body()).isEqualTo(400);
        assertThat(nullVariable.body()).contains("critNotes");
      }
      HttpResponse<String> nullValue = c.send("PUT", "/process-instance/" + lrl.getId() + "/variables/critNotes",
          new Raw("null"));
      assertThat(nullValue.statusCode()).as(nullValue.body()).isIn(400, 403);
      HttpResponse<String> nullPatch = c.send("POST", "/process-instance/" + lrl.getId() + "/variables",
          new Raw("null"));
      assertThat(nullPatch.statusCode()).as(nullPatch.body()).isIn(400, 403);

      Map<String, Object> start = vars(driver.startData("LRL", false));
      start.put("criticalTimeSeries", javaObject);
      HttpResponse<String> serialized = c.send("POST", "/process-definition/key/cwbi-migration/submit-form",
          body("variables", start));
      assertThat(serialized.statusCode()).as(serialized.body()).isEqualTo(400);
      assertThat(serialized.body()).contains("criticalTimeSeries");
      Map<String, Object> form = vars(driver.validData("task_1_3_critimport"));
      form.put("critNotes", javaObject);
      HttpResponse<String> submitted = c.send("POST", "/task/" + task.getId() + "/submit-form", body("variables", form));
      assertThat(submitted.statusCode()).as(submitted.body()).isIn(400, 403);
    }
    assertThat(instancesEver("LRL")).isEqualTo(before);
    assertThat(driver.task(lrl.getId(), "task_1_3_critimport")).isNotNull();
    assertThat(runtime.getVariable(lrl.getId(), "critNotes")).isNull();
    assertThat(logs.list).noneMatch(e -> e.getLevel() == Level.ERROR);
    // an anonymous caller still meets the log-in first
    HttpResponse<String> anonymous = client.send(request(REST + "/task/nope/complete", "POST", new Raw("null"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void aTooLongUserOrGroupOnATaskIsA400NotTheDatabases500() throws Exception {
    ProcessInstance lrl = driver.start("LRL", false);
    Task task = driver.task(lrl.getId(), "task_1_3_critimport");
    String longId = "u".repeat(5_000);
    Map<String, Map<String, Object>> calls = new LinkedHashMap<>();
    calls.put("/claim", body("userId", longId));
    calls.put("/assignee", body("userId", longId));
    calls.put("/delegate", body("userId", longId));
    calls.put("/identity-links", body("userId", longId, "type", "candidate"));
    calls.put("/identity-links#group", body("groupId", longId, "type", "candidate"));
    calls.put("/identity-links#type", body("userId", "lrl-water", "type", longId));
    for (Caller c : List.of(rest("hec-engineer"), webapp("hec-engineer"), rest("lrl-water"))) {
      for (Map.Entry<String, Map<String, Object>> call : calls.entrySet()) {
        String path = call.getKey().replaceAll("#.*", "");
        HttpResponse<String> r = c.send("POST", "/task/" + task.getId() + path, call.getValue());
        assertThat(r.statusCode()).as(call.getKey() + " " + r.body()).isEqualTo(400);
        assertThat(r.body()).contains("at most 255 characters");
      }
    }
    Task after = driver.task(lrl.getId(), "task_1_3_critimport");
    assertThat(after.getAssignee()).isNull();
    assertThat(org.camunda.bpm.engine.ProcessEngines.getDefaultProcessEngine().getTaskService()
        .getIdentityLinksForTask(task.getId())).noneMatch(l -> longId.equals(l.getUserId())
            || longId.equals(l.getGroupId()) || longId.equals(l.getType()));
    assertThat(logs.list).noneMatch(e -> e.getLevel() == Level.ERROR);
  }

  @Test
  void cockpitsPluginApiIsForThoseWithCockpitNotForADistrictLoggedInToTasklist() throws Exception {
    driver.start("LRL", false);
    String statistics = "/plugin/base/default/process-definition/statistics";
    HttpResponse<String> swt = webapp("swt-water", "/camunda/api/cockpit").send("GET", statistics, null);
    assertThat(swt.statusCode()).as(swt.body()).isEqualTo(403);
    assertThat(swt.body()).contains("no access to Cockpit").doesNotContain("instances");
    HttpResponse<String> count = webapp("lrl-water", "/camunda/api/cockpit").send("POST",
        "/plugin/base/default/process-instance/count", body());
    assertThat(count.statusCode()).as(count.body()).isEqualTo(403);
    HttpResponse<String> hec = webapp("hec-engineer", "/camunda/api/cockpit").send("GET", statistics, null);
    assertThat(hec.statusCode()).as(hec.body()).isEqualTo(200);
    assertThat(hec.body()).containsPattern("\"instances\":[1-9]");
    HttpResponse<String> anonymous = client.send(request("/camunda/api/cockpit" + statistics, "GET", null).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void aTooLongAnnotationIsA400NotTheDatabases500() throws Exception {
    HttpResponse<String> started = rest("lrl-water").send("POST", "/process-definition/key/cwbi-migration/start",
        body("businessKey", "LRL", "variables", vars(driver.startData("LRL", false))));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String operationId = history.createUserOperationLogQuery()
        .processInstanceId(json.readTree(started.body()).get("id").asText()).list().get(0).getOperationId();
    for (Caller c : List.of(rest("admin"), webapp("admin"))) {
      HttpResponse<String> r = c.send("PUT", "/history/user-operation/" + operationId + "/set-annotation",
          body("annotation", "a".repeat(5_000)));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(r.body()).contains("annotation").contains("at most 4000 characters");
    }
    assertThat(history.createUserOperationLogQuery().operationId(operationId).list())
        .allSatisfy(e -> assertThat(e.getAnnotation()).isNull());
    HttpResponse<String> ok = rest("admin").send("PUT", "/history/user-operation/" + operationId + "/set-annotation",
        body("annotation", "a".repeat(4_000)));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
    assertThat(logs.list).noneMatch(e -> e.getLevel() == Level.ERROR);
  }

  @Test
  void aLongOfficeOrBusinessKeyIsRefusedWithoutBeingEchoedWhole() throws Exception {
    long before = instancesEver("LRL");
    String typed = "X".repeat(5_000);
    HttpResponse<String> district = rest("lrl-water").send("POST", "/process-definition/key/cwbi-migration/start",
        body("businessKey", typed, "variables", vars(driver.startData("LRL", false))));
    assertThat(district.statusCode()).as(district.body()).isEqualTo(403);
    assertThat(district.body().length()).isLessThan(1_000);
    HttpResponse<String> hec = rest("hec-engineer").send("POST", "/process-definition/key/cwbi-migration/start",
        body("businessKey", typed, "variables", vars(driver.startData("LRL", false))));
    assertThat(hec.statusCode()).as(hec.body()).isEqualTo(400);
    assertThat(hec.body()).contains("must be the office id");
    assertThat(hec.body().length()).isLessThan(1_000);
    assertThat(instancesEver("LRL")).isEqualTo(before);
    assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage().length()).isLessThan(1_000));
  }

  @Test
  void theEnginesOwn500sForMissingIdsAndMalformedValuesAre4xx() throws Exception {
    ProcessInstance lrl = driver.start("LRL", false);
    Task task = driver.task(lrl.getId(), "task_1_3_critimport");
    for (Caller c : List.of(rest("hec-engineer"), webapp("hec-engineer"))) {
      for (String path : List.of("/task/nope/deployed-form",
          "/execution/nope/localVariables")) {
        HttpResponse<String> r = c.send("GET", path, null);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(404);
      }
      for (String path : List.of("/process-instance/" + lrl.getId() + "/variables/critNotes",
          "/task/" + task.getId() + "/variables/critNotes")) {
        HttpResponse<String> file = c.send("PUT", path, body("type", "File", "value", "x"));
        assertThat(file.statusCode()).as(path + " " + file.body()).isEqualTo(400);
      }
      HttpResponse<String> retries = c.send("PUT", "/job/nope/retries", body("retries", -1));
      assertThat(retries.statusCode()).as(retries.body()).isEqualTo(400);
      // an answer that is not a 500 is passed as it was
      HttpResponse<String> ok = c.send("GET", "/task/" + task.getId(), null);
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      assertThat(json.readTree(ok.body()).get("id").asText()).isEqualTo(task.getId());
    }
    assertThat(runtime.getVariable(lrl.getId(), "critNotes")).isNull();
    // the engine's "no such execution" is the caller's mistake: a WARN line, not an ERROR with a stack
    assertThat(logs.list).noneMatch(e -> e.getLevel() == Level.ERROR
        && e.getFormattedMessage().contains("GetExecutionVariables"));
    assertThat(logs.list).anyMatch(e -> e.getLevel() == Level.WARN
        && e.getFormattedMessage().startsWith("Refused hec-engineer GetExecutionVariables"));
  }

  @Test
  void aTaskQuerySortedByAnUnnamedVariableOrWithAnObjectValueIsA400NotA500() throws Exception {
    driver.start("LRL", false);
    List<Object> bad = List.of(
        body("sorting", List.of(body("sortBy", "processVariable", "sortOrder", "asc"))),
        body("sorting", List.of(body("sortBy", "processVariable", "sortOrder", "asc",
            "parameters", body("type", "String")))),
        body("sorting", List.of(body("sortBy", "taskVariable", "sortOrder", "desc",
            "parameters", body("variable", "office")))),
        body("processVariables", List.of(body("name", "office", "operator", "eq", "value", body("a", 1)))),
        body("taskVariables", List.of(body("name", "office", "operator", "eq", "value", List.of(1, 2)))));
    for (Caller c : List.of(rest("hec-engineer"), webapp("hec-engineer"))) {
      for (Object query : bad) {
        for (String path : List.of("/task", "/task/count")) {
          int logged = logs.list.size();
          HttpResponse<String> r = c.send("POST", path, query);
          assertThat(r.statusCode()).as(path + " " + query + " " + r.body()).isEqualTo(400);
          String message = json.readTree(r.body()).path("message").asText();
          assertThat(message).as(r.body()).isIn("variableName is null", "valueType is null",
              "Object values cannot be used to query");
          // one WARN line naming who and why, and not Camunda's WARN with the stack of a 500
          List<ILoggingEvent> warns = logs.list.subList(logged, logs.list.size()).stream()
              .filter(e -> e.getLevel() == Level.WARN).toList();
          assertThat(warns).as("%s %s", path, query).noneMatch(e -> e.getLoggerName().startsWith("org.camunda"))
              .filteredOn(e -> e.getFormattedMessage().startsWith("Refused hec-engineer"))
              .singleElement().satisfies(e -> assertThat(e.getFormattedMessage()).contains(message));
        }
      }
      // the same queries done right still answer
      HttpResponse<String> ok = c.send("POST", "/task", body("processVariables",
          List.of(body("name", "office", "operator", "eq", "value", "LRL")), "sorting",
          List.of(body("sortBy", "processVariable", "sortOrder", "asc",
              "parameters", body("variable", "office", "type", "String")))));
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      assertThat(json.readTree(ok.body()).size()).isPositive();
    }
    assertThat(logs.list).noneMatch(e -> e.getLevel() == Level.ERROR);
    assertOneWarnLineAndNoError("hec-engineer", "TaskQuery", "Object values cannot be used to query");
  }

  @Test
  void aDeployedFormOfATaskThatIsNotThereIsA404WithoutAnErrorInTheLog() throws Exception {
    for (Caller c : List.of(rest("hec-engineer"), webapp("hec-engineer"))) {
      HttpResponse<String> r = c.send("GET", "/task/nope/deployed-form", null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
    }
    assertThat(logs.list).noneMatch(e -> e.getLevel() == Level.ERROR || e.getLevel() == Level.WARN
        && e.getLoggerName().startsWith("org.camunda"));
    assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(2).allSatisfy(e -> {
      assertThat(e.getFormattedMessage()).startsWith("Refused hec-engineer GetDeployedTaskForm task nope");
      assertThat(e.getThrowableProxy()).isNull();
    });
  }

  // --- the checks a migration calls (version 3) ---------------------------------------------------------------

  @Test
  void aDistrictCannotTouchAnotherOfficesCalledCheckOnEitherApiButWorksItsOwnFixTask() throws Exception {
    verifier.fail(mil.usace.cwbi.migration.verification.Environment.T7);
    ProcessInstance swt = driver.start("SWT", false);
    ProcessInstance lrl = driver.start("LRL", false);
    driver.completeSteps(swt.getId(), 1);
    driver.completeSteps(lrl.getId(), 1);
    String swtCheck = driver.calledCheck(swt.getId(), "check_t7");
    String lrlCheck = driver.calledCheck(lrl.getId(), "check_t7");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(lrlCheck).singleResult().getBusinessKey())
        .as("the called check keeps the office as business key").isEqualTo("LRL");
    Task lrlFix = driver.task(lrl.getId(), MigrationDriver.FIX_TASK);
    Task swtFix = driver.task(swt.getId(), MigrationDriver.FIX_TASK);
    assertThat(lrlFix.getProcessInstanceId()).isEqualTo(lrlCheck);

    for (Caller swtWater : List.of(rest("swt-water"), webapp("swt-water"))) {
      // LRL's called check and its fix task: neither seen nor worked nor changed
      HttpResponse<String> instance = swtWater.send("GET", "/process-instance/" + lrlCheck, null);
      assertThat(instance.statusCode()).as(instance.body()).isIn(403, 404);
      assertThat(swtWater.send("GET", "/process-instance/" + lrlCheck + "/variables", null).statusCode())
          .isEqualTo(403);
      assertThat(swtWater.send("GET", "/task?processInstanceId=" + lrlCheck, null).body()).isEqualTo("[]");
      assertThat(swtWater.send("GET", "/task/" + lrlFix.getId(), null).statusCode()).isIn(403, 404);
      assertThat(swtWater.send("GET", "/task/" + lrlFix.getId() + "/form-variables", null).statusCode())
          .isIn(403, 404);
      assertThat(swtWater.send("POST", "/task/" + lrlFix.getId() + "/claim", body("userId", "swt-water"))
          .statusCode()).isEqualTo(403);
      HttpResponse<String> complete = swtWater.send("POST", "/task/" + lrlFix.getId() + "/complete",
          body("variables", vars(body("fixNotes", "done"))));
      assertThat(complete.statusCode()).as(complete.body()).isEqualTo(403);
      HttpResponse<String> forged = swtWater.send("POST", "/process-instance/" + lrlCheck + "/variables",
          body("modifications", vars(body("verification_passed", true))));
      assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
      HttpResponse<String> moved = swtWater.send("POST", "/process-instance/" + lrlCheck + "/modification",
          body("instructions", List.of(body("type", "startBeforeActivity", "activityId", "end_checks_passed"))));
      assertThat(moved.statusCode()).as(moved.body()).isEqualTo(403);
      assertThat(swtWater.send("DELETE", "/process-instance/" + lrlCheck, null).statusCode()).isIn(403, 404);
      assertThat(swtWater.send("GET", "/history/process-instance/" + lrlCheck, null).statusCode()).isIn(403, 404);

      // SWT's own called check: its fix task listed, its findings readable
      assertThat(swtWater.send("GET", "/task?processInstanceId=" + swtCheck, null).body()).contains(swtFix.getId());
      HttpResponse<String> form = swtWater.send("GET", "/task/" + swtFix.getId() + "/form-variables", null);
      assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
      assertThat(form.body()).contains("findingsSummary");
      assertThat(swtWater.send("GET", "/process-instance/" + swtCheck, null).statusCode()).isEqualTo(200);
      // ... but completes it with its form's fields only: the guard covers the called check's form too
      HttpResponse<String> sneaky = swtWater.send("POST", "/task/" + swtFix.getId() + "/complete",
          body("variables", vars(body("fixNotes", "done", "verification_passed", true))));
      assertThat(sneaky.statusCode()).as(sneaky.body()).isEqualTo(400);
      assertThat(sneaky.body()).contains("verification_passed");
    }
    assertThat(driver.task(lrl.getId(), MigrationDriver.FIX_TASK).getId()).isEqualTo(lrlFix.getId());
    assertThat(runtime.getVariable(lrlCheck, "verification_passed")).isEqualTo(false);
    assertThat(runtime.getVariable(lrlCheck, "fixNotes")).isNull();
    assertThat(runtime.getActivityInstance(lrlCheck).getActivityInstances(MigrationDriver.FIX_TASK)).hasSize(1);

    // SWT completes its fix task with the form's field, as Tasklist sends it: the check runs again (fails again)
    HttpResponse<String> done = webapp("swt-water").send("POST", "/task/" + swtFix.getId() + "/submit-form",
        body("variables", vars(body("fixNotes", "Restarted the loader"))));
    assertThat(done.statusCode()).as(done.body()).isIn(200, 204);
    driver.runJobs(swt.getId());
    assertThat(driver.task(swt.getId(), MigrationDriver.FIX_TASK).getId()).isNotEqualTo(swtFix.getId());

    // HEC corrects the district's fix notes in the called check outside the form: the office's trail shows it
    HttpResponse<String> corrected = rest("hec-engineer").send("POST", "/process-instance/" + swtCheck
        + "/variables", body("modifications", vars(body("fixNotes", "Restarted the loader on T7"))));
    assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(204);
    assertThat(audit.of("SWT")).filteredOn(e -> "VARIABLE_CHANGED".equals(e.type())).singleElement()
        .satisfies(e -> {
          assertThat(e.processInstanceId()).isEqualTo(swt.getId());
          assertThat(e.user()).isEqualTo("hec-engineer");
          assertThat(e.evidence()).containsEntry("fixNotes", "Restarted the loader on T7");
        });
  }
}
