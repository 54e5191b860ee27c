package mil.usace.cwbi.migration.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.PageHttp;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The forecast over a portfolio built with a moved engine clock (ForecastHistory), read where HEC reads it: the
 * dashboard's JSON over HTTP. Every expected date is worked out by hand in the comments. Then HEC's target dates:
 * who may set them, and bad input refused with nothing changed.
 */
class ForecastEndpointTest extends IntegrationTest {

  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService historyService;
  @Autowired ManagementService management;
  @Autowired JdbcTemplate jdbc;
  @Autowired Forecasts forecasts;

  final ObjectMapper json = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();
  ForecastHistory history;

  @BeforeEach
  void setUp() {
    verifier.passAll();
    history = new ForecastHistory(ForecastHistory.noonDaysAgo(0), driver, runtime, historyService, management, jdbc);
    history.clear();
  }

  @AfterEach
  void tearDown() {
    verifier.reset();
    history.clear();
    ClockUtil.reset();
  }

  /**
   * Three finished offices and three running ones; today is day 230.
   * <pre>
   * step           1   2   3   4   5  6   7   8   9
   * SPK (done)    20  30  10  20  15  0  10  20  10   started day 0, finished day 135
   * SWF (done)    40  30  20  30  15  0  20  30  10   finished day 195
   * SAJ (done)    30  30  30  40  15  0  30  40  10   finished day 225
   * LRL           30  60  (in Step 3 for 10 days)    started day 130
   * MVP           30  30  (in Step 3 for 40 days)    started day 130
   * NWDP          (in Step 1 for 5 days)             started day 225
   * </pre>
   * Portfolio (median / 25th / 75th percentile, linear): Step 1 [20,30,30,30,40] 30/30/30; Step 2 [30,30,30,30,60]
   * 30/30/30; Step 3 [10,20,30] 20/15/25; Step 4 [20,30,40] 30/25/35; Step 5 15/15/15; Step 6 0; Step 7 20/15/25;
   * Step 8 30/25/35; Step 9 10/10/10.
   */
  @Test
  void forecastsFromThePortfolioAndEachOfficesPace() throws Exception {
    history.start("SPK", 0).steps(20, 30, 10, 20, 15, 0, 10, 20, 10);
    history.start("SWF", 0).steps(40, 30, 20, 30, 15, 0, 20, 30, 10);
    ForecastHistory.Walk saj = history.start("SAJ", 0).steps(30, 30, 30, 40, 15, 0, 30, 40, 10);
    assertThat(saj.finished()).isTrue();
    assertThat(saj.day).isEqualTo(225);
    history.start("LRL", 130).steps(30, 60);
    history.start("MVP", 130).steps(30, 30);
    history.start("NWDP", 225);
    history.at(230);
    LocalDate today = history.date(230);

    String hec = PageHttp.basic("hec-engineer", "demo");
    Session session = session(hec);
    // all offices by day 400 from today; LRL by day 170, MVP by day 100
    assertThat(session.put("all", today.plusDays(400)).statusCode()).isEqualTo(200);
    assertThat(session.put("LRL", today.plusDays(170)).statusCode()).isEqualTo(200);
    assertThat(session.put("mvp", today.plusDays(100)).statusCode()).isEqualTo(200);

    JsonNode rows = get("/api/dashboard/offices", hec, 200);

    // LRL: pace (30 + 60) / (30 + 30) = 1.5. Ahead, 1.5 x median less time spent (Step 3: 10 days):
    // Step 3 30-10=20, 4 45, 5 22.5, 6 0, 7 30, 8 45, 9 15 = 177.5 -> 178 days;
    // early (25th): 22.5-10=12.5, 37.5, 22.5, 0, 22.5, 37.5, 15 = 147.5 -> 148; late (75th): 27.5, 52.5, 22.5, 0,
    // 37.5, 52.5, 15 = 207.5 -> 208. Target day 170: 8 days late.
    JsonNode lrl = row(rows, "LRL").get("forecast");
    assertThat(lrl.get("status").asText()).isEqualTo("FORECAST");
    assertThat(lrl.get("step").asInt()).isEqualTo(3);
    assertThat(lrl.get("pace").asDouble()).isEqualTo(1.5);
    assertThat(lrl.get("predicted").asText()).isEqualTo(today.plusDays(178).toString());
    assertThat(lrl.get("early").asText()).isEqualTo(today.plusDays(148).toString());
    assertThat(lrl.get("late").asText()).isEqualTo(today.plusDays(208).toString());
    assertThat(lrl.get("target").asText()).isEqualTo(today.plusDays(170).toString());
    assertThat(lrl.get("targetForAll").asBoolean()).isFalse();
    assertThat(lrl.get("atRisk").asBoolean()).isTrue();
    assertThat(lrl.get("daysPastTarget").asLong()).isEqualTo(8);
    assertThat(lrl.get("explanation").asText()).isEqualTo("Step 2 took 60 days here, the portfolio's median is 30 days");
    assertThat(row(rows, "LRL").get("attention").toString()).contains("is after the target");
    JsonNode step3 = lrl.get("steps").get(0);
    assertThat(step3.get("step").asInt()).isEqualTo(3);
    assertThat(step3.get("name").asText()).isEqualTo("Test modeling operations (CAVI/CWMS-Vue)");
    assertThat(step3.get("offices").asInt()).isEqualTo(3);
    assertThat(step3.get("medianDays").asDouble()).isEqualTo(20.0);
    assertThat(step3.get("p25Days").asDouble()).isEqualTo(15.0);
    assertThat(step3.get("p75Days").asDouble()).isEqualTo(25.0);
    assertThat(step3.get("elapsedDays").asDouble()).isEqualTo(10.0);
    assertThat(step3.get("remainingDays").asDouble()).isEqualTo(20.0);

    // MVP: pace (30 + 30) / (30 + 30) = 1. Step 3 already 40 days (median 20): 0 left; then 30, 15, 0, 20, 30, 10 =
    // 105; early 25, 15, 0, 15, 25, 10 = 90; late 35, 15, 0, 25, 35, 10 = 120. Target day 100: 5 days late.
    JsonNode mvp = row(rows, "MVP").get("forecast");
    assertThat(mvp.get("pace").asDouble()).isEqualTo(1.0);
    assertThat(mvp.get("predicted").asText()).isEqualTo(today.plusDays(105).toString());
    assertThat(mvp.get("early").asText()).isEqualTo(today.plusDays(90).toString());
    assertThat(mvp.get("late").asText()).isEqualTo(today.plusDays(120).toString());
    assertThat(mvp.get("atRisk").asBoolean()).isTrue();
    assertThat(mvp.get("explanation").asText())
        .isEqualTo("Step 3 has taken 40 days so far here, the portfolio's median is 20 days");

    // NWDP: no step finished, pace 1. Step 1 30-5=25, then 30, 20, 30, 15, 0, 20, 30, 10 = 180; early 25, 30, 15,
    // 25, 15, 0, 15, 25, 10 = 160; late 25, 30, 25, 35, 15, 0, 25, 35, 10 = 200. Target: all offices' day 400.
    JsonNode nwdp = row(rows, "NWDP").get("forecast");
    assertThat(nwdp.get("pace").asDouble()).isEqualTo(1.0);
    assertThat(nwdp.get("predicted").asText()).isEqualTo(today.plusDays(180).toString());
    assertThat(nwdp.get("early").asText()).isEqualTo(today.plusDays(160).toString());
    assertThat(nwdp.get("late").asText()).isEqualTo(today.plusDays(200).toString());
    assertThat(nwdp.get("target").asText()).isEqualTo(today.plusDays(400).toString());
    assertThat(nwdp.get("targetForAll").asBoolean()).isTrue();
    assertThat(nwdp.get("atRisk").asBoolean()).isFalse();
    assertThat(nwdp.get("explanation").asText())
        .isEqualTo("No step finished here yet: each step ahead counts at the portfolio's median");
    assertThat(row(rows, "NWDP").get("attention").size()).isZero();

    JsonNode spk = row(rows, "SPK").get("forecast");
    assertThat(spk.get("status").asText()).isEqualTo("FINISHED");
    assertThat(spk.get("predicted").asText()).isEqualTo(history.date(135).toString());
    assertThat(spk.get("atRisk").asBoolean()).isFalse();
    assertThat(row(rows, "SWT").get("forecast").get("status").asText()).isEqualTo("NOT_STARTED");

    // flagged offices sort with those needing attention: MVP (also an overdue Task 3.1) and LRL before the rest
    List<String> order = new ArrayList<>();
    rows.forEach(r -> order.add(r.get("office").asText()));
    assertThat(order.subList(0, 2)).containsExactly("MVP", "LRL");
    assertThat(order.indexOf("NWDP")).isLessThan(order.indexOf("SPK"));

    // the same through the Java API the weekly digest uses
    assertThat(forecasts.atRisk()).extracting(Forecast::office).containsExactly("LRL", "MVP");
    assertThat(forecasts.forOffice("lrl").predicted()).isEqualTo(today.plusDays(178));

    // without its own target, LRL falls back to the one for all offices and is no longer at risk
    assertThat(session.delete("LRL").statusCode()).isEqualTo(200);
    JsonNode after = row(get("/api/dashboard/offices", hec, 200), "LRL").get("forecast");
    assertThat(after.get("target").asText()).isEqualTo(today.plusDays(400).toString());
    assertThat(after.get("atRisk").asBoolean()).isFalse();

    // the audit trail says who set which target
    JsonNode audit = get("/api/dashboard/offices/LRL/audit", hec, 200);
    List<String> names = new ArrayList<>();
    audit.forEach(e -> names.add(e.get("name").asText()));
    assertThat(names).contains("Target date set by hec-engineer (all offices)",
        "Target date set by hec-engineer (this office)", "Target date cleared by hec-engineer (this office)");
    String csv = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/dashboard/offices/LRL/audit.csv"))
        .header("Authorization", hec).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(csv).contains("Target date set by hec-engineer (this office)")
        .contains("Target date: " + Forecast.DAY.format(today.plusDays(170)) + "; For: this office");
  }

