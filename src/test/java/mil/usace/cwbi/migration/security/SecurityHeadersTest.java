package mil.usace.cwbi.migration.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.PageHttp;
import org.camunda.bpm.spring.boot.starter.property.HeaderSecurityProperties;
import org.junit.jupiter.api.Test;

/**
 * Every page and API of our own sends the webapps' security headers, on answers and refusals alike; HSTS follows
 * Camunda's setting (on in prod), and the policy allows no inline script.
 */
class SecurityHeadersTest extends IntegrationTest {

  @Test
  void everyOwnPathSendsTheHeaders() throws Exception {
    PageHttp http = new PageHttp(baseUrl());
    String hec = PageHttp.basic("hec-engineer", "demo");
    Map<String, Integer> calls = new LinkedHashMap<>();
    Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
    answers.put("GET /api/dashboard/offices (HEC)", http.send("GET", "/api/dashboard/offices", "Authorization", hec));
    calls.put("GET /api/dashboard/offices (HEC)", 200);
    answers.put("GET /api/dashboard/offices (anonymous)", http.send("GET", "/api/dashboard/offices"));
    calls.put("GET /api/dashboard/offices (anonymous)", 401);
    answers.put("GET /api/dashboard/offices/SWT/audit", http.send("GET", "/api/dashboard/offices/SWT/audit",
        "Authorization", hec));
    calls.put("GET /api/dashboard/offices/SWT/audit", 200);
    answers.put("GET /dashboard/audit.html", http.send("GET", "/dashboard/audit.html?office=SWT"));
    calls.put("GET /dashboard/audit.html", 200);
    answers.put("GET /demo/mail (HEC)", http.send("GET", "/demo/mail", "Accept", "text/html", "Authorization", hec));
    calls.put("GET /demo/mail (HEC)", 200);
    answers.put("GET /demo/mail (anonymous)", http.send("GET", "/demo/mail", "Accept", "text/html"));
    calls.put("GET /demo/mail (anonymous)", 401);
    answers.put("GET /cda-sim (HEC)", http.send("GET", "/cda-sim", "Accept", "text/html", "Authorization", hec));
    calls.put("GET /cda-sim (HEC)", 200);
    answers.put("GET /cda-sim/app.js", http.send("GET", "/cda-sim/app.js"));
    calls.put("GET /cda-sim/app.js", 200);
    answers.put("GET /cda-sim/state (HEC)", http.send("GET", "/cda-sim/state", "Authorization", hec));
    calls.put("GET /cda-sim/state (HEC)", 200);
    answers.put("GET /cda-sim/cwbi-dev/version", http.send("GET", "/cda-sim/cwbi-dev/version"));
    calls.put("GET /cda-sim/cwbi-dev/version", 200);
    answers.put("POST /cda-sim/cwbi-dev/faults/stale (no token)", http.send("POST", "/cda-sim/cwbi-dev/faults/stale",
        "Authorization", hec));
    calls.put("POST /cda-sim/cwbi-dev/faults/stale (no token)", 403);
    answers.put("GET /demo/nothing-here", http.send("GET", "/demo/nothing-here", "Authorization", hec));
    calls.put("GET /demo/nothing-here", 404);

    for (Map.Entry<String, HttpResponse<String>> e : answers.entrySet()) {
      HttpResponse<String> r = e.getValue();
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(calls.get(e.getKey()));
      assertThat(r.headers().firstValue("Content-Security-Policy")).as(e.getKey()).hasValueSatisfying(v ->
          assertThat(v).contains("frame-ancestors 'none'", "default-src 'self'", "script-src 'self'",
              "object-src 'none'", "base-uri 'self'").doesNotContain("unsafe-inline';").doesNotContain("unsafe-eval"));
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(e.getKey()).contains("nosniff");
      assertThat(r.headers().firstValue("X-XSS-Protection")).as(e.getKey()).contains("1; mode=block");
      assertThat(r.headers().firstValue("X-Frame-Options")).as(e.getKey()).contains("DENY");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(e.getKey()).contains("same-origin");
      // HSTS is off unless configured (prod): as on the webapps
      assertThat(r.headers().firstValue("Strict-Transport-Security")).as(e.getKey()).isEmpty();
    }
  }

  @Test
  void hstsAndTheOtherSettingsFollowCamundasHeaderSecurity() {
    HeaderSecurityProperties prod = new HeaderSecurityProperties();
    prod.setHstsDisabled(false);
    assertThat(SecurityHeadersFilter.headers(prod)).containsEntry("Strict-Transport-Security", "max-age=31536000");
    prod.setHstsIncludeSubdomainsDisabled(false);
    prod.setHstsMaxAge("600");
    assertThat(SecurityHeadersFilter.headers(prod)).containsEntry("Strict-Transport-Security",
        "max-age=600; includeSubDomains");

    HeaderSecurityProperties off = new HeaderSecurityProperties();
    off.setXssProtectionOption("SANITIZE");
    off.setContentTypeOptionsDisabled(true);
    assertThat(SecurityHeadersFilter.headers(off)).containsEntry("X-XSS-Protection", "1")
        .doesNotContainKey("X-Content-Type-Options").doesNotContainKey("Strict-Transport-Security")
        .containsKey("Content-Security-Policy");
  }
}
