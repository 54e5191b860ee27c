package mil.usace.cwbi.migration.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CSV of HEC's bulk start: a header row naming the columns, then one office per row. Columns: {@code office}
 * and {@code step} (required), {@code evidence}, and the start form's {@code t7CdaUrl}, {@code usesUsgsData},
 * {@code criticalTimeSeries} (ids separated by {@code ;} or blanks) and {@code tsGroup}. Fields may be quoted
 * ({@code "a, b"}, {@code ""} for a quote); a record is one line. A row that cannot be read is reported as
 * malformed with its line number; the others are read.
 */
final class StartRowsCsv {

  static final List<String> COLUMNS = List.of("office", "step", "evidence", "t7CdaUrl", "usesUsgsData",
      "criticalTimeSeries", "tsGroup");
  static final int MAX_ROWS = 200;

  /** One data row: its line number, the values by column (null when malformed), or why it is malformed. */
  record Row(int line, Map<String, String> values, String malformed) {}

  private StartRowsCsv() {}

  /** The rows; an IllegalArgumentException (400, nothing started) for a missing or wrong header or too many rows. */
  static List<Row> parse(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String[] lines = body.split("\r\n|\n|\r", -1);
    int first = 0;
    while (first < lines.length && lines[first].isBlank()) {
      first++;
    }
    if (first == lines.length) {
      throw new IllegalArgumentException("The CSV is empty: send a header row (office,step,evidence,t7CdaUrl,...) "
          + "and one row per office.");
    }
    List<String> header;
    try {
      header = fields(lines[first]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The header row cannot be read: " + e.getMessage());
    }
    List<String> columns = new ArrayList<>();
    for (String h : header) {
      String name = COLUMNS.stream().filter(c -> c.equalsIgnoreCase(h.strip())).findFirst().orElse(null);
      if (name == null || columns.contains(name)) {
        throw new IllegalArgumentException((name == null ? "Unknown column" : "Column named twice")
            + " in the header row (column " + (columns.size() + 1) + "). Columns: " + String.join(", ", COLUMNS)
            + "; office and step are required.");
      }
      columns.add(name);
    }
    if (!columns.contains("office") || !columns.contains("step")) {
      throw new IllegalArgumentException("The header row must name the columns office and step (and may name "
          + String.join(", ", COLUMNS.subList(2, COLUMNS.size())) + ").");
    }
    List<Row> rows = new ArrayList<>();
    for (int i = first + 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      if (rows.size() == MAX_ROWS) {
        throw new IllegalArgumentException("At most " + MAX_ROWS + " offices per file: split it.");
      }
      int line = i + 1;
      try {
        List<String> values = fields(lines[i]);
        if (values.size() != columns.size()) {
          rows.add(new Row(line, null, "malformed: " + values.size() + " fields where the header names "
              + columns.size()));
          continue;
        }
        Map<String, String> byColumn = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
          byColumn.put(columns.get(c), values.get(c).strip());
        }
        rows.add(new Row(line, byColumn, null));
      } catch (IllegalArgumentException e) {
        rows.add(new Row(line, null, "malformed: " + e.getMessage()));
      }
    }
    return rows;
  }

  /** The fields of one line: comma-separated, optionally quoted. */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"' && field.toString().isBlank() && !wasQuoted) {
        field.setLength(0);
        quoted = true;
        wasQuoted = true;
      } else if (ch == ',') {
        out.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (wasQuoted && !Character.isWhitespace(ch)) {
        throw new IllegalArgumentException("text after a closing quote");
      } else {
        field.append(ch);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("a quote is not closed");
    }
    out.add(field.toString());
    return out;
  }

  static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
