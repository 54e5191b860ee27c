package mil.usace.cwbi.migration.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may read the dashboard: members of {@code hec} and {@code camunda-admin}. The user is the one logged in to
 * the Camunda webapps in this HTTP session (the Cockpit plugin calls with its session cookie), or, for scripts,
 * HTTP Basic checked by the identity service (its own users or LDAP; Camunda's log-in throttling applies).
 * Groups are read from the identity service on every call, so a removed membership takes effect at once.
 */
@Component
public class DashboardAccess {

  static final Set<String> ALLOWED_GROUPS = Set.of("hec", "camunda-admin");

  private final ProcessEngine engine;
  private final IdentityService identity;

  public DashboardAccess(ProcessEngine engine) {
    this.engine = engine;
    this.identity = engine.getIdentityService();
  }

  /** The allowed user's id; 401 (log in) or 403 (not HEC or an administrator) otherwise. */
  public String require(HttpServletRequest request) {
    String user = sessionUser(request);
    if (user == null) {
      user = basicUser(request.getHeader("Authorization"));
    }
    if (user == null) {
      throw new Denied(HttpStatus.UNAUTHORIZED, "Log in to Cockpit as HEC, or send HTTP Basic credentials of a "
          + "member of hec or camunda-admin.");
    }
    boolean allowed = identity.createGroupQuery().groupMember(user).list().stream()
        .anyMatch(g -> ALLOWED_GROUPS.contains(g.getId()));
    if (!allowed) {
      throw new Denied(HttpStatus.FORBIDDEN,
          "The migration dashboard is for members of hec or camunda-admin; " + user + " is neither.");
    }
    return user;
  }

  private String sessionUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications auths = AuthenticationUtil.getAuthsFromSession(session);
    Authentication auth = auths == null ? null : auths.getAuthenticationForProcessEngine(engine.getName());
    return auth == null ? null : auth.getIdentityId();
  }

  private String basicUser(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String user = decoded.substring(0, colon);
    return identity.checkPassword(user, decoded.substring(colon + 1)) ? user : null;
  }

  /** Refused: 401 (not logged in) or 403 (logged in, not allowed). */
  public static class Denied extends RuntimeException {
    private final HttpStatus status;

    Denied(HttpStatus status, String message) {
      super(message);
      this.status = status;
    }

    public HttpStatus status() {
      return status;
    }
  }
}