  @Test
  void withNoHistoryForAStepAheadThereIsNoDate() throws Exception {
    ForecastHistory.Walk swt = history.start("SWT", 0);
    history.at(3);
    String hec = PageHttp.basic("hec-engineer", "demo");
    JsonNode first = row(get("/api/dashboard/offices", hec, 200), "SWT").get("forecast");
    assertThat(first.get("status").asText()).isEqualTo("NO_HISTORY");
    assertThat(first.get("explanation").asText()).isEqualTo("No office has finished Step 1 yet; no forecast");

    history.start("LRN", 5);
    swt.step(1, 10);
    history.at(12);
    assertThat(session(hec).put("all", history.date(12).plusDays(30)).statusCode()).isEqualTo(200);
    JsonNode rows = get("/api/dashboard/offices", hec, 200);
    for (String office : List.of("SWT", "LRN")) {
      JsonNode f = row(rows, office).get("forecast");
      assertThat(f.get("status").asText()).as(office).isEqualTo("NO_HISTORY");
      // SWT is in Step 2; LRN in Step 1, which SWT finished, but Step 2 is ahead of it too
      assertThat(f.get("explanation").asText()).as(office).isEqualTo("No office has finished Step 2 yet; no forecast");
      assertThat(f.get("predicted").isNull()).isTrue();
      assertThat(f.get("early").isNull()).isTrue();
      assertThat(f.get("late").isNull()).isTrue();
      assertThat(f.get("target").asText()).isEqualTo(history.date(42).toString());
      assertThat(f.get("atRisk").asBoolean()).as("no date: not flagged").isFalse();
      assertThat(row(rows, office).get("attention").size()).isZero();
    }
    assertThat(row(rows, "SWT").get("forecast").get("step").asInt()).isEqualTo(2);
    assertThat(row(rows, "LRN").get("forecast").get("step").asInt()).isEqualTo(1);
  }

