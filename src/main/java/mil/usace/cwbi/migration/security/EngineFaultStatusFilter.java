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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda's REST layer answers some caller mistakes with 500, outside any command our guard sees: an id that does
 * not exist on a read ({@code GET /task/{id}/deployed-form}, {@code /execution/{id}/localVariables}: the engine's
 * {@code NullValueException}), a {@code File} variable without its {@code valueInfo}, a refused value it reports
 * as an {@code InvalidRequestException} with status 500 (negative job retries). On both REST APIs such a 500
 * becomes 404 or 400 with the same message; every other answer passes untouched (only a 500 is buffered).
 */
public class EngineFaultStatusFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(EngineFaultStatusFilter.class);
  private static final ObjectMapper JSON = new ObjectMapper();

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
    if (status == HttpServletResponse.SC_NOT_FOUND) { // the engine's "no such id": CommandGuard logged it already
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
      String type = dto.path("type").asText("");
      String message = dto.path("message").asText("");
      // the engine's "not found"; and the one NPE of GET /task/{id}/deployed-form for a task that is not there
      if (type.equals("NullValueException")
          || type.equals("NullPointerException") && message.contains("because \"task\" is null")) {
        return HttpServletResponse.SC_NOT_FOUND;
      }
      if (type.equals("InvalidRequestException")
          || type.equals("IllegalArgumentException") && message.contains("valueInfo")) {
        return HttpServletResponse.SC_BAD_REQUEST;
      }
    } catch (IOException e) {
      // not Camunda's JSON: leave it
    }
    return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
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
