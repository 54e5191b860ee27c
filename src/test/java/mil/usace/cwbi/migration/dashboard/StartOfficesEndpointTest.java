package mil.usace.cwbi.migration.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.process.StartStep;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.PageHttp;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.support.TestServers;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * HEC's bulk start over HTTP: a CSV of offices and their steps, each row started on its own, all of it or nothing,
 * and a report per row. Districts get 403, a call without the session's CSRF token 403, bad files 400; a refused
 * row creates nothing.
 */
class StartOfficesEndpointTest extends IntegrationTest {

  static final String API = "/api/offices/start-where-they-stand";
  static final List<String> OFFICES = List.of("SAJ", "SPK", "NAB", "MVP", "NWDM");

  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired AuditTrail audit;
  @Autowired PortfolioQueries portfolio;

  final HttpClient client = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  final String hec = PageHttp.basic("hec-engineer", "demo");
  final String district = PageHttp.basic("swt-water", "demo");

  @BeforeEach
  void clean() {
    deleteAll();
    verifier.passAll();
  }

  @AfterEach
  void cleanUp() {
    verifier.reset();
    deleteAll();
  }

  void deleteAll() {
    for (String office : OFFICES) {
      runtime.createProcessInstanceQuery().rootProcessInstances().processInstanceBusinessKey(office).list()
          .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
    }
  }

  record Session(String authorization, String cookie, String token) {}

