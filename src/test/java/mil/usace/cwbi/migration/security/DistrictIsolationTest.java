package mil.usace.cwbi.migration.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Thirty districts, one engine: SWT's water manager cannot list, read, claim or complete LRL's tasks, read LRL's
 * variables or history, nor start LRL's migration, through the REST API or the Java API; HEC works both.
 * Each refusal is checked beside the same call on SWT's own migration, which succeeds.
 */
class DistrictIsolationTest extends IntegrationTest {

  static final String PASSWORD = "demo";

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired OfficeVisibility visibility;

  final ObjectMapper json = new ObjectMapper();
  ProcessInstance lrl;
  ProcessInstance swt;

  @BeforeEach
  void twoMigrations() {
    deleteMigrations();
    lrl = driver.start("LRL", false);
    swt = driver.start("SWT", false);
  }

  @AfterEach
  void cleanUp() {
    identity.clearAuthentication();
    verifier.reset();
    deleteMigrations();
  }

  void deleteMigrations() {
    for (String office : List.of("LRL", "SWT", "NAB")) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(office).rootProcessInstances().list()
          .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
    }
  }

  TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }

  JsonNode get(String user, String path, HttpStatus expected) throws Exception {
    ResponseEntity<String> r = as(user).getForEntity(baseUrl() + "/engine-rest" + path, String.class);
    assertThat(r.getStatusCode()).as("GET %s as %s: %s", path, user, r.getBody()).isEqualTo(expected);
    return r.getBody() == null ? null : json.readTree(r.getBody());
  }

  ResponseEntity<String> post(String user, String path, Object body) {
    return as(user).postForEntity(baseUrl() + "/engine-rest" + path, body, String.class);
  }

  static Map<String, Object> variables(Map<String, Object> values) {
    Map<String, Object> vars = new LinkedHashMap<>();
    values.forEach((k, v) -> vars.put(k, Map.of("value", v)));
    return Map.of("variables", vars);
  }

  @Test
  void anAnonymousCallToTheRestApiGets401() {
    ResponseEntity<String> r = http.getForEntity(baseUrl() + "/engine-rest/task", String.class);
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> wrong = http.withBasicAuth("nobody-at-all", "demo")
        .getForEntity(baseUrl() + "/engine-rest/process-instance/" + swt.getId() + "/variables", String.class);
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(String.valueOf(wrong.getBody())).doesNotContain("SWT");
  }

  @Test
  void theSwtUserSeesAndWorksOnlySwtTasksOverRest() throws Exception {
    JsonNode all = get("swt-water", "/task?processDefinitionKey=cwbi-migration", HttpStatus.OK);
    assertThat(all.size()).isGreaterThanOrEqualTo(2);
    all.forEach(t -> assertThat(t.get("processInstanceId").asText()).isEqualTo(swt.getId()));
    assertThat(get("swt-water", "/task?processInstanceId=" + lrl.getId(), HttpStatus.OK)).isEmpty();
    assertThat(get("swt-water", "/task/count?processInstanceId=" + lrl.getId(), HttpStatus.OK).get("count").asLong())
        .isZero();

    Task lrlTask = driver.task(lrl.getId(), "task_1_3_critimport");
    Task swtTask = driver.task(swt.getId(), "task_1_3_critimport");
    get("swt-water", "/task/" + lrlTask.getId(), HttpStatus.NOT_FOUND);
    get("swt-water", "/task/" + lrlTask.getId() + "/variables", HttpStatus.FORBIDDEN);
    get("swt-water", "/task/" + swtTask.getId() + "/variables", HttpStatus.OK);

    ResponseEntity<String> claim = post("swt-water", "/task/" + lrlTask.getId() + "/claim", Map.of("userId", "swt-water"));
    assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(tasks.createTaskQuery().taskId(lrlTask.getId()).singleResult().getAssignee()).isNull();
    ResponseEntity<String> complete = post("swt-water", "/task/" + lrlTask.getId() + "/complete",
        variables(driver.validData("task_1_3_critimport")));
    assertThat(complete.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(driver.task(lrl.getId(), "task_1_3_critimport")).isNotNull();
    assertThat(runtime.getVariable(lrl.getId(), "critFile")).isNull();

    // the same calls on SWT's own task work; a claim can be undone (Tasklist's "Unclaim")
    assertThat(post("swt-water", "/task/" + swtTask.getId() + "/claim", Map.of("userId", "swt-water"))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    ResponseEntity<String> unclaim = post("swt-water", "/task/" + swtTask.getId() + "/unclaim", null);
    assertThat(unclaim.getStatusCode()).as(unclaim.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(post("swt-water", "/task/" + swtTask.getId() + "/claim", Map.of("userId", "swt-water"))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    // ... but not write the migration's variables behind the forms' validation
    Map<String, Object> forged = Map.of("modifications", Map.of("verification_t7_passed", Map.of("value", true)));
    assertThat(post("swt-water", "/task/" + swtTask.getId() + "/variables", forged).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("swt-water", "/process-instance/" + swt.getId() + "/variables", forged).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(runtime.getVariable(swt.getId(), "verification_t7_passed")).isNull();
    assertThat(post("swt-water", "/task/" + swtTask.getId() + "/complete",
        variables(driver.validData("task_1_3_critimport"))).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(driver.openTaskKeys(swt.getId())).contains("task_1_4_shef_parser");
  }

  @Test
  void theSwtUserCannotReadLrlVariablesOrHistoryOverRest() throws Exception {
    get("swt-water", "/process-instance/" + lrl.getId() + "/variables", HttpStatus.FORBIDDEN);
    get("swt-water", "/process-instance/" + lrl.getId(), HttpStatus.NOT_FOUND);
    assertThat(get("swt-water", "/process-instance?businessKey=LRL", HttpStatus.OK)).isEmpty();
    for (String query : List.of("/history/process-instance?processInstanceId=", "/history/variable-instance?processInstanceId=",
        "/history/task?processInstanceId=", "/history/activity-instance?processInstanceId=",
        "/history/detail?processInstanceId=")) {
      assertThat(get("swt-water", query + lrl.getId(), HttpStatus.OK)).as(query).isEmpty();
      assertThat(get("swt-water", query + swt.getId(), HttpStatus.OK)).as(query).isNotEmpty();
    }
    JsonNode own = get("swt-water", "/process-instance/" + swt.getId() + "/variables", HttpStatus.OK);
    assertThat(own.get("office").get("value").asText()).isEqualTo("SWT");
    JsonNode instances = get("swt-water", "/process-instance?processDefinitionKey=cwbi-migration", HttpStatus.OK);
    assertThat(instances).hasSize(1);
    assertThat(instances.get(0).get("businessKey").asText()).isEqualTo("SWT");
  }

  @Test
  void theSwtUserCannotStartLrlsMigrationAndNothingIsCreated() throws Exception {
    runtime.deleteProcessInstance(lrl.getId(), "test: LRL has no migration yet");
    long lrlBefore = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey("LRL").count();
    ResponseEntity<String> refused = post("swt-water", "/process-definition/key/cwbi-migration/submit-form",
        variables(driver.startData("LRL", false)));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.getBody()).contains("may not start the migration of office LRL").contains("district-lrl");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey("LRL").count())
        .isEqualTo(lrlBefore);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("LRL").rootProcessInstances().count()).isZero();

    // LRL's own user may; HEC may start any office (NAB)
    ResponseEntity<String> own = post("lrl-water", "/process-definition/key/cwbi-migration/submit-form",
        variables(driver.startData("LRL", false)));
    assertThat(own.getStatusCode()).as(own.getBody()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> hec = post("hec-engineer", "/process-definition/key/cwbi-migration/submit-form",
        variables(driver.startData("NAB", false)));
    assertThat(hec.getStatusCode()).as(hec.getBody()).isEqualTo(HttpStatus.OK);
    // NAB's district group sees it at once (granted at start); SWT does not
    ProcessInstance nab = runtime.createProcessInstanceQuery().processInstanceBusinessKey("NAB").rootProcessInstances().singleResult();
    assertThat(get("swt-water", "/history/process-instance?processInstanceId=" + nab.getId(), HttpStatus.OK)).isEmpty();
    identity.setAuthentication("nab-someone", List.of("district-nab"));
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(nab.getId()).count()).isEqualTo(1);
  }

  @Test
  void theHecUserSeesAndWorksBothOffices() throws Exception {
    JsonNode all = get("hec-engineer", "/task?processDefinitionKey=cwbi-migration", HttpStatus.OK);
    List<String> instances = new java.util.ArrayList<>();
    all.forEach(t -> instances.add(t.get("processInstanceId").asText()));
    assertThat(instances).contains(lrl.getId(), swt.getId());
    get("hec-engineer", "/process-instance/" + lrl.getId() + "/variables", HttpStatus.OK);
    assertThat(get("hec-engineer", "/history/variable-instance?processInstanceId=" + lrl.getId(), HttpStatus.OK))
        .isNotEmpty();
    for (ProcessInstance pi : List.of(lrl, swt)) {
      Task task = driver.task(pi.getId(), "task_1_3_critimport");
      assertThat(post("hec-engineer", "/task/" + task.getId() + "/claim", Map.of("userId", "hec-engineer"))
          .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
      assertThat(post("hec-engineer", "/task/" + task.getId() + "/complete",
          variables(driver.validData("task_1_3_critimport"))).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
      assertThat(driver.openTaskKeys(pi.getId())).contains("task_1_4_shef_parser");
    }
  }

  @Test
  void officeVisibilityForPagesOutsideCamunda() {
    assertThat(visibility.of("swt-water").offices()).containsExactly("SWT");
    assertThat(visibility.of("swt-water").canSee("swt")).isTrue();
    assertThat(visibility.of("swt-water").canSee("LRL")).isFalse();
    assertThat(visibility.of("hec-engineer").canSee("LRL")).isTrue();
    assertThat(visibility.of("admin").allOffices()).isTrue();
    assertThat(visibility.of(null).canSee("SWT")).isFalse();
    assertThat(visibility.of("nobody-at-all").canSee("SWT")).isFalse();
  }

  @Test
  void theJavaApiEnforcesTheSameForAnAuthenticatedDistrictUser() {
    Task lrlTask = driver.task(lrl.getId(), "task_1_3_critimport");
    Task swtTask = driver.task(swt.getId(), "task_1_3_critimport");
    identity.setAuthentication("swt-water", List.of("district-swt"));

    assertThat(tasks.createTaskQuery().processInstanceId(lrl.getId()).count()).isZero();
    assertThat(tasks.createTaskQuery().processInstanceId(swt.getId()).count()).isPositive();
    assertThatThrownBy(() -> tasks.claim(lrlTask.getId(), "swt-water")).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> tasks.complete(lrlTask.getId(), driver.validData("task_1_3_critimport")))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> runtime.getVariables(lrl.getId())).isInstanceOf(AuthorizationException.class);
    assertThat(runtime.getVariables(swt.getId())).containsEntry("office", "SWT");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(lrl.getId()).count()).isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(lrl.getId()).count()).isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(swt.getId()).count()).isPositive();
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(lrl.getId()).count()).isZero();
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(swt.getId()).count()).isPositive();
    // a district may not delete its own migration, let alone LRL's
    assertThatThrownBy(() -> runtime.deleteProcessInstance(swt.getId(), "try")).isInstanceOf(AuthorizationException.class);
    identity.clearAuthentication();
    runtime.deleteProcessInstance(lrl.getId(), "test: LRL has no migration yet");
    identity.setAuthentication("swt-water", List.of("district-swt"));
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("cwbi-migration", driver.startData("LRL", false)))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("office LRL");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("LRL").rootProcessInstances().count()).isZero();

    identity.setAuthentication("hec-engineer", List.of("hec"));
    tasks.claim(swtTask.getId(), "hec-engineer");
    assertThat(tasks.createTaskQuery().taskId(swtTask.getId()).singleResult().getAssignee()).isEqualTo("hec-engineer");
  }

  @Test
  void hecTasksOfAnOfficeAreHiddenFromItsDistrictWhoFollowsThemInHistoryAndOnlyHecWorksThem() throws Exception {
    verifier.passAll();
    driver.completeAll(swt.getId(), "task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
        "task_1_5_export_shef_config", "task_1_6_opendcs_dev");
    driver.completeAll(swt.getId(), "task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products",
        "task_2_4_custom_schema", "task_3_1_modeling_ops");
    Task hecTask = driver.task(swt.getId(), "task_4_ldm_products");
    assertThat(hecTask).as("open: %s", driver.openTaskKeys(swt.getId())).isNotNull();

    // Tasklist would show an open task with a Claim button that fails: the district does not see HEC's open tasks
    get("swt-water", "/task/" + hecTask.getId(), HttpStatus.NOT_FOUND);
    assertThat(get("swt-water", "/task?processInstanceId=" + swt.getId() + "&taskDefinitionKey=task_4_ldm_products",
        HttpStatus.OK)).isEmpty();
    assertThat(post("swt-water", "/task/" + hecTask.getId() + "/claim", Map.of("userId", "swt-water"))
        .getStatusCode().is2xxSuccessful()).isFalse();
    assertThat(tasks.createTaskQuery().taskId(hecTask.getId()).singleResult().getAssignee()).isNull();
    // ... but follows HEC's work in its migration's history
    driver.complete(swt.getId(), "task_4_batch_scripts");
    assertThat(get("swt-water", "/history/task?processInstanceId=" + swt.getId()
        + "&taskDefinitionKey=task_4_batch_scripts", HttpStatus.OK)).hasSize(1);
    get("lrl-water", "/task/" + hecTask.getId(), HttpStatus.NOT_FOUND);
    assertThat(post("hec-engineer", "/task/" + hecTask.getId() + "/claim", Map.of("userId", "hec-engineer"))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }
}
