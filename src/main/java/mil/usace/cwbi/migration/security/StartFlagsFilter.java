package mil.usace.cwbi.migration.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one start refusal {@link CommandGuard} cannot see: {@code skipCustomListeners} or {@code skipIoMappings}
 * without start instructions. Camunda refuses that itself, but before any command runs and as a 500 (ENGINE-13024);
 * this answers 400 with the reason instead, on both REST APIs. Everything else passes untouched.
 */
public class StartFlagsFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(StartFlagsFilter.class);
  private static final Pattern START = Pattern.compile(".*/process-definition/.+/start/?$");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 10 * 1024 * 1024;

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equalsIgnoreCase(request.getMethod()) || !START.matcher(request.getRequestURI()).matches()
        || !loggedIn(request);
  }

  /** Only a logged-in caller is answered here: an anonymous one gets Camunda's 401 whatever the body says. */
  static boolean loggedIn(HttpServletRequest request) {
    if (request.getRequestURI().startsWith(request.getContextPath() + "/engine-rest/")) {
      return true; // behind the REST log-in filter, which runs first
    }
    HttpSession session = request.getSession(false);
    Authentications auths = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    return auths != null && !auths.getAuthentications().isEmpty();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_BODY);
    JsonNode start = null;
    try {
      start = JSON.readTree(body);
    } catch (IOException e) {
      // not JSON: Camunda answers that itself
    }
    if (start != null && (start.path("skipCustomListeners").asBoolean(false)
        || start.path("skipIoMappings").asBoolean(false)) && start.path("startInstructions").isEmpty()) {
      String message = "skipCustomListeners and skipIoMappings apply only to a start with startInstructions, which "
          + "only camunda-admin may use: a migration starts at its start event, with its listeners.";
      LOG.warn("Refused {} start {}: {}", who(request), request.getRequestURI(), message);
      ObjectNode dto = JSON.createObjectNode().put("type", "InvalidRequestException").put("message", message);
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response.getWriter().write(JSON.writeValueAsString(dto));
      return;
    }
    chain.doFilter(new Replayed(request, body), response);
  }

  static String who(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(java.util.Base64.getDecoder().decode(header.substring(6).strip()),
            StandardCharsets.UTF_8);
        return decoded.substring(0, Math.max(0, decoded.indexOf(':')));
      } catch (IllegalArgumentException e) {
        return "caller";
      }
    }
    HttpSession session = request.getSession(false);
    Authentications auths = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    return auths == null || auths.getAuthentications().isEmpty() ? "caller"
        : auths.getAuthentications().get(0).getName();
  }

  /** The request with its body read once and served again. */
  static final class Replayed extends HttpServletRequestWrapper {
    private final byte[] body;

    Replayed(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
