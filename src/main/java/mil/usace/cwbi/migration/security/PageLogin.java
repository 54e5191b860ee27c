package mil.usace.cwbi.migration.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.stereotype.Component;

/**
 * Who is calling one of our own pages (mail viewer, CDA simulator controls): the user logged in to a Camunda webapp
 * in this HTTP session (log in to Tasklist, then open the page), or HTTP Basic checked by the identity service (the
 * browser asks; Camunda's log-in throttling applies). Groups are read on every call, so a removed membership counts
 * at once.
 */
@Component
public class PageLogin {

  /** A logged-in caller. */
  public record PageUser(String id, String email, Set<String> groups) {
    /** HEC and administrators see and do everything on the demo pages. */
    public boolean seesAllOffices() {
      return groups.contains(Groups.HEC) || groups.contains(Groups.ADMIN);
    }

    public boolean inDistrictOf(String office) {
      return groups.contains(Groups.district(office));
    }
  }

  private final ProcessEngine engine;
  private final IdentityService identity;

  public PageLogin(ProcessEngine engine) {
    this.engine = engine;
    this.identity = engine.getIdentityService();
  }

  /** The caller, if logged in (session or valid HTTP Basic); empty otherwise. */
  public Optional<PageUser> user(HttpServletRequest request) {
    String id = sessionUser(request);
    if (id == null) {
      id = basicUser(request.getHeader("Authorization"));
    }
    if (id == null) {
      return Optional.empty();
    }
    User user = identity.createUserQuery().userId(id).singleResult();
    if (user == null) {
      return Optional.empty();
    }
    Set<String> groups = identity.createGroupQuery().groupMember(id).list().stream().map(Group::getId)
        .collect(Collectors.toUnmodifiableSet());
    String email = user.getEmail() == null ? "" : user.getEmail().strip().toLowerCase(Locale.ROOT);
    return Optional.of(new PageUser(id, email, groups));
  }

  /**
   * 401 for an anonymous caller: the browser offers its log-in dialog (HTTP Basic), and the page says how to log in
   * through Tasklist instead. Nothing of the page itself is sent.
   */
  public static void refuse(HttpServletResponse response, boolean html, String page) throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Basic realm=\"cwbi-migration\", charset=\"UTF-8\"");
    response.setCharacterEncoding("UTF-8");
    String message = "Log in to see " + page + ": log in to Tasklist (/camunda/app/tasklist/) and reload, "
        + "or give your user and password when the browser asks.";
    if (html) {
      response.setContentType("text/html");
      response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Log in"
          + "</title></head><body><h1>Log in</h1><p>Log in to see " + page + ": <a href=\"/camunda/app/tasklist/\">"
          + "log in to Tasklist</a>, then reload this page; or give your user and password when the browser asks."
          + "</p></body></html>");
    } else {
      response.setContentType("application/json");
      response.getWriter().write("{\"status\":401,\"message\":\"" + message + "\"}");
    }
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
}
