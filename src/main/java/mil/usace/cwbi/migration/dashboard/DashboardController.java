package mil.usace.cwbi.migration.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.process.Office;
import mil.usace.cwbi.migration.security.PageCsrf;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
    return Office.of(office).id(); // refuses anything else with a clear 400
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
