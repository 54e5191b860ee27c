package mil.usace.cwbi.migration.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import mil.usace.cwbi.migration.support.PageHttp;

/** HTTP as HEC's tokens page and a district's tool call it: HEC's session with its CSRF token, a tool's bearer. */
final class TokenHttp {

  static final ObjectMapper JSON = new ObjectMapper();
  private final String baseUrl;
  private final HttpClient http = HttpClient.newHttpClient();

  TokenHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i + 1] != null) {
        b.header(headers[i], headers[i + 1]);
      }
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A tool's report: {@code Authorization: Bearer <token>}, nothing else (no cookie, no CSRF token). */
  HttpResponse<String> report(String token, String body) throws Exception {
    return send("POST", "/api/reports", body, "Authorization", token == null ? null : "Bearer " + token);
  }

  static String report(String office, String kind, String item, String detail, String reportId) throws Exception {
    var node = JSON.createObjectNode().put("office", office).put("kind", kind).put("item", item);
    if (detail != null) {
      node.put("detail", detail);
    }
    node.put("reportId", reportId);
    return JSON.writeValueAsString(node);
  }

  /** A session of {@code user} on the tokens API, with the CSRF token its GET handed out. */
  Session session(String user) throws Exception {
    String basic = PageHttp.basic(user, "demo");
    HttpResponse<String> r = send("GET", "/api/tokens", null, "Authorization", basic);
    return new Session(basic, PageHttp.cookies(r), r.headers().firstValue("X-XSRF-TOKEN").orElse(null), r);
  }

  final class Session {
    final String authorization;
    final String cookie;
    final String csrf;
    final HttpResponse<String> list;

    Session(String authorization, String cookie, String csrf, HttpResponse<String> list) {
      this.authorization = authorization;
      this.cookie = cookie;
      this.csrf = csrf;
      this.list = list;
    }

    HttpResponse<String> issue(String office, String name) throws Exception {
      return send("POST", "/api/tokens", JSON.writeValueAsString(JSON.createObjectNode().put("office", office)
          .put("name", name)), "Authorization", authorization, "Cookie", cookie.isEmpty() ? null : cookie,
          "X-XSRF-TOKEN", csrf);
    }

    /** Issues a token and returns its secret. */
    String token(String office, String name) throws Exception {
      HttpResponse<String> r = issue(office, name);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      return JSON.readTree(r.body()).get("token").asText();
    }

    String idOf(String name) throws Exception {
      for (JsonNode t : list()) {
        if (t.get("name").asText().equals(name)) {
          return t.get("id").asText();
        }
      }
      throw new AssertionError("no token named " + name);
    }

    JsonNode list() throws Exception {
      HttpResponse<String> r = send("GET", "/api/tokens", null, "Authorization", authorization,
          "Cookie", cookie.isEmpty() ? null : cookie);
      assertThat(r.statusCode()).isEqualTo(200);
      return JSON.readTree(r.body());
    }

    HttpResponse<String> revoke(String id) throws Exception {
      return send("DELETE", "/api/tokens/" + id, null, "Authorization", authorization,
          "Cookie", cookie.isEmpty() ? null : cookie, "X-XSRF-TOKEN", csrf);
    }
  }
}
