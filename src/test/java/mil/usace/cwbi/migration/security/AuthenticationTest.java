package mil.usace.cwbi.migration.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import mil.usace.cwbi.migration.support.IntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Log-in everywhere, and Camunda's own protections checked: 401 for anonymous REST and Actuator calls (probes
 * open), wrong passwords throttled, CSRF refused on the webapps, security headers sent.
 */
class AuthenticationTest extends IntegrationTest {

  static final String THROTTLED = "throttle-probe";

  @Autowired IdentityService identity;

  final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @AfterEach
  void removeProbeUser() {
    if (identity.createUserQuery().userId(THROTTLED).count() > 0) {
      identity.deleteUser(THROTTLED);
    }
  }

  HttpResponse<String> get(String path, String user, String password) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
    if (user != null) {
      b.header("Authorization", basic(user, password));
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void restApiNeedsALogIn() throws Exception {
    assertThat(get("/engine-rest/process-definition", null, null).statusCode()).isEqualTo(401);
    assertThat(get("/engine-rest/process-definition", null, null).headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    // (wrong passwords of real users are throttled: see wrongPasswordsAreThrottled, which uses its own user)
    assertThat(get("/engine-rest/process-definition", "nobody-at-all", "demo").statusCode()).isEqualTo(401);
    HttpResponse<String> ok = get("/engine-rest/process-definition?key=cwbi-migration", "hec-engineer", "demo");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("cwbi-migration");
    // the webapps' own API needs their session log-in
    assertThat(get("/camunda/api/engine/engine/default/task", null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void actuatorProbesAreOpenTheRestIsForHecAndAdmins() throws Exception {
    assertThat(get("/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
    for (String path : List.of("/actuator", "/actuator/health", "/actuator/metrics", "/actuator/info")) {
      assertThat(get(path, null, null).statusCode()).as(path).isEqualTo(401);
      assertThat(get(path, "nobody-at-all", "wrong").statusCode()).as(path).isEqualTo(401);
      assertThat(get(path, "swt-water", "demo").statusCode()).as(path).isEqualTo(403);
    }
    assertThat(get("/actuator/metrics", "hec-engineer", "demo").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health", "admin", "demo").statusCode()).isEqualTo(200);
  }

  @Test
  void wrongPasswordsAreThrottled() throws Exception {
    User user = identity.newUser(THROTTLED);
    user.setPassword("Correct-Horse-9");
    identity.saveUser(user);
    assertThat(identity.checkPassword(THROTTLED, "Correct-Horse-9")).isTrue();

    assertThat(get("/engine-rest/user/" + THROTTLED + "/profile", THROTTLED, "guess").statusCode()).isEqualTo(401);
    long wrongAt = System.nanoTime();
    // right after a wrong password even the right one is refused, over REST and the Java API
    assertThat(get("/engine-rest/user/" + THROTTLED + "/profile", THROTTLED, "Correct-Horse-9").statusCode())
        .isEqualTo(401);
    assertThat(identity.checkPassword(THROTTLED, "Correct-Horse-9")).isFalse();
    assertThat(System.nanoTime() - wrongAt).as("checked within the 3 s delay").isLessThan(3_000_000_000L);

    Thread.sleep(3_300);
    assertThat(get("/engine-rest/user/" + THROTTLED + "/profile", THROTTLED, "Correct-Horse-9").statusCode())
        .isEqualTo(200);
  }

  /** Logs in to a webapp as Tasklist does: fetch the page (session and CSRF token), then post the credentials. */
  HttpResponse<String> webappLogin(String app, String user, String password) throws Exception {
    HttpResponse<String> page = get("/camunda/app/" + app + "/default/", null, null);
    String cookies = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
        .collect(Collectors.joining("; "));
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return client.send(HttpRequest.newBuilder(
            URI.create(baseUrl() + "/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", cookies)
        .header("X-XSRF-TOKEN", page.headers().firstValue("X-XSRF-TOKEN").orElseThrow())
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void eachGroupGetsItsWebapps() throws Exception {
    assertThat(webappLogin("tasklist", "swt-water", "demo").statusCode()).isEqualTo(200);
    assertThat(webappLogin("cockpit", "swt-water", "demo").statusCode()).isEqualTo(403);
    assertThat(webappLogin("admin", "swt-water", "demo").statusCode()).isEqualTo(403);
    HttpResponse<String> hec = webappLogin("cockpit", "hec-engineer", "demo");
    assertThat(hec.statusCode()).isEqualTo(200);
    assertThat(hec.body()).contains("cockpit").contains("tasklist");
    assertThat(webappLogin("admin", "hec-engineer", "demo").statusCode()).isEqualTo(403);
    assertThat(webappLogin("admin", "admin", "demo").statusCode()).isEqualTo(200);
  }

  @Test
  void webappsSendSecurityHeadersAndRefuseAPostWithoutTheCsrfToken() throws Exception {
    HttpResponse<String> page = get("/camunda/app/tasklist/default/", null, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'none'").contains("default-src 'self'"));
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(page.headers().firstValue("X-XSS-Protection")).isPresent();
    assertThat(page.headers().firstValue("X-XSRF-TOKEN")).isPresent();
    String cookies = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
        .collect(Collectors.joining("; "));
    assertThat(cookies).contains("XSRF-TOKEN=").contains("JSESSIONID=");
    assertThat(page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN")).findFirst()
        .orElseThrow()).containsIgnoringCase("SameSite");

    String form = "username=" + URLEncoder.encode("swt-water", StandardCharsets.UTF_8) + "&password=demo";
    HttpRequest.Builder login = HttpRequest.newBuilder(
            URI.create(baseUrl() + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", cookies)
        .POST(HttpRequest.BodyPublishers.ofString(form));
    HttpResponse<String> noToken = client.send(login.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(noToken.headers().firstValue("X-XSRF-TOKEN")).contains("Required");

    // the same log-in from a fresh page and session, now with the token
    HttpResponse<String> withToken = webappLogin("tasklist", "swt-water", "demo");
    assertThat(withToken.statusCode()).as("%s %s", withToken.headers().map(), withToken.body()).isEqualTo(200);
    assertThat(withToken.body()).contains("\"userId\":\"swt-water\"").contains("tasklist").doesNotContain("cockpit");
  }
}
