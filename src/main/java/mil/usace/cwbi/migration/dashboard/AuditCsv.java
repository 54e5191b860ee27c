package mil.usace.cwbi.migration.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import mil.usace.cwbi.migration.verification.FindingsRenderer;
import mil.usace.cwbi.migration.verification.Readable;

/** The audit trail as CSV (RFC 4180) for HEC's reports; one line per entry, in people's words (no variable names). */
final class AuditCsv {

  static final String HEADER = "Time (UTC),Office,Process instance,Entry,Step,Task or check,Who,Result,Details";

  private AuditCsv() {}

  /** People's words throughout: the forms' labels, Yes/No, readable times, a check's findings in words. */
  static String write(List<AuditEntry> entries) {
    StringBuilder out = new StringBuilder(HEADER).append("\r\n");
    for (AuditEntry e : entries) {
      String details = e.findings() != null ? FindingsRenderer.oneLine(e.findings()) : details(e.fields());
      out.append(String.join(",",
          cell(e.time() == null ? null : Readable.time(e.time()).replace(" UTC", "")), cell(e.office()),
          cell(e.processInstanceId()), cell(entry(e.type())), cell(e.step()), cell(e.name()), cell(who(e)),
          cell(result(e)), cell(details))).append("\r\n");
    }
    return out.toString();
  }

  static String entry(String type) {
    return switch (type) {
      case "STARTED" -> "Started";
      case "TASK_COMPLETED" -> "Task completed";
      case "CHECK" -> "Automated check";
      case "FINISHED" -> "Finished";
      case "REPORTED" -> "Reported by a tool";
      default -> AuditField.words(type.toLowerCase(Locale.ROOT).replace('_', ' '));
    };
  }

  static String who(AuditEntry e) {
    return e.user() != null ? e.user() : "CHECK".equals(e.type()) ? "automated" : null;
  }

  static String result(AuditEntry e) {
    if (e.passed() != null) {
      return e.passed() ? "passed" : "FAILED";
    }
    return "TASK_COMPLETED".equals(e.type()) ? "completed" : null;
  }

  /** "Label: value; List: row 1 (Column: value, ...) | row 2 (...)". */
  static String details(List<AuditField> fields) {
    return fields.stream().map(f -> f.label() + ": " + (f.table() == null ? f.text() : rows(f.table())))
        .collect(Collectors.joining("; "));
  }

  private static String rows(AuditField.Table t) {
    if (t.columns().size() == 1) {
      return t.rows().stream().map(r -> r.get(0)).collect(Collectors.joining(", "));
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < t.rows().size(); i++) {
      List<String> row = t.rows().get(i);
      List<String> cells = new java.util.ArrayList<>();
      for (int c = 0; c < t.columns().size(); c++) {
        if (!row.get(c).isEmpty()) {
          cells.add(t.columns().get(c) + ": " + row.get(c));
        }
      }
      s.append(i == 0 ? "" : " | ").append(i + 1).append(") ").append(String.join(", ", cells));
    }
    return s.toString();
  }

  /**
   * Quoted when needed; a cell a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an
   * apostrophe, since form evidence is free text typed by users.
   */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      s = "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
