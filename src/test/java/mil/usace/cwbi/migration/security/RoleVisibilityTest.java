package mil.usace.cwbi.migration.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import mil.usace.cwbi.migration.process.TasklistFilters;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each role sees what it can act on, through the calls Tasklist makes: the REST API ({@code /engine-rest}) and the
 * webapps' own API ({@code /camunda/api/engine/engine/default}, session log-in and CSRF token as Tasklist does),
 * plain task queries and the filters' lists. SWT's migration is at Step 4: HEC's five tasks and the District's
 * Step 4 comments are open. swt-water sees only tasks it can claim (every one it sees, it claims), never HEC's.
 */
class RoleVisibilityTest extends IntegrationTest {

  static final List<String> HEC_STEP_4 = List.of("task_4_schema_functions", "task_4_ldm_products",
      "task_4_usgs_config", "task_4_batch_scripts", "task_4_opendcs_import");

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FilterService filters;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;

  final HttpClient client = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  ProcessInstance swt;

  @BeforeEach
  void swtAtStep4() {
    deleteMigrations();
    verifier.passAll();
    swt = driver.start("SWT", true);
    driver.completeAll(swt.getId(), "task_1_1_convert_scripts", "task_1_2_usgs_scripts", "task_1_3_critimport",
        "task_1_4_shef_parser", "task_1_5_export_shef_config", "task_1_6_opendcs_dev",
        "task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products",
        "task_2_4_custom_schema", "task_3_1_modeling_ops");
    assertThat(driver.openTaskKeys(swt.getId())).containsAll(HEC_STEP_4).contains("task_4_district_comments");
  }

  @AfterEach
  void cleanUp() {
    verifier.reset();
    deleteMigrations();
  }

