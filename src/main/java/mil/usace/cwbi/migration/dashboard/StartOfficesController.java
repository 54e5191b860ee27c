package mil.usace.cwbi.migration.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mil.usace.cwbi.migration.dashboard.StartRowsCsv.Row;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.process.Office;
import mil.usace.cwbi.migration.process.OfficeDirectory;
import mil.usace.cwbi.migration.process.OfficeStarter;
import mil.usace.cwbi.migration.process.StartStep;
import mil.usace.cwbi.migration.roadmap.Roadmap;
import mil.usace.cwbi.migration.roadmap.RoadmapFacts;
import mil.usace.cwbi.migration.security.PageCsrf;
import mil.usace.cwbi.migration.security.PageLogin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * HEC's bulk start of offices where they stand (issue 14): {@code POST /api/offices/start-where-they-stand} with a
 * CSV ({@link StartRowsCsv}), one office per row. Each row is started on its own, all of it or nothing
 * ({@link OfficeStarter}: one engine command under the caller's log-in, judged as their own start would be), and the
 * answer says per row "started at Step 5: ..." or why not. HEC and administrators only (401, 403 for a district),
 * with the session's CSRF token from {@code GET} of the same path ({@link PageCsrf}), as HEC's other writes.
 */
@RestController
@RequestMapping("/api/offices/start-where-they-stand")
public class StartOfficesController {

  private static final Logger LOG = LoggerFactory.getLogger(StartOfficesController.class);
  static final int MAX_BODY = 256 * 1024;
  static final int MAX_MESSAGE = 400;

  private final DashboardAccess access;
  private final PageLogin login;
  private final OfficeDirectory offices;
  private final OfficeStarter starter;
  private final Roadmap roadmap;

  public StartOfficesController(DashboardAccess access, PageLogin login, OfficeDirectory offices,
      OfficeStarter starter, Roadmap roadmap) {
    this.access = access;
    this.login = login;
    this.offices = offices;
    this.starter = starter;
    this.roadmap = roadmap;
  }

  /** What the page shows: the roadmap's steps and the CSV's columns; also hands out the CSRF token. */
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, Object>> describe(HttpServletRequest request) {
    access.require(request);
    RoadmapFacts facts = roadmap.latest();
    List<Map<String, Object>> steps = new ArrayList<>();
    for (int s = 1; s <= facts.stepCount(); s++) {
      steps.add(Map.of("step", s, "name", "Step " + s + ": " + facts.stepName(s)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("steps", steps);
    body.put("columns", StartRowsCsv.COLUMNS);
    body.put("maxRows", StartRowsCsv.MAX_ROWS);
    body.put("offices", offices.known());
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(PageCsrf.HEADER, PageCsrf.token(request))
        .body(body);
  }

  /** Starts each row's office at its step; the answer reports every row. */
  @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, Object>> start(HttpServletRequest request) throws IOException {
    String user = access.require(request);
    String refusal = PageCsrf.refusal(request);
    if (refusal != null) {
      throw new DashboardAccess.Denied(HttpStatus.FORBIDDEN, refusal + ". GET /api/offices/start-where-they-stand "
          + "with the same session first; it answers with the token.");
    }
    Set<String> groups = login.user(request).map(PageLogin.PageUser::groups).orElse(Set.of());
    List<Row> rows = StartRowsCsv.parse(body(request));
    int stepCount = roadmap.latest().stepCount();
    List<Map<String, Object>> results = new ArrayList<>();
    int started = 0;
    for (Row row : rows) {
      Map<String, Object> result = startRow(row, user, groups, stepCount);
      started += Boolean.TRUE.equals(result.get("started")) ? 1 : 0;
      results.add(result);
    }
    LOG.info("{} started {} of {} offices where they stand", user, started, rows.size());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("started", started);
    answer.put("notStarted", rows.size() - started);
    answer.put("rows", results);
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
  }

  private Map<String, Object> startRow(Row row, String user, Set<String> groups, int stepCount) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("line", row.line());
    result.put("started", false);
    if (row.malformed() != null) {
      return why(result, row.malformed());
    }
    Map<String, String> v = row.values();
    String office = Office.normalise(v.get("office"));
    if (!Office.isValid(office)) {
      return why(result, "not an office id: the office " + Office.PROBLEM);
    }
    result.put("office", office); // echoed only once it is an office id
    if (!offices.isKnown(office)) {
      return why(result, "unknown office " + office + "; known offices: " + String.join(", ", offices.known()));
    }
    Integer step = StartStep.parse(v.get("step"));
    if (step == null || StartStep.problem(step, stepCount) != null) {
      return why(result, "bad step: the step must be a whole number from 1 to " + stepCount);
    }
    result.put("step", step);
    if (starter.isRunning(office)) {
      return why(result, "already running: a migration of " + office + " is under way (one migration per office)");
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(MigrationVariables.OFFICE, office);
    variables.put(StartStep.VARIABLE, step);
    put(variables, StartStep.EVIDENCE, v.get("evidence"));
    put(variables, MigrationVariables.T7_CDA_URL, v.get("t7CdaUrl"));
    put(variables, MigrationVariables.TS_GROUP, v.get("tsGroup"));
    String series = v.get("criticalTimeSeries");
    if (series != null && !series.isBlank()) {
      variables.put(MigrationVariables.CRITICAL_TIME_SERIES, String.join("\n", series.strip().split("[;\\s]+")));
    }
    String usgs = StartRowsCsv.lower(v.get("usesUsgsData"));
    if (usgs != null && !usgs.isBlank()) {
      if (!Set.of("true", "false", "yes", "no").contains(usgs)) {
        return why(result, "bad usesUsgsData: write yes or no");
      }
      variables.put(MigrationVariables.USES_USGS_DATA, usgs.equals("true") || usgs.equals("yes"));
    }
    try {
      String id = starter.startAs(user, groups, office, variables);
      result.put("started", true);
      result.put("processInstanceId", id);
      result.put("result", "started at Step " + step + ": " + roadmap.latest().stepName(step));
      return result;
    } catch (RuntimeException e) {
      return why(result, "not started: " + oneLine(e.getMessage()));
    }
  }

  private static void put(Map<String, Object> variables, String name, String value) {
    if (value != null && !value.isBlank()) {
      variables.put(name, value);
    }
  }

  private static Map<String, Object> why(Map<String, Object> result, String reason) {
    result.put("result", reason);
    return result;
  }

  private static String oneLine(String message) {
    String s = message == null ? "refused" : message.replaceAll("\\s+", " ").strip();
    return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "..." : s;
  }

  /** The body as UTF-8 text, at most {@value #MAX_BODY} bytes. */
  private static String body(HttpServletRequest request) throws IOException {
    byte[] bytes;
    try (InputStream in = request.getInputStream()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) {
      throw new IllegalArgumentException("The CSV is larger than " + (MAX_BODY / 1024) + " KiB: split it.");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("The CSV must be UTF-8 text.");
    }
  }
}
