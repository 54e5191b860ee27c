package mil.usace.cwbi.migration.progress;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import mil.usace.cwbi.migration.engine.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The machine endpoint of the district's tools: {@code POST /api/reports} with {@code Authorization: Bearer
 * cwbi_...} and one fact as JSON ({@link ProgressReport}). Stateless: no session, no cookie, no CSRF token (a
 * browser cannot send the bearer header across origins); the token authenticates this endpoint and nothing else.
 * <ul>
 *   <li>401: no token, a malformed, unknown or revoked one;</li>
 *   <li>400 naming the field: the body; 403: the token is another office's;</li>
 *   <li>409: the office has no running migration (or one on a version that takes no reports);</li>
 *   <li>202: accepted (the migration records it at once, asynchronously); 200 "already recorded": the same report
 *       id or the same fact again, nothing changed.</li>
 * </ul>
 * Nothing the caller sent is echoed back but the kind's words; refusals are one WARN line without the token.
 */
@RestController
public class ProgressReportController {

  static final int MAX_AUTHORIZATION = 200;
  private static final Logger LOG = LoggerFactory.getLogger(ProgressReportController.class);

  private final ApiTokens tokens;
  private final ProgressReports reports;

  public ProgressReportController(ApiTokens tokens, ProgressReports reports) {
    this.tokens = tokens;
    this.reports = reports;
  }

  @PostMapping(value = "/api/reports", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, Object>> report(HttpServletRequest request) throws IOException {
    Optional<ApiTokens.Token> caller = tokens.authenticate(bearer(request.getHeader(HttpHeaders.AUTHORIZATION)));
    if (caller.isEmpty()) {
      LOG.warn("Refused a progress report from {}: no valid API token", request.getRemoteAddr());
      return answer(HttpStatus.UNAUTHORIZED, null, "Send Authorization: Bearer <token>, a live API token that HEC "
          + "issued for the office (tokens start with " + ApiTokens.PREFIX + ").");
    }
    ApiTokens.Token token = caller.get();
    Instant now = EngineClock.getCurrentTime().toInstant();
    tokens.used(token.id(), now); // whatever becomes of the report: HEC sees which tokens are still in use
    ProgressReport report;
    try {
      report = ProgressReport.parse(body(request));
    } catch (ProgressReport.Invalid e) {
      return answer(HttpStatus.BAD_REQUEST, e.field(), e.getMessage());
    }
    if (!report.office().equals(token.office())) {
      LOG.warn("Refused a progress report of token {} ({}) for office {}: the token is {}'s", token.id(),
          token.name(), report.office(), token.office());
      return answer(HttpStatus.FORBIDDEN, "office", "This token reports for " + token.office() + " only.");
    }
    ProgressReports.Outcome outcome;
    try {
      outcome = reports.record(token, report, now);
    } catch (ProgressReports.NoMigration e) {
      return answer(HttpStatus.CONFLICT, null, e.getMessage());
    }
    if (outcome == ProgressReports.Outcome.ALREADY_RECORDED) {
      return answer(HttpStatus.OK, null, "Already recorded: this report (or the same fact) was taken before; "
          + "nothing changed.", "already recorded");
    }
    return answer(HttpStatus.ACCEPTED, null, "Recorded for " + report.office() + ": " + report.kind().id()
        + " (roadmap item " + report.kind().roadmapItem() + "). It shows in the task's form and the audit trail.",
        "accepted");
  }

  /** The token of an {@code Authorization: Bearer ...} header; null for anything else. */
  static String bearer(String header) {
    if (header == null || header.length() > MAX_AUTHORIZATION || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).strip();
  }

  private static byte[] body(HttpServletRequest request) throws IOException {
    try (InputStream in = request.getInputStream()) {
      return in.readNBytes(ProgressReport.MAX_BODY + 1);
    }
  }

  private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String field, String message) {
    return answer(status, field, message, null);
  }

  private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String field, String message,
      String result) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.value());
    if (result != null) {
      body.put("result", result);
    }
    if (field != null) {
      body.put("field", field);
    }
    body.put("message", message);
    ResponseEntity.BodyBuilder response = ResponseEntity.status(status).cacheControl(CacheControl.noStore())
        .contentType(MediaType.APPLICATION_JSON);
    if (status == HttpStatus.UNAUTHORIZED) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"cwbi-migration reports\"");
    }
    return response.body(body);
  }
}
