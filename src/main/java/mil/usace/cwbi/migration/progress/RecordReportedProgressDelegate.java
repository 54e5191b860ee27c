package mil.usace.cwbi.migration.progress;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.process.ScriptRecommendationDelegate;
import mil.usace.cwbi.migration.process.forms.JsonValues;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Record the reported progress": the item a district's tool reported on is updated where the district keeps it.
 * <ul>
 *   <li>{@code script-converted} while Task 1.1 is still open: the script's row in Task 1.1's inventory gets the
 *       status "Converted and tested" (a script not listed yet is added, for the district to describe). The district
 *       still completes Task 1.1 itself; the decision table then counts the script as done.</li>
 *   <li>Every report is added to the evidence its task's form shows ({@code toolReports_1_1}, {@code _2_1},
 *       {@code _2_2}, {@code _2_3}: newest first, in words, with the token's name). Where the task is already
 *       completed the report is recorded as evidence for it and nothing else changes: no one's task is completed
 *       for them.</li>
 * </ul>
 * What it changed is kept, in words, as the local variable {@value ProgressReports#OUTCOME} (the audit trail shows
 * it).
 */
@Component("recordReportedProgress")
public class RecordReportedProgressDelegate implements JavaDelegate {

  /** The evidence a form shows stays within Camunda's 4,000-character string column. */
  static final int EVIDENCE_MAX = 3800;
  /** Rows a report may add to Task 1.1's inventory at most (the district describes each). */
  static final int INVENTORY_MAX = 500;
  static final String CONVERTED = "converted";
  static final Map<String, String> TASKS = Map.of("1.1", "task_1_1_convert_scripts",
      "2.1", "task_2_1_load_db_objects", "2.2", "task_2_2_batch_scripts_dev", "2.3", "task_2_3_ldm_products");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);

  private final HistoryService history;

  public RecordReportedProgressDelegate(HistoryService history) {
    this.history = history;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ReportKind kind = ReportKind.of(String.valueOf(execution.getVariable(ProgressReports.KIND)))
        .orElseThrow(() -> new IllegalStateException("a progress report without a known kind"));
    String item = String.valueOf(execution.getVariable(ProgressReports.ITEM));
    String detail = (String) execution.getVariable(ProgressReports.DETAIL);
    String by = String.valueOf(execution.getVariable(ProgressReports.REPORTED_BY));
    Date at = (Date) execution.getVariable(ProgressReports.REPORTED_AT);
    String task = "Task " + kind.roadmapItem();

    String outcome;
    if (kind == ReportKind.SCRIPT_CONVERTED && !MigrationVariables.flag(execution, "scriptsAllDone")) {
      outcome = convertInInventory(execution, item, by);
    } else if (completed(execution, kind)) {
      outcome = "Recorded as evidence for " + task + ", which was already completed";
    } else {
      outcome = "Recorded as evidence for " + task;
    }
    String line = "- " + markdown(kind.inWords(item)) + " — reported by **" + markdown(by) + "**, "
        + WHEN.format(at.toInstant()) + (detail == null ? "" : ": " + markdown(detail));
    String variable = kind.evidenceVariable();
    execution.setVariable(variable, withLine((String) execution.getVariable(variable), line));
    execution.setVariableLocal(ProgressReports.OUTCOME, outcome);
  }

  /** Sets the script's row to "Converted and tested" (adds the row if the inventory has none of that name). */
  private static String convertInInventory(DelegateExecution execution, String script, String by) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> row : JsonValues.listOfObjects(execution.getVariable(MigrationVariables.SCRIPT_INVENTORY))) {
      rows.add(new LinkedHashMap<>(row));
    }
    String outcome = null;
    for (Map<String, Object> row : rows) {
      if (script.equals(String.valueOf(row.get("name")).strip())) {
        Object status = row.get("status");
        if (ScriptRecommendationDelegate.DONE.contains(String.valueOf(status))) {
          return "Task 1.1's inventory already has this script as " + ("retired".equals(status) ? "retired"
              : "converted and tested") + "; recorded as evidence";
        }
        row.put("status", CONVERTED);
        outcome = "Task 1.1's inventory: status set to \"Converted and tested\" (the district completes Task 1.1)";
        break;
      }
    }
    if (outcome == null) {
      if (rows.size() >= INVENTORY_MAX) {
        return "Task 1.1's inventory is full (" + INVENTORY_MAX + " scripts); recorded as evidence";
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", script);
      row.put("description", "Added from a report by " + by + ": describe it (purpose, how it runs, input, output).");
      row.put("status", CONVERTED);
      rows.add(row);
      outcome = "Added to Task 1.1's inventory as \"Converted and tested\"; the district describes it there";
    }
    execution.setVariable(MigrationVariables.SCRIPT_INVENTORY, JsonValues.json(rows));
    // the returning task's "still open" lines follow the rows (whether Task 1.1 is done stays the gateway's to say)
    execution.setVariable(ScriptRecommendationDelegate.OPEN_SUMMARY, ScriptRecommendationDelegate.openSummary(rows));
    return outcome;
  }

  /** Whether the item's task was completed by someone (its history), in any round. */
  private boolean completed(DelegateExecution execution, ReportKind kind) {
    return history.createHistoricTaskInstanceQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(TASKS.get(kind.roadmapItem())).finished().taskDeleteReason("completed").count() > 0;
  }

  /** The evidence with the new line first, within {@link #EVIDENCE_MAX}; older lines beyond it are left out. */
  static String withLine(String evidence, String line) {
    String header = "**Reported by the district's tools** (newest first; every report is in the audit trail):";
    List<String> lines = new ArrayList<>();
    lines.add(line);
    if (evidence != null) {
      for (String old : evidence.split("\n")) {
        if (old.startsWith("- ") && !old.equals("- …")) {
          lines.add(old);
        }
      }
    }
    StringBuilder text = new StringBuilder(header);
    for (String l : lines) {
      if (text.length() + 1 + l.length() > EVIDENCE_MAX) {
        text.append("\n- …");
        break;
      }
      text.append('\n').append(l);
    }
    return text.toString();
  }

  /** A tool's text inside Markdown: shown as sent (markup characters escaped), on one line. */
  static String markdown(String s) {
    return s.replaceAll("\\s+", " ").strip().replaceAll("([\\\\*_`#\\[\\]<>|~!{}()])", "\\\\$1");
  }
}