  void deleteMigrations() {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey("SWT").rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  /** One way of calling the engine as a user: REST with Basic, or the webapp API with a Tasklist session. */
  interface Api {
    HttpResponse<String> get(String path) throws Exception;

    HttpResponse<String> post(String path, String body) throws Exception;
  }

  Api rest(String user) {
    String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    String base = baseUrl() + "/engine-rest";
    return new Api() {
      public HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
            .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
      }

      public HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
      }
    };
  }

  /** Logs in to Tasklist as the browser does (session cookie, CSRF token), then calls its engine API. */
  Api tasklistSession(String user) throws Exception {
    HttpResponse<String> page = client.send(HttpRequest.newBuilder(
        URI.create(baseUrl() + "/camunda/app/tasklist/default/")).build(), HttpResponse.BodyHandlers.ofString());
    String cookies = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
        .collect(Collectors.joining("; "));
    String pageToken = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    HttpResponse<String> login = client.send(HttpRequest.newBuilder(
            URI.create(baseUrl() + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
        .header("X-XSRF-TOKEN", pageToken)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password=demo")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    List<String> all = new ArrayList<>(List.of(cookies.split("; ")));
    login.headers().allValues("Set-Cookie").forEach(c -> {
      String pair = c.split(";", 2)[0];
      all.removeIf(existing -> existing.startsWith(pair.substring(0, pair.indexOf('=') + 1)));
      all.add(pair);
    });
    String session = String.join("; ", all);
    String base = baseUrl() + "/camunda/api/engine/engine/default";
    // the log-in starts a new session with its own CSRF token: the app reads it from the next answer, as we do
    String token = login.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> {
      try {
        return client.send(HttpRequest.newBuilder(URI.create(base + "/task/count")).header("Cookie", session)
            .build(), HttpResponse.BodyHandlers.ofString()).headers().firstValue("X-XSRF-TOKEN").orElse(pageToken);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    return new Api() {
      public HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", session)
            .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
      }

      public HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", session)
            .header("X-XSRF-TOKEN", token).header("Content-Type", "application/json")
            .header("Accept", "application/hal+json, application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      }
    };
  }

  String filterId(String name) {
    return filters.createFilterQuery().filterName(name).singleResult().getId();
  }

  /** The task definition keys a list answer holds (plain JSON array, or HAL's _embedded.task). */
  List<String> keys(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode root = json.readTree(response.body());
    JsonNode list = root.isArray() ? root : root.path("_embedded").path("task");
    List<String> keys = new ArrayList<>();
    list.forEach(t -> {
      if (swt.getId().equals(t.path("processInstanceId").asText())) {
        keys.add(t.path("taskDefinitionKey").asText());
      }
    });
    return keys;
  }

  void seesOnlyWhatItCanActOn(Api api, String how) throws Exception {
    String sorting = "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}";
    List<List<String>> views = List.of(
        keys(api.get("/task?processDefinitionKey=cwbi-migration")),
        keys(api.post("/filter/" + filterId(TasklistFilters.ALL_OFFICES) + "/list?firstResult=0&maxResults=50",
            sorting)),
        keys(api.post("/filter/" + filterId(TasklistFilters.MY_GROUPS_TASKS) + "/list?firstResult=0&maxResults=50",
            sorting)));
    for (List<String> seen : views) {
      assertThat(seen).as(how).contains("task_4_district_comments").doesNotContainAnyElementsOf(HEC_STEP_4);
    }
    // every task it sees, it can claim (Tasklist's Claim button works) and hand back
    for (Task t : tasks.createTaskQuery().processInstanceId(swt.getId()).list()) {
      if (!views.get(1).contains(t.getTaskDefinitionKey())) {
        continue;
      }
      HttpResponse<String> claim = api.post("/task/" + t.getId() + "/claim", "{\"userId\":\"swt-water\"}");
      assertThat(claim.statusCode()).as("%s claims %s: %s", how, t.getTaskDefinitionKey(), claim.body())
          .isEqualTo(204);
      assertThat(api.post("/task/" + t.getId() + "/unclaim", "{}").statusCode()).isEqualTo(204);
    }
    // HEC's tasks: not found, not claimable, unchanged
    for (String key : HEC_STEP_4) {
      Task hec = driver.task(swt.getId(), key);
      assertThat(api.get("/task/" + hec.getId()).statusCode()).as("%s reads %s", how, key).isEqualTo(404);
      int status = api.post("/task/" + hec.getId() + "/claim", "{\"userId\":\"swt-water\"}").statusCode();
      assertThat(status).as("%s claims %s", how, key).isBetween(400, 499);
      assertThat(tasks.createTaskQuery().taskId(hec.getId()).singleResult().getAssignee()).isNull();
    }
    assertThat(json.readTree(api.get("/task/count?processDefinitionKey=cwbi-migration").body()).get("count").asLong())
        .as(how).isEqualTo(views.get(0).size());
  }

  @Test
  void theDistrictSeesNoHecTaskOverTheRestApi() throws Exception {
    seesOnlyWhatItCanActOn(rest("swt-water"), "REST");
  }

  @Test
  void theDistrictSeesNoHecTaskThroughTasklistsOwnApi() throws Exception {
    seesOnlyWhatItCanActOn(tasklistSession("swt-water"), "webapp API");
  }

  @Test
  void hecSeesAndClaimsItsTasksAndSeesTheDistrictsTask() throws Exception {
    Api hec = tasklistSession("hec-engineer");
    List<String> all = keys(hec.post("/filter/" + filterId(TasklistFilters.ALL_OFFICES)
        + "/list?firstResult=0&maxResults=50", "{}"));
    assertThat(all).containsAll(HEC_STEP_4).contains("task_4_district_comments");
    Task schema = driver.task(swt.getId(), "task_4_schema_functions");
    assertThat(hec.post("/task/" + schema.getId() + "/claim", "{\"userId\":\"hec-engineer\"}").statusCode())
        .isEqualTo(204);
  }

  /** The ids of the tasks a list answer holds. */
  List<String> ids(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode root = json.readTree(response.body());
    JsonNode list = root.isArray() ? root : root.path("_embedded").path("task");
    List<String> ids = new ArrayList<>();
    list.forEach(t -> ids.add(t.path("id").asText()));
    return ids;
  }

  @Test
  void aCalledChecksFixTaskIsInItsGroupsFiltersAndInHecsFilterOfEveryOffice() throws Exception {
    verifier.fail(mil.usace.cwbi.migration.verification.Environment.T7);
    runtime.createProcessInstanceQuery().processInstanceBusinessKey("LRL").rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test set-up"));
    ProcessInstance lrl = driver.start("LRL", false);
    try {
      driver.completeSteps(lrl.getId(), 1);
      Task fix = driver.task(lrl.getId(), MigrationDriver.FIX_TASK);
      assertThat(fix.getProcessInstanceId()).as("in the T7 check the migration called").isNotEqualTo(lrl.getId());
      String list = "/list?firstResult=0&maxResults=200";
      for (Api district : List.of(rest("lrl-water"), tasklistSession("lrl-water"))) {
        assertThat(ids(district.post("/filter/" + filterId(TasklistFilters.MY_GROUPS_TASKS) + list, "{}")))
            .contains(fix.getId());
        assertThat(ids(district.post("/filter/" + filterId(TasklistFilters.ALL_OFFICES) + list, "{}")))
            .contains(fix.getId());
        assertThat(district.post("/task/" + fix.getId() + "/claim", "{\"userId\":\"lrl-water\"}").statusCode())
            .isEqualTo(204);
        assertThat(district.post("/task/" + fix.getId() + "/unclaim", "{}").statusCode()).isEqualTo(204);
      }
      for (Api other : List.of(rest("swt-water"), tasklistSession("swt-water"))) {
        assertThat(ids(other.post("/filter/" + filterId(TasklistFilters.ALL_OFFICES) + list, "{}")))
            .doesNotContain(fix.getId());
      }
      assertThat(ids(tasklistSession("hec-engineer").post("/filter/" + filterId(TasklistFilters.ALL_OFFICES) + list,
          "{}"))).as("HEC's filter of every office's tasks").contains(fix.getId());
    } finally {
      runtime.deleteProcessInstance(lrl.getId(), "test cleanup");
    }
  }
}
