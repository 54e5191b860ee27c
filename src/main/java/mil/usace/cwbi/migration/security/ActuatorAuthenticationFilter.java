package mil.usace.cwbi.migration.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic for the Actuator against Camunda's identity service: {@code hec} and {@code camunda-admin} only.
 * The probes ({@code /actuator/health/liveness}, {@code /readiness}) are open: the cluster calls them anonymously.
 */
public class ActuatorAuthenticationFilter extends OncePerRequestFilter {

  static final Set<String> OPEN = Set.of("/actuator/health/liveness", "/actuator/health/readiness");

  private final IdentityService identity;

  public ActuatorAuthenticationFilter(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (OPEN.contains(path) || OPEN.contains(path.replaceAll("/+$", ""))) {
      chain.doFilter(request, response);
      return;
    }
    String[] credentials = basic(request.getHeader("Authorization"));
    if (credentials == null || !identity.checkPassword(credentials[0], credentials[1])) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"cwbi-migration\"");
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Log in (HTTP Basic) as a member of hec or camunda-admin");
      return;
    }
    boolean allowed = identity.createGroupQuery().groupMember(credentials[0]).list().stream()
        .anyMatch(g -> g.getId().equals(Groups.HEC) || g.getId().equals(Groups.ADMIN));
    if (!allowed) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN, "Only members of hec or camunda-admin");
      return;
    }
    chain.doFilter(request, response);
  }

  private static String[] basic(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
