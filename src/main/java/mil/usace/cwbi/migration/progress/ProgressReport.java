package mil.usace.cwbi.migration.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;
import mil.usace.cwbi.migration.process.Office;

/**
 * One fact a district's tool reports: {@code {"office": "SWT", "kind": "script-converted", "item": "rating.py",
 * "detail": "...", "reportId": "..."}}. Every field is bounded and checked here, before anything is stored or
 * correlated; a problem is an {@link Invalid} naming the field, and nothing the caller sent is echoed back.
 */
public record ProgressReport(String office, ReportKind kind, String item, String detail, String reportId) {

  public static final int MAX_BODY = 4096;
  public static final int ITEM_MAX = 200;
  public static final int DETAIL_MAX = 1000;
  public static final int REPORT_ID_MAX = 100;
  static final Set<String> FIELDS = Set.of("office", "kind", "item", "detail", "reportId");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Printable text on one line: no control characters, no line breaks. */
  private static final Pattern ONE_LINE = Pattern.compile("[^\\p{Cntrl}\\p{Zl}\\p{Zp}]+");
  /** A CWMS time series id: Location.Parameter.Type.Interval.Duration.Version. */
  private static final Pattern SERIES = Pattern.compile("[^.]+(\\.[^.]+){5}");
  private static final Pattern REPORT_ID = Pattern.compile("[A-Za-z0-9._:-]{1," + REPORT_ID_MAX + "}");

  /** A 400: which field, and what it must be. */
  public static class Invalid extends RuntimeException {
    private final String field;

    Invalid(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /** Reads and checks a request body. */
  public static ProgressReport parse(byte[] body) {
    if (body.length > MAX_BODY) {
      throw new Invalid("body", "The body is longer than " + MAX_BODY + " bytes: send one fact per report.");
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      throw new Invalid("body", "Send one JSON object: {\"office\", \"kind\", \"item\", \"detail\" (optional), "
          + "\"reportId\"}.");
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new Invalid("body", "Unknown field; only office, kind, item, detail and reportId may be sent.");
      }
    }
    String office = text(json, "office", true, 4);
    if (!Office.isValid(office)) {
      throw new Invalid("office", "office " + Office.PROBLEM + " (upper case).");
    }
    String kindId = text(json, "kind", true, 40);
    ReportKind kind = ReportKind.of(kindId).orElseThrow(() -> new Invalid("kind",
        "kind must be one of " + ReportKind.ids() + "."));
    String item = text(json, "item", true, ITEM_MAX);
    if (kind == ReportKind.SERIES_LOADED && !SERIES.matcher(item).matches()) {
      throw new Invalid("item", "item must be a time series id, Location.Parameter.Type.Interval.Duration.Version.");
    }
    String detail = text(json, "detail", false, DETAIL_MAX);
    String reportId = text(json, "reportId", true, REPORT_ID_MAX);
    if (!REPORT_ID.matcher(reportId).matches()) {
      throw new Invalid("reportId", "reportId must be 1 to " + REPORT_ID_MAX + " letters, digits or . _ : - "
          + "(e.g. a UUID); the same id again is the same report.");
    }
    return new ProgressReport(office, kind, item, detail, reportId);
  }

  /** A string field: present if required, a JSON string, trimmed, on one line, at most {@code max} characters. */
  private static String text(JsonNode json, String field, boolean required, int max) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw new Invalid(field, field + " is required.");
      }
      return null;
    }
    if (!node.isTextual()) {
      throw new Invalid(field, field + " must be a JSON string.");
    }
    String value = node.asText().strip();
    if (value.isEmpty()) {
      if (required) {
        throw new Invalid(field, field + " must not be blank.");
      }
      return null;
    }
    if (value.length() > max) {
      throw new Invalid(field, field + " must be at most " + max + " characters.");
    }
    if (!ONE_LINE.matcher(value).matches()) {
      throw new Invalid(field, field + " must be text on one line (no control characters).");
    }
    return value;
  }

  /** The fact itself, whoever reports it and under whichever id: the same fact twice is recorded once. */
  public String factKey() {
    return kind.id() + "\n" + item;
  }

  public String inWords() {
    return kind.inWords(item);
  }
}
