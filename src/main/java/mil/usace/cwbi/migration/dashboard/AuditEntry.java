package mil.usace.cwbi.migration.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One line of an office's audit trail.
 *
 * @param type STARTED, TASK_COMPLETED, CHECK, FINISHED, VARIABLE_CHANGED or ADMIN_OVERRIDE ({@link OutsideFormChanges})
 * @param user who did it (the logged-in user who completed the task, else its assignee); null for checks
 * @param passed a check's verdict; null for other lines
 * @param evidence what the task's form stored on completion (variable name to value), or a check's lines
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
    List<CheckLine> checks) {

  public record CheckLine(String check, boolean passed, String evidence) {}
}
