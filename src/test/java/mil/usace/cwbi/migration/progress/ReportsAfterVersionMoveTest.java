package mil.usace.cwbi.migration.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.process.forms.JsonValues;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An office running on roadmap version 2 (an exact copy of it, {@code roadmap-versions/cwbi-migration-v2.bpmn})
 * takes no reports (409, nothing stored). Moved to this version with a plan built by {@code mapEqualActivities()}
 * (as the v2-to-v3 move does), it has the message subscription of the event sub-process and a report is correlated.
 * The current model is deployed again afterwards so it stays the newest for the other tests.
 */
class ReportsAfterVersionMoveTest extends IntegrationTest {

  static final String OFFICE = "LRN";

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;

  @AfterEach
  void tearDown() {
    verifier.reset();
    runtime.createProcessInstanceQuery().rootProcessInstances().processInstanceBusinessKey(OFFICE).list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  @Test
  void anOfficeMovedFromVersion2WithMapEqualActivitiesTakesReports() throws Exception {
    verifier.passAll();
    runtime.createProcessInstanceQuery().rootProcessInstances().processInstanceBusinessKey(OFFICE).list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test set-up"));
    String v2 = definitionOf(repository.createDeployment().name("roadmap version 2 (test copy)")
        .addClasspathResource("roadmap-versions/cwbi-migration-v2.bpmn").deploy());
    String v3 = definitionOf(repository.createDeployment().name("roadmap version 3 (current, again)")
        .addClasspathResource("bpmn/cwbi-migration.bpmn").deploy());
    assertThat(repository.getProcessDefinition(v2).getVersionTag()).isEqualTo("2");
    assertThat(repository.getProcessDefinition(v3).getVersionTag()).isEqualTo("3");

    String pi = runtime.startProcessInstanceById(v2, driver.startData(OFFICE, false)).getId();
    driver.runJobs(pi);
    driver.complete(pi, "task_1_1_convert_scripts", Map.of(MigrationVariables.SCRIPT_INVENTORY, JsonValues.json(List.of(
        MigrationDriver.script("stage_report.py", "reporting", "schedule", "cwms-database", "web-page",
            "to-convert")))));
    assertThat(driver.openTaskKeys(pi)).contains("task_1_1_convert_scripts");

    TokenHttp http = new TokenHttp(baseUrl());
    String token = http.session("hec-engineer").token(OFFICE, "LRN batch host");
    String report = TokenHttp.report(OFFICE, "script-converted", "stage_report.py", null, "move-1");
    var refused = http.report(token, report);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
    assertThat(TokenHttp.JSON.readTree(refused.body()).get("message").asText())
        .contains("roadmap version that takes no reports");

    List<String> before = driver.openTaskKeys(pi);
    MigrationPlan plan = runtime.createMigrationPlan(v2, v3).mapEqualActivities().build();
    runtime.newMigration(plan).processInstanceIds(pi).execute();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult().getProcessDefinitionId())
        .isEqualTo(v3);
    assertThat(driver.openTaskKeys(pi)).isEqualTo(before);
    // Camunda's migration creates the subscription of the new event sub-process's start event by itself
    assertThat(runtime.createEventSubscriptionQuery().processInstanceId(pi).eventName(ProgressReports.MESSAGE)
        .count()).isEqualTo(1);

    var accepted = http.report(token, report);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(driver.runJobs(pi)).isEqualTo(1);
    assertThat(JsonValues.listOfObjects(runtime.getVariable(pi, MigrationVariables.SCRIPT_INVENTORY)))
        .singleElement().satisfies(r -> assertThat(r.get("status")).isEqualTo("converted"));
    assertThat(driver.openTaskKeys(pi)).isEqualTo(before);
  }

  String definitionOf(Deployment deployment) {
    return repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).singleResult().getId();
  }
}
