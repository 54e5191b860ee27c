package mil.usace.cwbi.migration.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** What Tasklist does over HTTP: fetch the deployed forms, submit them; bad input is a 400 naming the field. */
class FormRestTest extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired MigrationDriver driver;

  @AfterEach
  void cleanUp() {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey("MVS").rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  TestRestTemplate hec() {
    return http.withBasicAuth("hec-engineer", "demo");
  }

  static Map<String, Object> variables(Map<String, Object> values) {
    Map<String, Object> vars = new LinkedHashMap<>();
    values.forEach((k, v) -> vars.put(k, Map.of("value", v)));
    return Map.of("variables", vars);
  }

  @Test
  void theStartFormIsServedAndABadSubmissionIsA400NamingTheField() {
    ResponseEntity<String> form = hec().getForEntity(
        baseUrl() + "/engine-rest/process-definition/key/cwbi-migration/deployed-start-form", String.class);
    assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(form.getBody()).contains("\"id\" : \"cwbi-migration-start\"".replace(" : ", ": ")).contains("t7CdaUrl");

    long before = history.createHistoricProcessInstanceQuery().count();
    Map<String, Object> bad = new LinkedHashMap<>(driver.startData("MVS", false));
    bad.put("t7CdaUrl", "not a url");
    ResponseEntity<String> refused = hec().postForEntity(
        baseUrl() + "/engine-rest/process-definition/key/cwbi-migration/submit-form", variables(bad), String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("t7CdaUrl");
    assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(before);

    ResponseEntity<String> started = hec().postForEntity(
        baseUrl() + "/engine-rest/process-definition/key/cwbi-migration/submit-form",
        variables(driver.startData("MVS", false)), String.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(started.getBody()).contains("\"businessKey\":\"MVS\"");

    ResponseEntity<String> twice = hec().postForEntity(
        baseUrl() + "/engine-rest/process-definition/key/cwbi-migration/submit-form",
        variables(driver.startData("MVS", false)), String.class);
    assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(twice.getBody()).contains("A migration for office MVS is already running");
  }

  @Test
  void aTaskFormIsServedAndABadSubmissionIsA400WithNothingStored() {
    ProcessInstance pi = driver.start("MVS", false);
    Task task = driver.task(pi.getId(), "task_1_3_critimport");
    ResponseEntity<String> form = hec().getForEntity(
        baseUrl() + "/engine-rest/task/" + task.getId() + "/deployed-form", String.class);
    assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(form.getBody()).contains("critImportRun");

    Map<String, Object> bad = new LinkedHashMap<>(driver.validData("task_1_3_critimport"));
    bad.put("critLineCount", 0);
    ResponseEntity<String> refused = hec().postForEntity(
        baseUrl() + "/engine-rest/task/" + task.getId() + "/submit-form", variables(bad), String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("critLineCount").contains("at least 1");
    assertThat(runtime.getVariable(pi.getId(), "critFile")).isNull();

    ResponseEntity<String> completed = hec().postForEntity(
        baseUrl() + "/engine-rest/task/" + task.getId() + "/complete",
        variables(driver.validData("task_1_3_critimport")), String.class);
    assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(driver.openTaskKeys(pi.getId())).contains("task_1_4_shef_parser");
  }
}
