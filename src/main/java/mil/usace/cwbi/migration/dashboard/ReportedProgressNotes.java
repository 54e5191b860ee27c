package mil.usace.cwbi.migration.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.progress.ProgressReports;
import mil.usace.cwbi.migration.progress.ReportKind;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * The audit trail's lines for the progress the district's tools reported: "Script x converted ... — reported by
 * SWT cwms-cli on batch host", with what it changed. Read from the history of the event sub-process "Progress
 * reported by the district's tools" (its local variables, one set per report, in one query); a report whose
 * recording task has not run yet is not shown.
 */
@Component
public class ReportedProgressNotes {

  public static final String TYPE = "REPORTED";
  static final String ACTIVITY = "record_reported_progress";

  private final HistoryService history;

  public ReportedProgressNotes(HistoryService history) {
    this.history = history;
  }

  public List<AuditEntry> of(String office, String... processInstanceIds) {
    Map<String, Map<String, Object>> byReport = new LinkedHashMap<>();
    Map<String, String> instanceOf = new HashMap<>();
    for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(processInstanceIds).variableNameIn(ProgressReports.VARIABLES.toArray(String[]::new))
        .includeDeleted().disableCustomObjectDeserialization().list()) {
      if (v.getActivityInstanceId() == null || v.getActivityInstanceId().equals(v.getProcessInstanceId())) {
        continue; // a report's variables live in its own event sub-process, never on the migration itself
      }
      byReport.computeIfAbsent(v.getActivityInstanceId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
      instanceOf.put(v.getActivityInstanceId(), v.getProcessInstanceId());
    }
    List<AuditEntry> entries = new ArrayList<>();
    byReport.forEach((scope, vars) -> {
      ReportKind kind = ReportKind.of(String.valueOf(vars.get(ProgressReports.KIND))).orElse(null);
      if (kind == null || vars.get(ProgressReports.OUTCOME) == null) {
        return;
      }
      String item = String.valueOf(vars.get(ProgressReports.ITEM));
      String by = String.valueOf(vars.get(ProgressReports.REPORTED_BY));
      Instant at = vars.get(ProgressReports.REPORTED_AT) instanceof Date d ? d.toInstant() : null;
      Map<String, Object> evidence = new LinkedHashMap<>();
      ProgressReports.VARIABLES.forEach(n -> evidence.put(n, vars.get(n) instanceof Date d ? d.toInstant()
          : vars.get(n)));
      List<AuditField> fields = new ArrayList<>();
      fields.add(new AuditField(ProgressReports.KIND, "Reported", kind.inWords(item), null));
      fields.add(new AuditField("roadmapItem", "Evidence for", "Task " + kind.roadmapItem(), null));
      if (vars.get(ProgressReports.DETAIL) != null) {
        fields.add(new AuditField(ProgressReports.DETAIL, "Detail", String.valueOf(vars.get(ProgressReports.DETAIL)),
            null));
      }
      fields.add(new AuditField(ProgressReports.OUTCOME, "What it changed",
          String.valueOf(vars.get(ProgressReports.OUTCOME)), null));
      fields.add(new AuditField(ProgressReports.REPORTED_BY, "Reported by (API token)", by, null));
      fields.add(new AuditField(ProgressReports.REPORT_ID, "Report id",
          String.valueOf(vars.get(ProgressReports.REPORT_ID)), null));
      Integer step = Integer.valueOf(kind.roadmapItem().substring(0, 1));
      entries.add(new AuditEntry(at, office, instanceOf.get(scope), TYPE, step, ACTIVITY,
          kind.inWords(item) + " — reported by " + by, by, null, evidence, List.of(), List.copyOf(fields), null));
    });
    return entries;
  }
}
