package mil.usace.cwbi.migration.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import mil.usace.cwbi.migration.security.PageCsrf;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * HEC's dashboard data for the Cockpit plugin and for reports: every office's row, and an office's audit trail as
 * JSON or CSV. Read-only; HEC and administrators only ({@link DashboardAccess}).
 */
@RestController
@RequestMapping("/api/dashboard")
public class DashboardController {

  private static final Pattern OFFICE = Pattern.compile("[A-Za-z]{3,4}");

  private final DashboardAccess access;
  private final DashboardQueries queries;
  private final AuditTrail audit;

  public DashboardController(DashboardAccess access, DashboardQueries queries, AuditTrail audit) {
    this.access = access;
    this.queries = queries;
    this.audit = audit;
  }

  /** The rows; the response carries the session's CSRF token for the target-date control (TargetDateController). */
  @GetMapping(value = "/offices", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<List<OfficeRow>> offices(HttpServletRequest request) {
    access.require(request);
    return ResponseEntity.ok().cacheControl(CacheControl.noStore())
        .header(PageCsrf.HEADER, PageCsrf.token(request)).body(queries.offices());
  }

  @GetMapping(value = "/offices/{office}/audit", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<List<AuditEntry>> audit(@PathVariable String office, HttpServletRequest request) {
    access.require(request);
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(audit.of(checked(office)));
  }

  @GetMapping(value = "/offices/{office}/audit.csv", produces = "text/csv")
  public ResponseEntity<byte[]> auditCsv(@PathVariable String office, HttpServletRequest request) {
    access.require(request);
    String id = checked(office);
    byte[] body = AuditCsv.write(audit.of(id)).getBytes(StandardCharsets.UTF_8);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"cwbi-migration-audit-" + id + ".csv\"")
        .body(body);
  }

  private static String checked(String office) {
    if (office == null || !OFFICE.matcher(office).matches()) {
      throw new IllegalArgumentException("office must be an office id of 3 or 4 letters, e.g. SWT");
    }
    return office.toUpperCase(Locale.ROOT);
  }

  @ExceptionHandler(DashboardAccess.Denied.class)
  ResponseEntity<Map<String, Object>> denied(DashboardAccess.Denied e) {
    ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
    if (e.status() == HttpStatus.UNAUTHORIZED) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"cwbi-migration dashboard\"");
    }
    return response.body(error(e.status(), e.getMessage()));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
        .body(error(HttpStatus.BAD_REQUEST, e.getMessage()));
  }

  static Map<String, Object> error(HttpStatus status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("time", Instant.now());
    body.put("status", status.value());
    body.put("error", status.getReasonPhrase());
    body.put("message", message);
    return body;
  }
}
