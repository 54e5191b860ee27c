package mil.usace.cwbi.migration.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import mil.usace.cwbi.migration.process.TasklistFilters;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Issue 13, the districts' inbox on H2: the engine checks a task's grants by index look-ups (revoke checks "always")
 * rather than Camunda's authorization join, which H2 ran for every open task of every office. The inbox must still
 * show a district exactly its own tasks: Tasklist's candidate-group query and "My group's tasks" filter, over the
 * REST API as Tasklist and scripts call it.
 */
class InboxQueriesTest extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired MigrationDriver driver;
  @Autowired FilterService filters;
  @Autowired ProcessEngine engine;

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
    deleteMigrations();
  }

  void deleteMigrations() {
    for (String office : List.of("LRL", "SWT")) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(office).rootProcessInstances().list()
          .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
    }
  }

  JsonNode get(String user, String path) throws Exception {
    ResponseEntity<String> r = http.withBasicAuth(user, "demo").getForEntity(baseUrl() + "/engine-rest" + path,
        String.class);
    assertThat(r.getStatusCode()).as("GET %s as %s: %s", path, user, r.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(r.getBody());
  }

  static List<String> instances(JsonNode tasks) {
    List<String> ids = new ArrayList<>();
    tasks.forEach(t -> ids.add(t.get("processInstanceId").asText()));
    return ids;
  }

  @Test
  void onH2TheEngineChecksTaskGrantsByLookUpsNotByTheAuthorizationJoin() {
    assertThat(engine.getProcessEngineConfiguration().getAuthorizationCheckRevokes()).isEqualTo("always");
  }

  @Test
  void aDistrictsCandidateGroupQueryListsItsOwnTasksAndNoneOfAnotherDistrict() throws Exception {
    JsonNode own = get("swt-water", "/task?candidateGroup=district-swt&sortBy=created&sortOrder=desc"
        + "&firstResult=0&maxResults=15");
    assertThat(own.size()).as("SWT's open Step 1 tasks").isGreaterThanOrEqualTo(2);
    assertThat(instances(own)).containsOnly(swt.getId());
    assertThat(get("swt-water", "/task/count?candidateGroup=district-swt").get("count").asLong())
        .isEqualTo(own.size());

    // LRL's tasks are offered to district-lrl; asking for that group as SWT's user finds nothing
    assertThat(get("swt-water", "/task?candidateGroup=district-lrl")).isEmpty();
    assertThat(get("swt-water", "/task/count?candidateGroup=district-lrl").get("count").asLong()).isZero();
    assertThat(instances(get("lrl-water", "/task?candidateGroup=district-lrl"))).isNotEmpty()
        .containsOnly(lrl.getId());
  }

  @Test
  void myGroupsTasksFilterShowsEachDistrictOnlyItsOwnMigration() throws Exception {
    String filter = filters.createFilterQuery().filterName(TasklistFilters.MY_GROUPS_TASKS).singleResult().getId();
    JsonNode swtList = get("swt-water", "/filter/" + filter + "/list?firstResult=0&maxResults=15");
    JsonNode lrlList = get("lrl-water", "/filter/" + filter + "/list?firstResult=0&maxResults=15");
    assertThat(instances(swtList)).isNotEmpty().containsOnly(swt.getId());
    assertThat(instances(lrlList)).isNotEmpty().containsOnly(lrl.getId());
    assertThat(get("swt-water", "/filter/" + filter + "/count").get("count").asLong()).isEqualTo(swtList.size());
  }
}
