package mil.usace.cwbi.migration.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda's REST layer meets a JSON body of {@code null}, or a variable given as {@code null} instead of
 * {@code {"value": ...}}, with a NullPointerException and answers 500 (complete, submit-form, start, the variable
 * endpoints). On both REST APIs this answers 400 with the reason instead, and a body over 10 MB 413; everything else
 * passes untouched.
 */
public class NullValuesFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(NullValuesFilter.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_BODY = 10 * 1024 * 1024;
  /** The members of a request body that hold variables by name. */
  private static final List<String> VARIABLE_MAPS = List.of("variables", "modifications", "localVariables",
      "processVariables", "processVariablesLocal", "correlationKeys", "localCorrelationKeys");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String type = request.getContentType();
    return !("POST".equalsIgnoreCase(request.getMethod()) || "PUT".equalsIgnoreCase(request.getMethod()))
        || type == null || !type.toLowerCase(java.util.Locale.ROOT).contains("json")
        || !StartFlagsFilter.loggedIn(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
          "The request body is larger than " + (MAX_BODY / 1024 / 1024) + " MB.");
      return;
    }
    String problem = null;
    try {
      problem = problem(JSON.readTree(body));
    } catch (IOException e) {
      // not JSON: Camunda answers that itself (400)
    }
    if (problem != null) {
      refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, problem);
      return;
    }
    chain.doFilter(new StartFlagsFilter.Replayed(request, body), response);
  }

  static String problem(JsonNode body) {
    if (body != null && body.isNull()) {
      return "The request body is null: send a JSON object.";
    }
    if (body == null || !body.isObject()) {
      return null;
    }
    for (String member : VARIABLE_MAPS) {
      JsonNode map = body.get(member);
      if (map != null && map.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getValue().isNull()) {
            return "Variable '" + e.getKey() + "' in '" + member + "' is null: send {\"value\": ..., \"type\": ...}.";
          }
        }
      }
    }
    return null;
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String message)
      throws IOException {
    LOG.warn("Refused {} {} {}: {}", StartFlagsFilter.who(request), request.getMethod(), request.getRequestURI(),
        message);
    ObjectNode dto = JSON.createObjectNode().put("type", "InvalidRequestException").put("message", message);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JSON.writeValueAsString(dto));
  }
}
