package mil.usace.cwbi.migration.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The curl and Python examples of docs/tool-reports.md send what the endpoint takes: their JSON, read from the
 * document as written, posted with a real token for a running SWT migration, is accepted and recorded; sent again,
 * it is "already recorded".
 */
class ToolReportExamplesTest extends IntegrationTest {

  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired RuntimeService runtime;

  @AfterEach
  void tearDown() {
    verifier.reset();
    clear();
  }

  void clear() {
    runtime.createProcessInstanceQuery().processDefinitionKey(MigrationVariables.PROCESS_KEY)
        .processInstanceBusinessKey("SWT").list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  @Test
  void theDocumentsExamplesAreAcceptedAsWritten() throws Exception {
    String doc = Files.readString(Path.of("docs/tool-reports.md"));
    Matcher curl = Pattern.compile("--data '(\\{.*?})'").matcher(doc);
    assertThat(curl.find()).as("the curl example's --data").isTrue();
    Matcher python = Pattern.compile("(?s)```python\\n.*?\\nreport = (\\{.*?\\n})\\n").matcher(doc);
    assertThat(python.find()).as("the Python example's report").isTrue();
    assertThat(doc).contains("\"Authorization: Bearer $CWBI_TOKEN\"", "\"Authorization\": \"Bearer \" + os.environ[\"CWBI_TOKEN\"]",
        "/api/reports", "urllib.request.urlopen(request, timeout=30)");

    clear();
    verifier.passAll();
    String pi = driver.start("SWT", false).getId();
    driver.runJobs(pi);
    TokenHttp http = new TokenHttp(baseUrl());
    String token = http.session("hec-engineer").token("SWT", "SWT docs example");
    for (String body : new String[] {curl.group(1), python.group(1)}) {
      JsonNode json = TokenHttp.JSON.readTree(body); // the Python dict as written is JSON too
      assertThat(json.get("office").asText()).isEqualTo("SWT");
      var accepted = http.report(token, body);
      assertThat(accepted.statusCode()).as(body + " -> " + accepted.body()).isEqualTo(202);
      assertThat(http.report(token, body).statusCode()).isEqualTo(200);
    }
    assertThat(driver.runJobs(pi)).isEqualTo(2);
    assertThat((String) runtime.getVariable(pi, "toolReports_1_1")).contains("rating\\_update.py converted");
    assertThat((String) runtime.getVariable(pi, "toolReports_2_1")).contains("KEYS.Elev.Inst.1Hour.0.Ccp-Rev");
  }
}
