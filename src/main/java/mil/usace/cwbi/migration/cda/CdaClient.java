package mil.usace.cwbi.migration.cda;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Typed client of one CDA (one environment's base URL). Every call either returns a well-formed answer or throws
 * {@link CdaException}: HTTP errors carry CDA's own {@code message} and {@code incidentIdentifier} (never the body);
 * a body that is not the expected JSON is malformed. Faults that may pass (transport errors, time-outs, 429,
 * 502/503/504) throw {@link CdaUnreachableException}: the job retries, not this client. Each request is checked
 * against the client's {@link Target} first (allowed host, key or none); redirects are never followed.
 */
public class CdaClient {

  /** What CDA's v2 endpoints (catalog, offices) answer; sending {@code format=} as well gives 406. */
  public static final MediaType JSON_V2 = MediaType.parseMediaType("application/json;version=2");

  private static final int ERROR_BODY_LIMIT = 16 * 1024;
  private static final int MESSAGE_LIMIT = 200;
  private static final String VERSION = "[A-Za-z0-9._+-]{1,40}";

  /**
   * Where this client may send requests, which key (if any) goes with each, and what to say when a request is
   * refused. Made by {@link CdaClientFactory}: a CWBI environment (its base URL, the CWBI key) or a T7 (the allowed
   * T7 hosts, a T7 host's own key).
   */
  record Target(Predicate<URI> allowed, Function<URI, String> apiKey, String refusal) {}

  private final String baseUrl;
  private final RestClient rest;
  private final ObjectMapper json;
  private final CdaProperties properties;
  private final Target target;
  private final AtomicInteger requests = new AtomicInteger();

  CdaClient(String baseUrl, RestClient rest, ObjectMapper json, CdaProperties properties, Target target) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    this.rest = rest;
    this.json = json;
    this.properties = properties;
    this.target = target;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** HTTP requests sent so far, retries included. */
  public int requestCount() {
    return requests.get();
  }

  /** {@code GET /version}: newer CDA releases; {@code {"version", "features"}}. */
  public JsonNode version() {
    JsonNode v = get("version", Map.of(), MediaType.APPLICATION_JSON, in -> json.readTree(in));
    if (v == null || !v.isObject() || !v.hasNonNull("version")) {
      throw malformed("version", "no \"version\" in the answer");
    }
    // shown in the report: only what looks like a version, never free text of the answer
    if (!v.path("version").asText().matches(VERSION)) {
      throw malformed("version", "\"version\" is not a version number");
    }
    JsonNode features = v.path("features");
    if (features.isObject() && features.has("schema") && !features.path("schema").asText().matches(VERSION)) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) features).remove("schema");
    }
    return v;
  }

  /** {@code GET /swagger-docs}: an OpenAPI document (has an {@code openapi} key). */
  public JsonNode swaggerDocs() {
    JsonNode v = get("swagger-docs", Map.of(), MediaType.APPLICATION_JSON, in -> json.readTree(in));
    if (v == null || !v.isObject() || !v.hasNonNull("openapi")) {
      throw malformed("swagger-docs", "not an OpenAPI document (no \"openapi\" key)");
    }
    return v;
  }

  /** {@code GET /offices/{office}}; 404 when CDA does not know it. */
  public OfficeInfo office(String office) {
    OfficeInfo info = get("offices/{office}", Map.of(), JSON_V2, in -> json.readValue(in, OfficeInfo.class), office);
    if (info == null || info.name() == null) {
      throw malformed("offices/" + office, "no office \"name\" in the answer");
    }
    // shown in the report: one line each, length-capped
    return new OfficeInfo(clean(info.name(), 20), info.longName() == null ? null : clean(info.longName(), 100),
        info.type() == null ? null : clean(info.type(), 20), info.reportsTo() == null ? null
        : clean(info.reportsTo(), 20));
  }

  /** {@code GET /timeseries/group/{group}}: the members the group assigns (all offices; callers filter). */
  public List<GroupMember> groupMembers(String group, String category, String groupOffice, String office) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("office", office);
    q.put("category-id", category);
    q.put("group-office-id", groupOffice);
    q.put("category-office-id", groupOffice);
    JsonNode doc = get("timeseries/group/{group}", q, MediaType.APPLICATION_JSON, in -> json.readTree(in), group);
    if (doc == null || !doc.isObject() || !doc.has("assigned-time-series")
        && !doc.has("id")) {
      throw malformed("timeseries/group/" + group, "not a time series group");
    }
    List<GroupMember> members = new ArrayList<>();
    JsonNode assigned = doc.path("assigned-time-series");
    if (!assigned.isMissingNode() && !assigned.isArray()) {
      throw malformed("timeseries/group/" + group, "\"assigned-time-series\" is not a list");
    }
    for (JsonNode m : assigned) {
      try {
        members.add(json.treeToValue(m, GroupMember.class));
      } catch (JsonProcessingException e) {
        throw malformed("timeseries/group/" + group, "a member that is not {office-id, timeseries-id}");
      }
    }
    return members;
  }

  /** The outcome of a whole catalog walk. */
  public record CatalogWalk(int pages, long entries, Long total) {}

  /**
   * Walks {@code /catalog/{dataset}} page by page ({@code next-page} passed back as {@code page}), handing each
   * entry to {@code each} as it is parsed: memory holds one entry, not a page, not the catalog.
   *
   * @param dataset {@code TIMESERIES} or {@code LOCATIONS}
   * @param like a case-insensitive regular expression over the names, or null for all
   */
  public CatalogWalk catalog(String dataset, String office, String like, boolean includeExtents,
      Consumer<CatalogEntry> each) {
    return catalog(dataset, office, like, includeExtents, properties.getPageSize(), each);
  }

  /** As above with an explicit page size (ids-only walks: smaller entries, fewer pages; issue 13). */
  public CatalogWalk catalog(String dataset, String office, String like, boolean includeExtents, int pageSize,
      Consumer<CatalogEntry> each) {
    String cursor = null;
    int pages = 0;
    long entries = 0;
    Long total = null;
    do {
      if (pages >= properties.getMaxPages()) {
        throw malformed("catalog/" + dataset, "still a next page after " + pages + " pages");
      }
      Map<String, String> q = new LinkedHashMap<>();
      q.put("office", office);
      if (like != null) {
        q.put("like", like);
      }
      q.put("page-size", String.valueOf(pageSize));
      if (includeExtents) {
        q.put("include-extents", "true");
      }
      if (cursor != null) {
        q.put("page", cursor);
      }
      String previous = cursor;
      Page page = get("catalog/{dataset}", q, JSON_V2, in -> readPage(in, each), dataset);
      pages++;
      entries += page.entries;
      if (page.total != null) {
        total = page.total;
      }
      cursor = page.nextPage == null || page.nextPage.isBlank() ? null : page.nextPage;
      if (cursor != null && cursor.equals(previous)) {
        throw malformed("catalog/" + dataset, "next-page repeats the page just read");
      }
    } while (cursor != null);
    return new CatalogWalk(pages, entries, total);
  }

  private record Page(String nextPage, Long total, long entries) {}

  /** Streams one catalog page: {@code {"next-page", "total", "page-size", "entries": [...]}}. */
  private Page readPage(InputStream in, Consumer<CatalogEntry> each) throws IOException {
    try (JsonParser p = json.getFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedAnswer("a catalog page is not a JSON object");
      }
      String next = null;
      Long total = null;
      long count = 0;
      boolean sawEntries = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "next-page" -> next = t == JsonToken.VALUE_NULL ? null : p.getValueAsString();
          case "total" -> total = t.isNumeric() ? p.getLongValue() : null;
          case "entries" -> {
            if (t != JsonToken.START_ARRAY) {
              throw new MalformedAnswer("\"entries\" is not a list");
            }
            sawEntries = true;
            while (p.nextToken() == JsonToken.START_OBJECT) {
              CatalogEntry e = json.readValue(p, CatalogEntry.class);
              if (e.name() == null) {
                throw new MalformedAnswer("a catalog entry without \"name\"");
              }
              each.accept(e);
              count++;
            }
          }
          default -> p.skipChildren();
        }
      }
      if (!sawEntries) {
        throw new MalformedAnswer("no \"entries\" in the catalog page");
      }
      return new Page(next, total, count);
    }
  }

  /** A well-formed JSON document that is not what the endpoint must answer. */
  private static final class MalformedAnswer extends IOException {
    MalformedAnswer(String message) {
      super(message);
    }
  }

  @FunctionalInterface
  private interface BodyReader<T> {
    T read(InputStream in) throws IOException;
  }

  private <T> T get(String path, Map<String, String> query, MediaType accept, BodyReader<T> reader,
      Object... pathVars) {
    URI uri = uri(path, query, pathVars);
    try {
      return once(uri, "GET " + uri, accept, reader);
    } catch (CdaException e) {
      if (e.retryable()) {
        // no sleeping here: the job fails and Camunda retries it on the service task's retry cycle
        throw new CdaUnreachableException(e);
      }
      throw e;
    }
  }

  private <T> T once(URI uri, String request, MediaType accept, BodyReader<T> reader) {
    if (!target.allowed().test(uri)) {
      // checked before each request, not only at start: the configuration may have changed since
      throw new CdaException(request, 0, "not sent: " + target.refusal(), null, false, null);
    }
    requests.incrementAndGet();
    try {
      return rest.get().uri(uri).accept(accept).headers(h -> authorize(uri, h)).exchange((req, res) -> {
        int status = res.getStatusCode().value();
        if (status >= 400) {
          throw httpError(request, status, res.getBody());
        }
        if (status >= 300) {
          // never followed (the HTTP client's redirect policy is NEVER): a redirect could lead to any host
          res.getBody().close();
          throw new CdaException(request, status, "a redirect, not followed: give the URL of CDA itself", null,
              false, null);
        }
        try (InputStream in = res.getBody()) {
          return reader.read(in);
        } catch (MalformedAnswer e) {
          throw new CdaException(request, status, "malformed answer: " + e.getMessage(), null, false, e);
        } catch (JsonProcessingException e) {
          throw new CdaException(request, status, "malformed JSON" + where(e), null, false, null);
        }
      });
    } catch (CdaException e) {
      throw e;
    } catch (ResourceAccessException | UncheckedIOException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new CdaException(request, 0, transportProblem(cause), null, true, e);
    } catch (RestClientException | IllegalArgumentException e) {
      throw new CdaException(request, 0, e.getClass().getSimpleName(), null, false, e);
    }
  }

  /** Where a parser stopped, never what it read: the answer's text stays out of reports and logs. */
  private static String where(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr();
  }

  private static String transportProblem(Throwable cause) {
    String name = cause.getClass().getSimpleName();
    String msg = cause.getMessage();
    if (cause instanceof java.net.http.HttpTimeoutException || cause instanceof java.net.SocketTimeoutException) {
      return "time-out (" + name + (msg == null ? "" : ": " + msg) + ")";
    }
    if (cause instanceof java.net.ConnectException) {
      return "connection refused or unreachable (" + name + (msg == null ? "" : ": " + msg) + ")";
    }
    return "transport error (" + name + (msg == null ? "" : ": " + msg) + ")";
  }

  /**
   * Keeps the status, CDA's own {@code message} and {@code incidentIdentifier} (length-capped, control characters
   * removed) and nothing else of the body: a body is never stored, shown, mailed or logged.
   */
  private CdaException httpError(String request, int status, InputStream body) {
    String message = null;
    String incident = null;
    try (InputStream in = body) {
      JsonNode err = json.readTree(in.readNBytes(ERROR_BODY_LIMIT));
      if (err != null && err.isObject()) {
        message = err.path("message").isTextual() ? clean(err.path("message").asText(), MESSAGE_LIMIT) : null;
        JsonNode id = err.path("incidentIdentifier");
        incident = id.isValueNode() && id.asText().matches("[A-Za-z0-9._:-]{1,64}") ? id.asText() : null;
      }
    } catch (IOException | RuntimeException notCdasErrorBody) {
      // a proxy's page, or nothing: the status alone is reported
    }
    boolean retryable = status == 429 || status == 502 || status == 503 || status == 504;
    return new CdaException(request, status, message == null || message.isEmpty() ? "no CDA error message"
        : message, incident, retryable, null);
  }

  /** CDA's message, on one line, at most {@code limit} characters. */
  static String clean(String text, int limit) {
    String s = text.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]+", " ").replaceAll("\\s+", " ").strip();
    return s.length() <= limit ? s : s.substring(0, limit) + "...";
  }

  private CdaException malformed(String what, String problem) {
    return new CdaException("GET " + baseUrl + what, 200, "malformed answer: " + problem, null, false, null);
  }

  private void authorize(URI uri, HttpHeaders headers) {
    String key = target.apiKey().apply(uri);
    if (key != null && !key.isBlank()) {
      headers.set(HttpHeaders.AUTHORIZATION, "apikey " + key);
    }
  }

  private URI uri(String path, Map<String, String> query, Object... pathVars) {
    UriComponentsBuilder b = UriComponentsBuilder.fromUriString(baseUrl).path(path);
    Map<String, Object> vars = new LinkedHashMap<>();
    // path variables by position, query values as template variables: encode() then encodes them strictly
    // (a regex's '+', '|' or '&' must reach CDA as written)
    int i = 0;
    for (String name : templateNames(path)) {
      vars.put(name, pathVars[i++]);
    }
    int q = 0;
    for (Map.Entry<String, String> e : query.entrySet()) {
      String var = "q" + q++;
      b.queryParam(e.getKey(), "{" + var + "}");
      vars.put(var, e.getValue());
    }
    return b.encode().buildAndExpand(vars).toUri();
  }

  private static List<String> templateNames(String path) {
    List<String> names = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

}
