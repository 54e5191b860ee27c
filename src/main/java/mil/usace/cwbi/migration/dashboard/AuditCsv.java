package mil.usace.cwbi.migration.dashboard;

import java.util.List;
import java.util.stream.Collectors;

/** The audit trail as CSV (RFC 4180) for HEC's reports; one line per entry. */
final class AuditCsv {

  static final String HEADER = "time,office,process_instance,type,step,activity,name,user,passed,details";

  private AuditCsv() {}

  static String write(List<AuditEntry> entries) {
    StringBuilder out = new StringBuilder(HEADER).append("\r\n");
    for (AuditEntry e : entries) {
      String details = e.type().equals("CHECK")
          ? e.checks().stream().map(c -> c.check() + " " + (c.passed() ? "passed" : "FAILED") + ": " + c.evidence())
              .collect(Collectors.joining("; "))
          : e.evidence().entrySet().stream().map(v -> v.getKey() + "=" + v.getValue())
              .collect(Collectors.joining("; "));
      out.append(String.join(",",
          cell(e.time()), cell(e.office()), cell(e.processInstanceId()), cell(e.type()), cell(e.step()),
          cell(e.activityId()), cell(e.name()), cell(e.user()), cell(e.passed()), cell(details))).append("\r\n");
    }
    return out.toString();
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
