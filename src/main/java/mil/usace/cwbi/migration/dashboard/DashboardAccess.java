package mil.usace.cwbi.migration.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import mil.usace.cwbi.migration.security.PageLogin;
import mil.usace.cwbi.migration.security.PageLogin.PageUser;
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

  private final PageLogin login;

  public DashboardAccess(PageLogin login) {
    this.login = login;
  }

  /** The allowed user's id; 401 (log in) or 403 (not HEC or an administrator) otherwise. */
  public String require(HttpServletRequest request) {
    PageUser user = login.user(request).orElseThrow(() -> new Denied(HttpStatus.UNAUTHORIZED, "Log in to Cockpit "
        + "as HEC, or send HTTP Basic credentials of a member of hec or camunda-admin."));
    if (user.groups().stream().noneMatch(ALLOWED_GROUPS::contains)) {
      throw new Denied(HttpStatus.FORBIDDEN,
          "The migration dashboard is for members of hec or camunda-admin; " + user.id() + " is neither.");
    }
    return user.id();
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