  Session session(String authorization) throws Exception {
    HttpResponse<String> r = send("GET", authorization, null, null, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new Session(authorization, PageHttp.cookies(r), r.headers().firstValue("X-XSRF-TOKEN").orElseThrow());
  }

  HttpResponse<String> send(String method, String authorization, String cookie, String token, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + API))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "text/csv");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (cookie != null && !cookie.isEmpty()) {
      b.header("Cookie", cookie);
    }
    if (token != null) {
      b.header("X-XSRF-TOKEN", token);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(Session s, String csv) throws Exception {
    return send("POST", s.authorization(), s.cookie(), s.token(), csv);
  }

  long migrations(String office) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(MigrationVariables.PROCESS_KEY)
        .processInstanceBusinessKey(office).count();
  }

  static String row(String office, String step, String evidence) {
    return office + "," + step + "," + evidence + "," + TestServers.cdaUrl("t7") + ","
        + String.join(";", MigrationDriver.CRITICAL);
  }

  @Test
  void mixedRowsAreReportedOneByOneAndOnlyTheGoodOnesStart() throws Exception {
    driver.start("NAB", false); // already running
    long nab = migrations("NAB");
    long mvp = migrations("MVP");
    long nwdm = migrations("NWDM");
    String csv = String.join("\n",
        "office,step,evidence,t7CdaUrl,criticalTimeSeries",
        row("SAJ", "5", "\"Steps 1-4 done, see ticket CWBI-77\""),
        row("XYZ", "3", "none"),
        row("NAB", "4", "again"),
        row("MVP", "0", ""),
        row("MVP", "10", ""),
        "SPK,3,\"unclosed,https://x",
        "<script>alert(1)</script>,2,x," + TestServers.cdaUrl("t7") + ",A.B.C.D.E.F",
        "NWDM,7,,not a url,A.Stage.Inst.1Hour.0.Raw",
        row("SPK", "1", ""));
    HttpResponse<String> r = post(session(hec), csv);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode answer = json.readTree(r.body());
    assertThat(answer.path("started").asInt()).isEqualTo(2);
    assertThat(answer.path("notStarted").asInt()).isEqualTo(7);
    List<String> results = new ArrayList<>();
    answer.path("rows").forEach(row -> results.add(row.path("line").asInt() + " " + row.path("office").asText("-")
        + " " + row.path("started").asBoolean() + " " + row.path("result").asText()));
    assertThat(results.get(0)).isEqualTo("2 SAJ true started at Step 5: Fully test in CWBI-TEST");
    assertThat(results.get(1)).startsWith("3 XYZ false unknown office XYZ");
    assertThat(results.get(2)).startsWith("4 NAB false already running");
    assertThat(results.get(3)).isEqualTo("5 MVP false bad step: the step must be a whole number from 1 to 9");
    assertThat(results.get(4)).isEqualTo("6 MVP false bad step: the step must be a whole number from 1 to 9");
    assertThat(results.get(5)).isEqualTo("7 - false malformed: a quote is not closed");
    assertThat(results.get(6)).startsWith("8 - false not an office id");
    assertThat(results.get(7)).startsWith("9 NWDM false not started: ").contains("t7CdaUrl");
    assertThat(results.get(8)).isEqualTo("10 SPK true started at Step 1: Convert/test all data processes on T7");
    assertThat(r.body()).doesNotContain("<script>");

    // the good rows started, as HEC, at their step; the bad rows created nothing
    String saj = answer.path("rows").get(0).path("processInstanceId").asText();
    assertThat(runtime.getVariable(saj, StartStep.VARIABLE)).isEqualTo(5);
    assertThat(runtime.getVariable(saj, "initiator")).isEqualTo("hec-engineer");
    assertThat(migrations("NAB")).isEqualTo(nab);
    assertThat(migrations("MVP")).isEqualTo(mvp);
    assertThat(migrations("NWDM")).isEqualTo(nwdm);
    assertThat(audit.of("SAJ")).filteredOn(e -> e.type().equals(DoneBeforeEntries.TYPE)).isNotEmpty()
        .allSatisfy(e -> assertThat(e.evidence()).containsEntry("Evidence", "Steps 1-4 done, see ticket CWBI-77"));

    // the portfolio counts Steps 1-4 of SAJ as done, Step 5 not yet
    Portfolio p = portfolio.portfolio();
    Portfolio.Office sajRow = p.offices().stream().filter(o -> o.office().equals("SAJ")).findFirst().orElseThrow();
    for (int i = 0; i < p.items().size(); i++) {
      RoadmapItems.Item item = p.items().get(i);
      Portfolio.Status status = sajRow.cells().get(i).status();
      if (item.step() < 5 && !item.number().equals("1.2") && !item.number().equals("4.3")) {
        assertThat(status).as(item.number()).isEqualTo(Portfolio.Status.DONE);
      } else if (item.step() >= 5) {
        assertThat(status).as(item.number()).isNotEqualTo(Portfolio.Status.DONE);
      }
    }
  }

  @Test
  void onlyHecWithItsSessionTokenMayStartAndBadFilesChangeNothing() throws Exception {
    String csv = "office,step\nSAJ,3\n";
    long saj = migrations("SAJ");
    assertThat(send("GET", null, null, null, null).statusCode()).isEqualTo(401);
    assertThat(send("POST", null, null, null, csv).statusCode()).isEqualTo(401);
    assertThat(send("GET", district, null, null, null).statusCode()).isEqualTo(403);
    HttpResponse<String> asDistrict = send("POST", district, null, null, csv);
    assertThat(asDistrict.statusCode()).isEqualTo(403);
    assertThat(asDistrict.body()).contains("for members of hec or camunda-admin");
    HttpResponse<String> noToken = send("POST", hec, null, null, csv);
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(noToken.body()).contains("CSRF token");

    Session s = session(hec);
    assertThat(post(s, "").statusCode()).isEqualTo(400);
    HttpResponse<String> unknownColumn = post(s, "office,step,password\nSAJ,3,x\n");
    assertThat(unknownColumn.statusCode()).isEqualTo(400);
    assertThat(unknownColumn.body()).contains("Unknown column").doesNotContain("password");
    assertThat(post(s, "office,evidence\nSAJ,x\n").statusCode()).isEqualTo(400);
    StringBuilder many = new StringBuilder("office,step\n");
    for (int i = 0; i < 201; i++) {
      many.append("SAJ,3\n");
    }
    HttpResponse<String> tooMany = post(s, many.toString());
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(tooMany.body()).contains("At most 200 offices");
    assertThat(post(s, "office,step\n" + "x".repeat(300 * 1024)).statusCode()).isEqualTo(400);
    assertThat(migrations("SAJ")).isEqualTo(saj);
  }
}
