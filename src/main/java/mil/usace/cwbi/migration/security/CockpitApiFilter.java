package mil.usace.cwbi.migration.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda guards the Cockpit <em>pages</em> by application grant, but its plugin API ({@code /camunda/api/cockpit})
 * only by log-in: a district logged in to Tasklist could read Cockpit's statistics, whose instance and incident
 * counts span every office. Only users granted the Cockpit application (HEC, administrators) reach that API.
 */
public class CockpitApiFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(CockpitApiFilter.class);

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    Authentications auths = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    if (auths != null) {
      for (UserAuthentication user : auths.getAuthentications()) {
        if (!user.isAuthorizedForApp("cockpit")) {
          LOG.warn("Refused {} {} {}: no access to Cockpit", user.getName(), request.getMethod(),
              request.getRequestURI());
          response.setStatus(HttpServletResponse.SC_FORBIDDEN);
          response.setContentType("application/json");
          response.setCharacterEncoding("UTF-8");
          response.getWriter().write("{\"type\":\"AuthorizationException\",\"message\":\"User '"
              + user.getName().replace("\"", "") + "' has no access to Cockpit: its API is for hec and "
              + "camunda-admin.\"}");
          return;
        }
      }
    }
    chain.doFilter(request, response); // no session: Camunda's own 401
  }
}
