package mil.usace.cwbi.migration.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.spring.boot.starter.property.HeaderSecurityProperties;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security headers of Camunda's webapps on our own pages (dashboard API and audit page, mail viewer, CDA
 * simulator): the same {@code camunda.bpm.webapp.header-security.*} settings decide X-XSS-Protection,
 * X-Content-Type-Options and HSTS, so {@code prod}'s HSTS reaches these pages too. The Content-Security-Policy is
 * Camunda's default without its script exceptions: our pages load scripts only from their own origin (no inline
 * script, no eval). Frame options and a referrer policy are added, which Camunda's filter leaves out.
 */
public class SecurityHeadersFilter extends OncePerRequestFilter {

  /** Camunda's default policy, with {@code script-src 'self'} instead of its nonce, inline and eval exceptions. */
  public static final String CONTENT_SECURITY_POLICY = "base-uri 'self'; script-src 'self'; "
      + "style-src 'unsafe-inline' 'self'; default-src 'self'; img-src 'self' data:; block-all-mixed-content; "
      + "form-action 'self'; frame-ancestors 'none'; object-src 'none'; "
      + "sandbox allow-forms allow-scripts allow-same-origin allow-popups allow-downloads";

  private final Map<String, String> headers;

  public SecurityHeadersFilter(HeaderSecurityProperties camunda) {
    this.headers = headers(camunda);
  }

  static Map<String, String> headers(HeaderSecurityProperties p) {
    Map<String, String> h = new LinkedHashMap<>();
    if (!p.isXssProtectionDisabled()) {
      String option = "SANITIZE".equalsIgnoreCase(p.getXssProtectionOption()) ? "1" : "1; mode=block";
      h.put("X-XSS-Protection", present(p.getXssProtectionValue()) ? p.getXssProtectionValue() : option);
    }
    if (!p.isContentSecurityPolicyDisabled()) {
      h.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
    if (!p.isContentTypeOptionsDisabled()) {
      h.put("X-Content-Type-Options", present(p.getContentTypeOptionsValue()) ? p.getContentTypeOptionsValue()
          : "nosniff");
    }
    if (!p.isHstsDisabled()) {
      h.put("Strict-Transport-Security", present(p.getHstsValue()) ? p.getHstsValue()
          : "max-age=" + (present(p.getHstsMaxAge()) ? p.getHstsMaxAge() : "31536000")
          + (p.isHstsIncludeSubdomainsDisabled() ? "" : "; includeSubDomains"));
    }
    h.put("X-Frame-Options", "DENY");
    h.put("Referrer-Policy", "same-origin");
    return Map.copyOf(h);
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  /** What this filter sends (for the docs and tests). */
  public Map<String, String> headers() {
    return headers;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // set before the chain, so refusals (401, 403, errors) carry them too
    headers.forEach(response::setHeader);
    chain.doFilter(request, response);
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }
}
