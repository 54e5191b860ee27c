package mil.usace.cwbi.migration.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One office on HEC's dashboard (JSON of {@code GET /api/dashboard/offices}).
 *
 * @param state NOT_STARTED, RUNNING, BLOCKED (a failed check's fix task is open) or FINISHED
 * @param stepsDone steps behind the office (0-9); {@code progressPercent} adds the share of the current step's tasks done
 * @param daysInStep whole days since the current visit of the current step began
 * @param checks the last result of each environment's check, by variable suffix (t7, cwbi_dev, ...)
 * @param attention why HEC should look (incidents, a failed check, overdue tasks); empty when all is well
 */
public record OfficeRow(
    String office,
    String state,
    String processInstanceId,
    Integer phase,
    String phaseName,
    Integer step,
    String stepName,
    int stepsDone,
    int progressPercent,
    List<OpenTask> openTasks,
    Instant stepSince,
    Long daysInStep,
    int overdueTasks,
    Map<String, CheckStatus> checks,
    List<IncidentInfo> incidents,
    String blockedAt,
    List<String> attention,
    Instant started,
    Instant ended,
    String cockpitUrl,
    String auditUrl) {

  /** A task waiting for someone: lane from its candidate group (hec = HEC, district-* = District). */
  public record OpenTask(String id, String key, String name, Integer step, String lane, List<String> candidateGroups,
      String assignee, Instant created, Instant due, boolean overdue) {}

  /** The last result of one environment's check. */
  public record CheckStatus(String environment, boolean passed, Instant time, List<String> failedChecks) {}

  public record IncidentInfo(String id, String type, String activityId, String message, Instant time) {}
}
