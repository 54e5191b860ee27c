package mil.usace.cwbi.migration.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * CSRF protection for our own pages' state-changing calls, the way Camunda's webapps do it: a GET hands out a
 * per-session token in the {@value #HEADER} response header, and a POST/DELETE must send it back in the same
 * request header. Another origin can neither read the token nor set the header without CORS (which we never allow);
 * a request whose {@code Origin} is another origin is refused as well.
 */
public final class PageCsrf {

  public static final String HEADER = "X-XSRF-TOKEN";
  static final String SESSION_ATTRIBUTE = PageCsrf.class.getName() + ".token";
  private static final SecureRandom RANDOM = new SecureRandom();

  private PageCsrf() {}

  /** The session's token (made, with the session, on first use). */
  public static String token(HttpServletRequest request) {
    HttpSession session = request.getSession(true);
    synchronized (session) {
      Object token = session.getAttribute(SESSION_ATTRIBUTE);
      if (token instanceof String s) {
        return s;
      }
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      session.setAttribute(SESSION_ATTRIBUTE, fresh);
      return fresh;
    }
  }

  /** Null when the request carries the session's token from our own origin; otherwise why it is refused. */
  public static String refusal(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    if (origin != null && !sameOrigin(origin, request)) {
      return "Cross-origin request refused";
    }
    HttpSession session = request.getSession(false);
    Object expected = session == null ? null : session.getAttribute(SESSION_ATTRIBUTE);
    String sent = request.getHeader(HEADER);
    if (!(expected instanceof String token) || sent == null
        || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
      return "CSRF token missing or wrong: load the page again (header " + HEADER + ")";
    }
    return null;
  }

  private static boolean sameOrigin(String origin, HttpServletRequest request) {
    try {
      URI uri = URI.create(origin);
      String host = request.getHeader("Host");
      // host and port only: behind a TLS proxy the scheme the server sees differs from the browser's
      return host != null && uri.getRawAuthority() != null && uri.getRawAuthority().equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
