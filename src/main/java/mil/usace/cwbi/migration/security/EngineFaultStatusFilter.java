package mil.usace.cwbi.migration.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda's REST layer answers some caller mistakes with 500, outside any command our guard sees: an id that does
 * not exist on a read ({@code GET /task/{id}/deployed-form}, {@code /execution/{id}/localVariables}: the engine's
 * {@code NullValueException}), a {@code File} variable without its {@code valueInfo}, a refused value it reports
 * as an {@code InvalidRequestException} with status 500 (negative job retries), a query sorted by a variable it
 * does not name or type, a query comparing a variable with an object value. On both REST APIs such a 500 becomes
 * 404 or 400 with the same message; every other answer passes untouched (only a 500 is buffered). Camunda's own
 * WARN with the stack of such a 500 is dropped by {@link EngineRestLogQuieter}, so the refusal is one line.
 */
public class EngineFaultStatusFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(EngineFaultStatusFilter.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The engine's messages for {@code sorting: [{sortBy: processVariable}]} without {@code variable} or {@code type}. */
  private static final Set<String> SORTING_WITHOUT = Set.of("variableName is null", "valueType is null");
  static final String OBJECT_VALUE_QUERY = "Object values cannot be used to query";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Buffered wrapper = new Buffered(response);
    chain.doFilter(request, wrapper);
    if (!wrapper.buffering) {
      return;
    }
    wrapper.flushWriter();
    byte[] body = wrapper.buffer.toByteArray();
    int status = statusFor(body);
    // the engine's "no such id" and a query's object value: CommandGuard logged them already
    if (status == HttpServletResponse.SC_NOT_FOUND || status == HttpServletResponse.SC_BAD_REQUEST
        && isObjectValueQuery(type(body), message(body))) {
      LOG.debug("{} {}: {}", request.getMethod(), request.getRequestURI(), message(body));
    } else if (status != HttpServletResponse.SC_INTERNAL_SERVER_ERROR) {
      LOG.warn("Refused {} {} {}: {}", StartFlagsFilter.who(request), request.getMethod(), request.getRequestURI(),
          message(body));
    }
    response.setStatus(status);
    response.getOutputStream().write(body);
  }

  /** What the engine's 500 should have been: 404 for a missing id, 400 for a malformed value; else 500. */
  static int statusFor(byte[] body) {
    try {
      JsonNode dto = JSON.readTree(body);
      return statusFor(dto.path("type").asText(""), dto.path("message").asText(""));
    } catch (IOException e) {
      return HttpServletResponse.SC_INTERNAL_SERVER_ERROR; // not Camunda's JSON: leave it
    }
  }

  /** As {@link #statusFor(byte[])}, for an exception's simple class name and message. */
  static int statusFor(String type, String message) {
    // a sorting by a process or task variable without its name or type: the engine's argument check
    if (type.equals("NullValueException") && SORTING_WITHOUT.contains(message)
        || isObjectValueQuery(type, message)) {
      return HttpServletResponse.SC_BAD_REQUEST;
    }
    // the engine's "not found"; and the one NPE of GET /task/{id}/deployed-form for a task that is not there
    if (type.equals("NullValueException")
        || type.equals("NullPointerException") && message.contains("because \"task\" is null")) {
      return HttpServletResponse.SC_NOT_FOUND;
    }
    if (type.equals("InvalidRequestException")
        || type.equals("IllegalArgumentException") && message.contains("valueInfo")) {
      return HttpServletResponse.SC_BAD_REQUEST;
    }
    return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
  }

  /** A query comparing a variable with an object (JSON object or array) value: refused by the engine, as a 500. */
  static boolean isObjectValueQuery(String type, String message) {
    return type.equals("ProcessEngineException") && message.equals(OBJECT_VALUE_QUERY);
  }

  private static String type(byte[] body) {
    try {
      return JSON.readTree(body).path("type").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  private static String message(byte[] body) {
    try {
      return JSON.readTree(body).path("message").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  /** Passes everything through, except the body of a 500, which it keeps for a second look. */
  private static final class Buffered extends HttpServletResponseWrapper {
    final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    boolean buffering;
    private PrintWriter writer;
    private ServletOutputStream stream;

    Buffered(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void setStatus(int sc) {
      buffering = sc == SC_INTERNAL_SERVER_ERROR;
      super.setStatus(sc);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (!buffering) {
        return super.getOutputStream();
      }
      if (stream == null) {
        stream = new ServletOutputStream() {
          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException();
          }

          @Override
          public void write(int b) {
            buffer.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
          }
        };
      }
      return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (!buffering) {
        return super.getWriter();
      }
      if (writer == null) {
        writer = new PrintWriter(new OutputStreamWriter(buffer, StandardCharsets.UTF_8));
      }
      return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
      if (!buffering) {
        super.flushBuffer();
      }
    }

    @Override
    public void setContentLength(int len) {
      if (!buffering) {
        super.setContentLength(len);
      }
    }

    @Override
    public void setContentLengthLong(long len) {
      if (!buffering) {
        super.setContentLengthLong(len);
      }
    }

    void flushWriter() {
      if (writer != null) {
        writer.flush();
      }
    }
  }
}
