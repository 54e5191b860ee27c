package mil.usace.cwbi.migration.demo.cda;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.PageHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The simulator's buttons over real HTTP, as an attacker would call them: no change without a log-in (401), without
 * the session's CSRF token or from another origin (403), nor to another district's T7 (403); each refusal leaves the
 * simulator as it was. CDA's own read paths stay open: the application's checks call them without a user.
 */
class SimulatorControlsTest extends IntegrationTest {

  @Autowired SimulatedCda cda;

  PageHttp http;

  @BeforeEach
  void setUp() {
    http = new PageHttp(baseUrl());
    SimulatedCda.ENVIRONMENTS.forEach(cda::clear);
  }

  @AfterEach
  void healthyAgain() {
    SimulatedCda.ENVIRONMENTS.forEach(cda::clear);
  }

  /** A session of a user: its cookie and CSRF token, as the page gets them from /cda-sim/state. */
  record Session(String cookie, String token, String authorization) {}

  Session session(String user) throws Exception {
    String auth = PageHttp.basic(user, "demo");
    HttpResponse<String> state = http.send("GET", "/cda-sim/state", "Authorization", auth);
    assertThat(state.statusCode()).isEqualTo(200);
    return new Session(PageHttp.cookies(state), state.headers().firstValue("X-XSRF-TOKEN").orElseThrow(), auth);
  }

  HttpResponse<String> press(Session s, String method, String path, String origin) throws Exception {
    return http.send(method, path, "Authorization", s.authorization(), "Cookie", s.cookie(),
        "X-XSRF-TOKEN", s.token(), "Origin", origin);
  }

  @Test
  void anonymousCannotChangeOrSeeTheControls() throws Exception {
    HttpResponse<String> post = http.send("POST", "/cda-sim/cwbi-dev/faults/missing");
    assertThat(post.statusCode()).isEqualTo(401);
    assertThat(http.send("DELETE", "/cda-sim/cwbi-dev/faults").statusCode()).isEqualTo(401);
    assertThat(http.send("POST", "/cda-sim/cwbi-dev/faults/missing",
        "Authorization", PageHttp.basic("nobody-at-all", "wrong")).statusCode()).isEqualTo(401);
    assertThat(cda.faults("cwbi-dev")).isEmpty();

    HttpResponse<String> page = http.send("GET", "/cda-sim", "Accept", "text/html");
    assertThat(page.statusCode()).isEqualTo(401);
    assertThat(page.body()).contains("Log in").doesNotContain("t7-swt");
    assertThat(http.send("GET", "/cda-sim/state").statusCode()).isEqualTo(401);
  }

  @Test
  void aLoggedInUserWithoutTheTokenIsRefused() throws Exception {
    String auth = PageHttp.basic("swt-water", "demo");
    HttpResponse<String> noSession = http.send("POST", "/cda-sim/cwbi-dev/faults/missing", "Authorization", auth);
    assertThat(noSession.statusCode()).isEqualTo(403);
    assertThat(noSession.body()).contains("CSRF");

    Session s = session("swt-water");
    assertThat(http.send("POST", "/cda-sim/cwbi-dev/faults/missing", "Authorization", auth, "Cookie", s.cookie())
        .statusCode()).as("session, no token").isEqualTo(403);
    assertThat(http.send("POST", "/cda-sim/cwbi-dev/faults/missing", "Authorization", auth, "Cookie", s.cookie(),
        "X-XSRF-TOKEN", "guessed").statusCode()).as("wrong token").isEqualTo(403);
    Session other = session("swt-water");
    assertThat(http.send("POST", "/cda-sim/cwbi-dev/faults/missing", "Authorization", auth, "Cookie", s.cookie(),
        "X-XSRF-TOKEN", other.token()).statusCode()).as("another session's token").isEqualTo(403);
    assertThat(press(s, "POST", "/cda-sim/cwbi-dev/faults/missing", "http://evil.example").statusCode())
        .as("cross-origin").isEqualTo(403);
    assertThat(press(s, "DELETE", "/cda-sim/cwbi-dev/faults", "http://evil.example").statusCode()).isEqualTo(403);
    assertThat(cda.faults("cwbi-dev")).isEmpty();
  }

