package mil.usace.cwbi.migration.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mil.usace.cwbi.migration.forecast.TargetDates;
import mil.usace.cwbi.migration.process.MigrationProperties;
import mil.usace.cwbi.migration.security.PageCsrf;
import mil.usace.cwbi.migration.engine.EngineClock;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * HEC's target dates: per office ({@code /api/dashboard/targets/SWT}) or for all offices
 * ({@code /api/dashboard/targets/all}); an office's own target wins over the one for all. HEC and administrators only
 * ({@link DashboardAccess}: 401, 403 for anyone else, a district included), with the session's CSRF token from a GET
 * of the dashboard ({@link PageCsrf}: 403 without it). The date must be after today and at most
 * {@value #MAX_YEARS} years ahead; anything else is a 400 that changes nothing. Each change is recorded with who and
 * when ({@link TargetDates}) and shown in the office's audit trail.
 */
@RestController
@RequestMapping("/api/dashboard/targets")
public class TargetDateController {

  static final int MAX_YEARS = 10;
  static final int MAX_BODY = 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DashboardAccess access;
  private final TargetDates targets;
  private final MigrationProperties properties;

  public TargetDateController(DashboardAccess access, TargetDates targets, MigrationProperties properties) {
    this.access = access;
    this.targets = targets;
    this.properties = properties;
  }

  /** The targets in force (office {@code all} for all offices); also hands out the CSRF token. */
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<List<Map<String, Object>>> list(HttpServletRequest request) {
    access.require(request);
    return ResponseEntity.ok().cacheControl(CacheControl.noStore())
        .header(PageCsrf.HEADER, PageCsrf.token(request)).body(inForce());
  }

  /** Sets the target: body {@code {"targetDate": "2027-06-30"}}. */
  @PutMapping(value = "/{office}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<List<Map<String, Object>>> set(@PathVariable String office, HttpServletRequest request)
      throws IOException {
    String user = writer(request);
    String scope = scope(office);
    LocalDate date = targetDate(request);
    targets.record(scope, date, user, now());
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(inForce());
  }

  /** Clears the target (an office then falls back to the one for all offices). */
  @DeleteMapping(value = "/{office}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<List<Map<String, Object>>> clear(@PathVariable String office, HttpServletRequest request) {
    String user = writer(request);
    String scope = scope(office);
    targets.record(scope, null, user, now());
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(inForce());
  }

  /** HEC or an administrator (401/403), with the CSRF token of their session (403). */
  private String writer(HttpServletRequest request) {
    String user = access.require(request);
    String refusal = PageCsrf.refusal(request);
    if (refusal != null) {
      throw new DashboardAccess.Denied(HttpStatus.FORBIDDEN, refusal + ". GET /api/dashboard/targets with the same "
          + "session first; it answers with the token.");
    }
    return user;
  }

  /** {@link TargetDates#ALL} for "all", else an office of {@code cwbi.offices}. */
  private String scope(String office) {
    if (office == null || !office.matches("[A-Za-z]{3,4}")) {
      throw new IllegalArgumentException("The office must be an office id (e.g. SWT) or \"all\".");
    }
    if (office.equalsIgnoreCase("all")) {
      return TargetDates.ALL;
    }
    String id = office.toUpperCase(Locale.ROOT);
    if (!properties.getOffices().contains(id)) {
      throw new IllegalArgumentException("Unknown office; one of " + String.join(", ", properties.getOffices())
          + ", or \"all\".");
    }
    return id;
  }

  /** The body's {@code targetDate}: a date after today, at most ten years ahead. Nothing the caller sent is echoed. */
  private static LocalDate targetDate(HttpServletRequest request) throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      throw new IllegalArgumentException("The body is too long: send {\"targetDate\": \"YYYY-MM-DD\"}.");
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject() || !json.path("targetDate").isTextual()) {
      throw new IllegalArgumentException("Send {\"targetDate\": \"YYYY-MM-DD\"}, e.g. {\"targetDate\": \"2027-06-30\"}.");
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      if (!names.next().equals("targetDate")) {
        throw new IllegalArgumentException("Only targetDate may be sent.");
      }
    }
    String text = json.get("targetDate").asText();
    LocalDate date;
    try {
      date = text.matches("\\d{4}-\\d{2}-\\d{2}") ? LocalDate.parse(text) : null;
    } catch (DateTimeParseException e) {
      date = null;
    }
    if (date == null) {
      throw new IllegalArgumentException("targetDate must be a calendar date written YYYY-MM-DD, e.g. 2027-06-30.");
    }
    LocalDate today = LocalDate.ofInstant(now(), ZoneOffset.UTC);
    if (!date.isAfter(today) || date.isAfter(today.plusYears(MAX_YEARS))) {
      throw new IllegalArgumentException("targetDate must be after today (" + today + ") and at most " + MAX_YEARS
          + " years ahead (" + today.plusYears(MAX_YEARS) + "); " + date + " is not.");
    }
    return date;
  }

  private List<Map<String, Object>> inForce() {
    List<Map<String, Object>> result = new ArrayList<>();
    Map<String, TargetDates.Change> latest = new LinkedHashMap<>();
    for (TargetDates.Change c : targets.changes()) {
      latest.put(c.office(), c);
    }
    latest.values().stream().filter(c -> c.date() != null).forEach(c -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("office", c.forAll() ? "all" : c.office());
      m.put("targetDate", c.date().toString());
      m.put("setBy", c.setBy());
      m.put("setAt", c.setAt());
      result.add(m);
    });
    result.sort((a, b) -> a.get("office").equals("all") ? -1 : b.get("office").equals("all") ? 1
        : a.get("office").toString().compareTo(b.get("office").toString()));
    return result;
  }

  /** The engine's clock, as every date of the forecast. */
  private static Instant now() {
    return EngineClock.getCurrentTime().toInstant();
  }
}