  @Test
  void onlyHecSetsTargetsAndBadInputChangesNothing() throws Exception {
    history.at(0);
    LocalDate today = history.date(0);
    String hec = PageHttp.basic("hec-engineer", "demo");
    Session session = session(hec);
    assertThat(session.put("SWT", today.plusDays(90)).statusCode()).isEqualTo(200);
    String before = get("/api/dashboard/targets", hec, 200).toString();
    int rowsBefore = jdbc.queryForObject("select count(*) from " + TargetDates.TABLE, Integer.class);

    // a district, even with a session and the token of its own GET: 403 on every verb; anonymous: 401
    String district = PageHttp.basic("swt-water", "demo");
    assertThat(send("GET", "/api/dashboard/targets", district, null, null, null).statusCode()).isEqualTo(403);
    Session districtSession = new Session(district, null, null);
    assertThat(districtSession.put("SWT", today.plusDays(30)).statusCode()).isEqualTo(403);
    assertThat(districtSession.put("all", today.plusDays(30)).statusCode()).isEqualTo(403);
    assertThat(districtSession.put("SWT", today.plusDays(30)).body()).contains("hec or camunda-admin");
    HttpResponse<String> deleted = districtSession.delete("SWT");
    assertThat(deleted.statusCode()).isEqualTo(403);
    assertThat(deleted.body()).contains("hec or camunda-admin");
    HttpResponse<String> webSession = send("PUT", "/api/dashboard/targets/SWT", null,
        new PageHttp(baseUrl()).tasklistSession("swt-water", "demo"), null, body(today.plusDays(30)));
    assertThat(webSession.statusCode()).isEqualTo(403);
    assertThat(send("PUT", "/api/dashboard/targets/SWT", null, null, null, body(today.plusDays(30))).statusCode())
        .isEqualTo(401);

    // HEC without the session's CSRF token, or from another origin: 403
    assertThat(send("PUT", "/api/dashboard/targets/SWT", hec, null, null, body(today.plusDays(30))).statusCode())
        .isEqualTo(403);
    HttpResponse<String> foreign = send("PUT", "/api/dashboard/targets/SWT", hec, session.cookie, session.token,
        body(today.plusDays(30)), "Origin", "https://evil.example");
    assertThat(foreign.statusCode()).isEqualTo(403);

    // bad input: 400 with a clear message
    record Bad(String office, String body, String message) {}
    List<Bad> bad = List.of(
        new Bad("SWT", body(today), "after today"),
        new Bad("SWT", body(today.minusDays(1)), "after today"),
        new Bad("SWT", body(today.plusYears(10).plusDays(1)), "at most 10 years ahead"),
        new Bad("SWT", "{\"targetDate\":\"2027-02-30\"}", "calendar date written YYYY-MM-DD"),
        new Bad("SWT", "{\"targetDate\":\"30/06/2027\"}", "calendar date written YYYY-MM-DD"),
        new Bad("SWT", "{\"targetDate\":\"<script>alert(1)</script>\"}", "calendar date written YYYY-MM-DD"),
        new Bad("SWT", "{\"targetDate\":20270630}", "Send {\"targetDate\""),
        new Bad("SWT", "{}", "Send {\"targetDate\""),
        new Bad("SWT", "not json", "Send {\"targetDate\""),
        new Bad("SWT", "{\"targetDate\":\"" + today.plusDays(5) + "\",\"office\":\"LRL\"}", "Only targetDate"),
        new Bad("SWT", "{\"targetDate\":\"" + today.plusDays(5) + "\",\"pad\":\"" + "x".repeat(2000) + "\"}",
            "too long"),
        new Bad("XYZ", body(today.plusDays(5)), "Unknown office"),
        new Bad("S1", body(today.plusDays(5)), "office id"));
    for (Bad b : bad) {
      HttpResponse<String> r = send("PUT", "/api/dashboard/targets/" + b.office(), hec, session.cookie, session.token,
          b.body());
      assertThat(r.statusCode()).as(b.toString()).isEqualTo(400);
      assertThat(json.readTree(r.body()).get("message").asText()).as(b.toString()).contains(b.message())
          .doesNotContain("<script>");
    }
    assertThat(session.delete("XYZ").statusCode()).isEqualTo(400);

    assertThat(get("/api/dashboard/targets", hec, 200).toString()).isEqualTo(before);
    assertThat(jdbc.queryForObject("select count(*) from " + TargetDates.TABLE, Integer.class)).isEqualTo(rowsBefore);
    assertThat(forecasts.forOffice("SWT").target()).isEqualTo(today.plusDays(90));

    // the edge: exactly ten years ahead is accepted, and an administrator may set targets too
    assertThat(session.put("SWT", today.plusYears(10)).statusCode()).isEqualTo(200);
    Session admin = session(PageHttp.basic("admin", "demo"));
    HttpResponse<String> ok = admin.put("all", today.plusDays(200));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(json.readTree(ok.body()).toString()).contains("\"office\":\"all\"").contains("\"setBy\":\"admin\"");
    assertThat(forecasts.forOffice("SWT").target()).isEqualTo(today.plusYears(10));
    assertThat(forecasts.forOffice("LRL").target()).isEqualTo(today.plusDays(200));
    assertThat(forecasts.forOffice("LRL").targetForAll()).isTrue();
  }

