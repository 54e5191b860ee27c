package mil.usace.cwbi.migration.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import mil.usace.cwbi.migration.engine.EngineClock;
import mil.usace.cwbi.migration.process.MigrationProperties;
import mil.usace.cwbi.migration.process.Office;
import mil.usace.cwbi.migration.progress.ApiTokens;
import mil.usace.cwbi.migration.security.PageCsrf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * HEC's API tokens for the district's tools ({@code dashboard/tokens.html}): list, issue, revoke. HEC and
 * administrators only ({@link DashboardAccess}: 401, 403 for a district), writes with the session's CSRF token from
 * the list ({@link PageCsrf}). The secret of a token is in the answer to its issue and nowhere else, ever.
 */
@RestController
@RequestMapping("/api/tokens")
public class ApiTokenController {

  static final int MAX_BODY = 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}\\p{Zl}\\p{Zp}]{1,100}");
  private static final Pattern ID = Pattern.compile("[0-9a-f]{12}");
  private static final Logger LOG = LoggerFactory.getLogger(ApiTokenController.class);

  private final DashboardAccess access;
  private final ApiTokens tokens;
  private final MigrationProperties properties;

  public ApiTokenController(DashboardAccess access, ApiTokens tokens, MigrationProperties properties) {
    this.access = access;
    this.tokens = tokens;
    this.properties = properties;
  }

  /** Every token (never a secret); also hands out the CSRF token for issuing and revoking. */
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<List<Map<String, Object>>> list(HttpServletRequest request) {
    access.require(request);
    return ResponseEntity.ok().cacheControl(CacheControl.noStore())
        .header(PageCsrf.HEADER, PageCsrf.token(request)).body(tokens.list().stream().map(this::row).toList());
  }

  /** Issues a token: body {@code {"office": "SWT", "name": "SWT cwms-cli on batch host"}}; 201 with its secret. */
  @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, Object>> issue(HttpServletRequest request) throws IOException {
    String user = writer(request);
    JsonNode json = body(request, Set.of("office", "name"), "{\"office\": \"SWT\", \"name\": \"SWT cwms-cli on batch host\"}");
    String office = Office.normalise(json.path("office").isTextual() ? json.get("office").asText() : null);
    if (!Office.isValid(office) || !properties.getOffices().contains(office)) {
      throw new IllegalArgumentException("office must be one of " + String.join(", ", properties.getOffices()) + ".");
    }
    String name = json.path("name").isTextual() ? json.get("name").asText().strip() : "";
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name must be 1 to 100 characters on one line, e.g. \"" + office
          + " cwms-cli on batch host\": it says who reported, in the audit trail.");
    }
    ApiTokens.Issued issued = tokens.issue(office, name, user, now());
    LOG.info("{} issued API token {} for {}", user, issued.token().id(), office);
    Map<String, Object> body = row(issued.token());
    body.put("token", issued.secret());
    body.put("message", "Copy the token now: it is shown this once. Give it to the tool as "
        + "Authorization: Bearer <token>.");
    return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(body);
  }

  /** Revokes a token at once: its next report is refused (401). */
  @DeleteMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, Object>> revoke(@PathVariable String id, HttpServletRequest request) {
    String user = writer(request);
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id must be a token's id (12 hexadecimal digits) from the list.");
    }
    if (tokens.find(id).isEmpty()) {
      throw new DashboardAccess.Denied(HttpStatus.NOT_FOUND, "No token has this id.");
    }
    if (tokens.revoke(id, user, now())) {
      LOG.info("{} revoked API token {}", user, id);
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(row(tokens.find(id).orElseThrow()));
  }

  private Map<String, Object> row(ApiTokens.Token t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("office", t.office());
    m.put("name", t.name());
    m.put("issuedBy", t.issuedBy());
    m.put("issuedAt", t.issuedAt());
    m.put("lastUsedAt", t.lastUsedAt());
    m.put("revoked", t.revoked());
    m.put("revokedBy", t.revokedBy());
    m.put("revokedAt", t.revokedAt());
    return m;
  }

  /** HEC or an administrator (401/403), with the CSRF token of their session (403). */
  private String writer(HttpServletRequest request) {
    String user = access.require(request);
    String refusal = PageCsrf.refusal(request);
    if (refusal != null) {
      throw new DashboardAccess.Denied(HttpStatus.FORBIDDEN, refusal + ". GET /api/tokens with the same session "
          + "first; it answers with the token.");
    }
    return user;
  }

  private static JsonNode body(HttpServletRequest request, Set<String> fields, String example) throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    JsonNode json;
    try {
      json = body.length > MAX_BODY ? null : JSON.readTree(body);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("Send " + example + ".");
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      if (!fields.contains(names.next())) {
        throw new IllegalArgumentException("Only " + String.join(" and ", fields) + " may be sent.");
      }
    }
    return json;
  }

  private static Instant now() {
    return EngineClock.getCurrentTime().toInstant();
  }
}
