package mil.usace.cwbi.migration.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.verification.Findings;

/**
 * One line of an office's audit trail. The machine fields ({@code type}, {@code activityId}, {@code evidence} by
 * variable name, {@code checks}) are for scripts; people read {@code name}, {@code fields} (the form's labels,
 * readable values, lists as tables) and {@code findings} (a check's report in words): the audit page and the CSV
 * show only those, whatever the entry's type.
 *
 * @param type STARTED, TASK_COMPLETED, CHECK, FINISHED; VARIABLE_CHANGED or ADMIN_OVERRIDE ({@link OutsideFormChanges});
 *     SKIPPED, NOT_APPLICABLE, COMMENT ({@link RoadmapNotes}); another kind of entry is shown generically
 * @param user who did it (the logged-in user who completed the task, else its assignee); null for checks
 * @param passed a check's verdict; null for other lines
 * @param evidence what the task's form stored on completion (variable name to value)
 * @param checks a check's lines as stored
 * @param fields the evidence for people: label and readable value, or a table
 * @param findings a check's report for people (what failed, evidence, what to do); null for other lines
 */
public record AuditEntry(
    Instant time,
    String office,
    String processInstanceId,
    String type,
    Integer step,
    String activityId,
    String name,
    String user,
    Boolean passed,
    Map<String, Object> evidence,
    List<CheckLine> checks,
    List<AuditField> fields,
    Findings findings) {

  /** An entry whose evidence is shown with words made from its variable names (no form to take labels from). */
  public AuditEntry(Instant time, String office, String processInstanceId, String type, Integer step,
      String activityId, String name, String user, Boolean passed, Map<String, Object> evidence,
      List<CheckLine> checks) {
    this(time, office, processInstanceId, type, step, activityId, name, user, passed, evidence, checks,
        AuditField.of(evidence, null), null);
  }

  public record CheckLine(String check, boolean passed, String evidence) {}
}
