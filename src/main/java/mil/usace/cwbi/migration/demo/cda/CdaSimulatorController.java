package mil.usace.cwbi.migration.demo.cda;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's CDA: {@code /cda-sim/{env}/...} answers like CDA (same paths, kebab-case JSON, paged catalog,
 * error bodies with {@code incidentIdentifier}). Read-only and open, as CDA's GETs are: the application's checks call
 * it without a user. The page to break and recover an environment is {@link SimulatorControlsController}.
 * Answers are written straight to the response so that {@code Accept: application/json;version=2} is served as
 * CDA serves it. (The tests register it themselves: support.DemoPartsForTests.)
 */
@RestController
@Profile("demo")
@RequestMapping("/cda-sim")
public class CdaSimulatorController {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SimulatedCda cda;

  public CdaSimulatorController(SimulatedCda cda) {
    this.cda = cda;
  }

  // ---- CDA ----

  @GetMapping("/{env}/version")
  public void version(@PathVariable String env, HttpServletResponse res) throws IOException {
    if (broken(env, res)) {
      return;
    }
    write(res, 200, Map.of("version", "2025.03.20-demo", "features", Map.of("schema", "25.02.04")));
  }

  @GetMapping("/{env}/swagger-docs")
  public void swaggerDocs(@PathVariable String env, HttpServletResponse res) throws IOException {
    if (broken(env, res)) {
      return;
    }
    write(res, 200, Map.of("openapi", "3.0.1", "info", Map.of("title", "CWMS Data API (demo simulator)")));
  }

  @GetMapping("/{env}/offices/{office}")
  public void office(@PathVariable String env, @PathVariable String office, HttpServletResponse res)
      throws IOException {
    if (broken(env, res)) {
      return;
    }
    if (!cda.serves(env, office)) {
      error(res, 404, "Unable to find office");
      return;
    }
    SimulatedCda.Office o = cda.office(office);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", o.id());
    body.put("long-name", o.longName());
    body.put("type", "district");
    body.put("reports-to", o.reportsTo());
    write(res, 200, body);
  }

  @GetMapping("/{env}/catalog/{dataset}")
  public void catalog(@PathVariable String env, @PathVariable String dataset,
      @RequestParam(required = false) String office, @RequestParam(required = false) String like,
      @RequestParam(name = "page-size", defaultValue = "500") int pageSize,
      @RequestParam(required = false) String page,
      @RequestParam(name = "include-extents", defaultValue = "false") boolean extents,
      HttpServletResponse res) throws IOException {
    if (broken(env, res)) {
      return;
    }
    if (office == null || !cda.serves(env, office)) {
      // like CDA: an office it does not hold is a server error, not an empty list
      error(res, 500, "System Error");
      return;
    }
    Pattern filter;
    try {
      filter = like == null ? null : Pattern.compile(like, Pattern.CASE_INSENSITIVE);
    } catch (PatternSyntaxException e) {
      error(res, 400, "Invalid like expression: " + e.getDescription());
      return;
    }
    List<Map<String, Object>> all = new ArrayList<>();
    Instant now = Instant.now();
    if ("TIMESERIES".equalsIgnoreCase(dataset)) {
      for (SimulatedCda.Series s : cda.series(env, office)) {
        if (filter == null || filter.matcher(s.name()).find()) {
          all.add(entry(env, s, extents, now));
        }
      }
    } else if ("LOCATIONS".equalsIgnoreCase(dataset)) {
      for (String loc : cda.locations(env, office)) {
        if (filter == null || filter.matcher(loc).find()) {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("office", office.toUpperCase(Locale.ROOT));
          e.put("name", loc);
          e.put("kind", "PROJECT");
          all.add(e);
        }
      }
    } else {
      error(res, 400, "Unsupported dataset; TIMESERIES or LOCATIONS");
      return;
    }
    int size = Math.max(1, Math.min(pageSize, 5000));
    int from = page == null ? 0 : decode(page);
    if (from < 0 || from > all.size()) {
      error(res, 400, "Invalid page");
      return;
    }
    int to = Math.min(all.size(), from + size);
    Map<String, Object> body = new LinkedHashMap<>();
    if (to < all.size()) {
      body.put("next-page", Base64.getEncoder().encodeToString((office + "|||" + to).getBytes(StandardCharsets.UTF_8)));
    }
    body.put("total", all.size());
    body.put("page-size", size);
    body.put("entries", all.subList(from, to));
    write(res, 200, body);
  }

  @GetMapping("/{env}/timeseries/group/{group}")
  public void group(@PathVariable String env, @PathVariable String group, HttpServletResponse res)
      throws IOException {
    if (broken(env, res)) {
      return;
    }
    String suffix = switch (group) {
      case "USGS TS Data Acquisition" -> "USGS-raw";
      case "SHEF Data Acquisition" -> "SHEF-raw";
      default -> null;
    };
    if (suffix == null) {
      error(res, 404, "Unable to find group");
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("office-id", "CWMS");
    body.put("id", group);
    body.put("time-series-category", Map.of("office-id", "CWMS", "id", "Data Acquisition"));
    body.put("assigned-time-series", cda.groupMembers(env, suffix));
    write(res, 200, body);
  }

  private Map<String, Object> entry(String env, SimulatedCda.Series s, boolean withExtents, Instant now) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("office", s.office());
    e.put("name", s.name());
    e.put("units", s.name().contains(".Flow") ? "cfs" : s.name().contains(".Precip") ? "in" : "ft");
    e.put("interval", s.interval());
    e.put("interval-offset", 0);
    e.put("time-zone", "UTC");
    if (withExtents) {
      Instant[] x = cda.extent(env, s, now);
      e.put("extents", List.of(Map.of("earliest-time", x[0].toString(), "latest-time", x[1].toString(),
          "last-update", min(x[1].plusSeconds(120), now).toString())));
    }
    return e;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static int decode(String page) {
    try {
      String s = new String(Base64.getDecoder().decode(page), StandardCharsets.UTF_8);
      return Integer.parseInt(s.substring(s.lastIndexOf('|') + 1));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return -1;
    }
  }

  private boolean broken(String env, HttpServletResponse res) throws IOException {
    if (!cda.knows(env)) {
      error(res, 404, "No simulated environment; one of " + SimulatedCda.ENVIRONMENTS);
      return true;
    }
    if (cda.faults(env).contains(Fault.ERROR)) {
      error(res, 500, "System Error");
      return true;
    }
    return false;
  }

  static void error(HttpServletResponse res, int status, String message) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    body.put("incidentIdentifier", String.valueOf(ThreadLocalRandom.current().nextLong()));
    body.put("details", Map.of());
    write(res, status, body);
  }

  static void write(HttpServletResponse res, int status, Object body) throws IOException {
    res.setStatus(status);
    res.setContentType(MediaType.APPLICATION_JSON_VALUE);
    res.setCharacterEncoding("UTF-8");
    JSON.writeValue(res.getOutputStream(), body);
  }
}