  /** A caller's session with its CSRF token, from a GET of the targets. */
  Session session(String authorization) throws Exception {
    HttpResponse<String> r = send("GET", "/api/dashboard/targets", authorization, null, null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    return new Session(authorization, PageHttp.cookies(r), r.headers().firstValue("X-XSRF-TOKEN").orElseThrow());
  }

  final class Session {
    final String authorization;
    final String cookie;
    final String token;

    Session(String authorization, String cookie, String token) {
      this.authorization = authorization;
      this.cookie = cookie;
      this.token = token;
    }

    HttpResponse<String> put(String office, LocalDate date) throws Exception {
      return send("PUT", "/api/dashboard/targets/" + office, authorization, cookie, token, body(date));
    }

    HttpResponse<String> delete(String office) throws Exception {
      return send("DELETE", "/api/dashboard/targets/" + office, authorization, cookie, token, null);
    }
  }

  static String body(LocalDate date) {
    return "{\"targetDate\":\"" + date + "\"}";
  }

  HttpResponse<String> send(String method, String path, String authorization, String cookie, String token,
      String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (cookie != null && !cookie.isEmpty()) {
      b.header("Cookie", cookie);
    }
    if (token != null) {
      b.header("X-XSRF-TOKEN", token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode get(String path, String authorization, int status) throws Exception {
    HttpResponse<String> r = send("GET", path, authorization, null, null, null);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
    return json.readTree(r.body());
  }

  static JsonNode row(JsonNode rows, String office) {
    for (JsonNode r : rows) {
      if (r.get("office").asText().equals(office)) {
        return r;
      }
    }
    throw new AssertionError("no row for " + office + " in " + rows);
  }
}