  @Test
  void theSessionsTokenFromOurOriginChangesTheSimulator() throws Exception {
    Session s = session("swt-water");
    HttpResponse<String> missing = press(s, "POST", "/cda-sim/cwbi-dev/faults/missing", baseUrl());
    assertThat(missing.statusCode()).isEqualTo(200);
    assertThat(missing.body()).contains("\"cwbi-dev\":[\"missing\"]");
    assertThat(cda.faults("cwbi-dev")).containsExactly(Fault.MISSING);
    assertThat(press(s, "POST", "/cda-sim/t7-swt/faults/stale", null).statusCode()).isEqualTo(200);
    assertThat(press(s, "POST", "/cda-sim/cwbi-dev/faults/flood", null).statusCode()).isEqualTo(400);
    assertThat(press(s, "POST", "/cda-sim/nowhere/faults/stale", null).statusCode()).isEqualTo(404);

    assertThat(press(s, "DELETE", "/cda-sim/cwbi-dev/faults", baseUrl()).statusCode()).isEqualTo(200);
    assertThat(cda.faults("cwbi-dev")).isEmpty();
    assertThat(cda.faults("t7-swt")).containsExactly(Fault.STALE);
  }

  @Test
  void aT7IsForItsOwnDistrictHecAndAdministrators() throws Exception {
    HttpResponse<String> lrlsT7 = press(session("swt-water"), "POST", "/cda-sim/t7-lrl/faults/error", null);
    assertThat(lrlsT7.statusCode()).isEqualTo(403);
    assertThat(lrlsT7.body()).contains("district");
    assertThat(cda.faults("t7-lrl")).isEmpty();
    assertThat(press(session("lrl-water"), "POST", "/cda-sim/t7-lrl/faults/error", null).statusCode()).isEqualTo(200);
    assertThat(press(session("hec-engineer"), "POST", "/cda-sim/t7-swt/faults/stale", null).statusCode())
        .isEqualTo(200);
    assertThat(press(session("admin"), "DELETE", "/cda-sim/t7-lrl/faults", null).statusCode()).isEqualTo(200);
    assertThat(cda.faults("t7-lrl")).isEmpty();
  }

  @Test
  void theTasklistSessionWorksForThePage() throws Exception {
    String cookie = http.tasklistSession("lrl-water", "demo");
    HttpResponse<String> page = http.send("GET", "/cda-sim", "Accept", "text/html", "Cookie", cookie);
    assertThat(page.statusCode()).isEqualTo(200);
    // the T7 URL on the port the application listens on: the demo walk works on any server.port
    assertThat(page.body()).contains("http://localhost:" + port + "/cda-sim/t7-swt/")
        .contains("http://localhost:" + port + "/cda-sim/t7-lrl/").contains("lrl-water")
        .doesNotContain("{{").doesNotContain("<script>");
    String token = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    HttpResponse<String> pressed = http.send("POST", "/cda-sim/cwbi-test/faults/no-history", "Cookie", cookie,
        "X-XSRF-TOKEN", token);
    assertThat(pressed.statusCode()).isEqualTo(200);
    assertThat(cda.faults("cwbi-test")).containsExactly(Fault.NO_HISTORY);
  }

  @Test
  void cdasOwnReadPathsStayOpenForTheChecks() throws Exception {
    for (String path : List.of("/cda-sim/t7-swt/offices/SWT", "/cda-sim/cwbi-dev/version",
        "/cda-sim/cwbi-prod/catalog/TIMESERIES?office=SWT&page-size=5")) {
      HttpResponse<String> r = http.send("GET", path, "Accept", "application/json;version=2");
      assertThat(r.statusCode()).as(path).isEqualTo(200);
    }
    assertThat(http.send("GET", "/cda-sim/app.js").statusCode()).isEqualTo(200);
  }
}
