package mil.usace.cwbi.migration.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.PageHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * HEC's API tokens through REST: HEC (or an administrator) issues one and sees its secret once, the list never shows
 * it and the table holds only its hash; revoking takes effect at once. A district cannot issue, list or revoke
 * (403), not even from its webapp session; HEC without the session's CSRF token is refused; bad input is a 400 that
 * changes nothing.
 */
class ApiTokenRestTest extends IntegrationTest {

  @Autowired JdbcTemplate jdbc;
  TokenHttp http;

  @BeforeEach
  void setUp() {
    http = new TokenHttp(baseUrl());
  }

  @Test
  void hecIssuesSeesTheSecretOnceAndRevokes() throws Exception {
    TokenHttp.Session hec = http.session("hec-engineer");
    assertThat(hec.list.statusCode()).isEqualTo(200);
    HttpResponse<String> issued = hec.issue("swt", "SWT cwms-cli on batch host");
    assertThat(issued.statusCode()).isEqualTo(201);
    assertThat(issued.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    JsonNode body = TokenHttp.JSON.readTree(issued.body());
    String secret = body.get("token").asText();
    String id = body.get("id").asText();
    assertThat(secret).matches("cwbi_[A-Za-z0-9_-]{43}");
    assertThat(body.get("office").asText()).isEqualTo("SWT");
    assertThat(body.get("issuedBy").asText()).isEqualTo("hec-engineer");
    assertThat(body.get("message").asText()).contains("shown this once");

    // never again: not in the list, and only its SHA-256 in the table
    JsonNode list = hec.list();
    assertThat(list.toString()).doesNotContain(secret).doesNotContain(secret.substring(5));
    JsonNode row = find(list, id);
    assertThat(row.has("token")).isFalse();
    assertThat(row.get("name").asText()).isEqualTo("SWT cwms-cli on batch host");
    assertThat(row.get("revoked").asBoolean()).isFalse();
    assertThat(row.get("lastUsedAt").isNull()).isTrue();
    Map<String, Object> stored = jdbc.queryForMap("select * from cwbi_api_token where id = ?", id);
    assertThat(stored.values().stream().map(String::valueOf)).noneMatch(v -> v.contains(secret.substring(5)));
    assertThat(stored.get("SECRET_SHA256")).isEqualTo(ApiTokens.sha256(secret));

    // used: HEC sees when (the office has no migration here: 409, but the token was good)
    assertThat(http.report(secret, TokenHttp.report("SWT", "location-loaded", "KEYS", null, "t-1")).statusCode())
        .isIn(202, 409);
    assertThat(find(hec.list(), id).get("lastUsedAt").isNull()).isFalse();

    // revoked: at once, shown with who and when; a second revoke changes nothing
    HttpResponse<String> revoked = hec.revoke(id);
    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(TokenHttp.JSON.readTree(revoked.body()).get("revokedBy").asText()).isEqualTo("hec-engineer");
    assertThat(http.report(secret, TokenHttp.report("SWT", "location-loaded", "KEYS", null, "t-2")).statusCode())
        .isEqualTo(401);
    String revokedAt = find(hec.list(), id).get("revokedAt").asText();
    assertThat(hec.revoke(id).statusCode()).isEqualTo(200);
    assertThat(find(hec.list(), id).get("revokedAt").asText()).isEqualTo(revokedAt);
    assertThat(hec.revoke("0123456789ab").statusCode()).isEqualTo(404);

    // an administrator may too
    TokenHttp.Session admin = http.session("admin");
    assertThat(admin.issue("LRL", "LRL CI").statusCode()).isEqualTo(201);
  }

  @Test
  void aDistrictCannotIssueListOrRevokeAndHecNeedsItsCsrfToken() throws Exception {
    TokenHttp.Session hec = http.session("hec-engineer");
    String secret = hec.token("SWT", "SWT guarded");
    String id = hec.idOf("SWT guarded");
    int tokens = count();

    TokenHttp.Session district = http.session("swt-water");
    assertThat(district.list.statusCode()).isEqualTo(403);
    assertThat(district.list.body()).doesNotContain("SWT guarded");
    assertThat(district.issue("SWT", "mine").statusCode()).isEqualTo(403);
    assertThat(district.revoke(id).statusCode()).isEqualTo(403);
    // from the district's Tasklist session as well
    String web = new PageHttp(baseUrl()).tasklistSession("swt-water", "demo");
    assertThat(http.send("GET", "/api/tokens", null, "Cookie", web).statusCode()).isEqualTo(403);
    assertThat(http.send("DELETE", "/api/tokens/" + id, null, "Cookie", web).statusCode()).isEqualTo(403);
    // anonymous: 401
    assertThat(http.send("GET", "/api/tokens", null).statusCode()).isEqualTo(401);
    assertThat(http.send("POST", "/api/tokens", "{\"office\":\"SWT\",\"name\":\"x\"}").statusCode()).isEqualTo(401);

    // HEC without its session's CSRF token, or from another origin: 403
    assertThat(http.send("POST", "/api/tokens", "{\"office\":\"SWT\",\"name\":\"x\"}",
        "Authorization", hec.authorization).statusCode()).isEqualTo(403);
    assertThat(http.send("DELETE", "/api/tokens/" + id, null, "Authorization", hec.authorization,
        "Cookie", hec.cookie).statusCode()).isEqualTo(403);
    assertThat(http.send("POST", "/api/tokens", "{\"office\":\"SWT\",\"name\":\"x\"}", "Authorization",
        hec.authorization, "Cookie", hec.cookie, "X-XSRF-TOKEN", hec.csrf, "Origin", "https://evil.example")
        .statusCode()).isEqualTo(403);

    // bad input: 400 with why, nothing stored
    for (String bad : List.of("not json", "[]", "{\"office\":\"XYZ\",\"name\":\"x\"}", "{\"office\":\"SWT\"}",
        "{\"office\":\"SWT\",\"name\":\"  \"}", "{\"office\":\"SWT\",\"name\":\"" + "n".repeat(101) + "\"}",
        "{\"office\":\"SWT\",\"name\":\"two\\nlines\"}", "{\"office\":\"SWT\",\"name\":\"x\",\"token\":\"cwbi_x\"}",
        "{\"office\":\"SWT\",\"name\":\"" + "n".repeat(2000) + "\"}")) {
      HttpResponse<String> r = http.send("POST", "/api/tokens", bad, "Authorization", hec.authorization,
          "Cookie", hec.cookie, "X-XSRF-TOKEN", hec.csrf);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
    }
    assertThat(hec.revoke("not-an-id").statusCode()).isEqualTo(400);
    assertThat(count()).isEqualTo(tokens);
    assertThat(find(hec.list(), id).get("revoked").asBoolean()).isFalse();
    assertThat(http.report(secret, TokenHttp.report("SWT", "location-loaded", "KEYS", null, "g-1")).statusCode())
        .isNotEqualTo(401);
  }

  int count() {
    return jdbc.queryForObject("select count(*) from cwbi_api_token", Integer.class);
  }

  static JsonNode find(JsonNode list, String id) {
    for (JsonNode t : list) {
      if (t.get("id").asText().equals(id)) {
        return t;
      }
    }
    throw new AssertionError("no token " + id + " in " + list);
  }
}
