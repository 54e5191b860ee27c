package mil.usace.cwbi.migration.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.forecast.Forecast;
import mil.usace.cwbi.migration.verification.Findings;

/**
 * One office on HEC's dashboard (JSON of {@code GET /api/dashboard/offices}).
 *
 * @param state NOT_STARTED, RUNNING, BLOCKED (a failed check's fix task is open) or FINISHED
 * @param stepsDone steps behind the office (0-9); {@code progressPercent} adds the share of the current step's tasks done
 * @param daysInStep whole days since the current visit of the current step began
 * @param checks the last result of each environment's check, by variable suffix (t7, cwbi_dev, ...)
 * @param attention why HEC should look (incidents, a failed check, overdue tasks); empty when all is well
 * @param notApplicable roadmap items that do not apply to the office, with why: skipped by the District's answers
 *     or marked "not applicable" by HEC ({@link RoadmapNotes})
 * @param forecast when the office is likely to finish, with a range, against HEC's target date, and why in one line
 *     ({@link mil.usace.cwbi.migration.forecast.Forecasts})
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
    String auditUrl,
    List<String> notApplicable,
    Forecast forecast) {

  public OfficeRow(String office, String state, String processInstanceId, Integer phase, String phaseName,
      Integer step, String stepName, int stepsDone, int progressPercent, List<OpenTask> openTasks, Instant stepSince,
      Long daysInStep, int overdueTasks, Map<String, CheckStatus> checks, List<IncidentInfo> incidents,
      String blockedAt, List<String> attention, Instant started, Instant ended, String cockpitUrl, String auditUrl,
      List<String> notApplicable) {
    this(office, state, processInstanceId, phase, phaseName, step, stepName, stepsDone, progressPercent, openTasks,
        stepSince, daysInStep, overdueTasks, checks, incidents, blockedAt, attention, started, ended, cockpitUrl,
        auditUrl, notApplicable, null);
  }

  public OfficeRow(String office, String state, String processInstanceId, Integer phase, String phaseName,
      Integer step, String stepName, int stepsDone, int progressPercent, List<OpenTask> openTasks, Instant stepSince,
      Long daysInStep, int overdueTasks, Map<String, CheckStatus> checks, List<IncidentInfo> incidents,
      String blockedAt, List<String> attention, Instant started, Instant ended, String cockpitUrl, String auditUrl) {
    this(office, state, processInstanceId, phase, phaseName, step, stepName, stepsDone, progressPercent, openTasks,
        stepSince, daysInStep, overdueTasks, checks, incidents, blockedAt, attention, started, ended, cockpitUrl,
        auditUrl, List.of());
  }

  public OfficeRow withNotApplicable(List<String> items) {
    return new OfficeRow(office, state, processInstanceId, phase, phaseName, step, stepName, stepsDone,
        progressPercent, openTasks, stepSince, daysInStep, overdueTasks, checks, incidents, blockedAt, attention,
        started, ended, cockpitUrl, auditUrl, List.copyOf(items), forecast);
  }

  /** The row with its forecast; an office at risk of missing its target needs attention (the reason is added). */
  public OfficeRow withForecast(Forecast f) {
    List<String> why = attention;
    if (f != null && f.atRisk()) {
      why = new java.util.ArrayList<>(attention);
      why.add(f.riskLine());
    }
    return new OfficeRow(office, state, processInstanceId, phase, phaseName, step, stepName, stepsDone,
        progressPercent, openTasks, stepSince, daysInStep, overdueTasks, checks, incidents, blockedAt,
        List.copyOf(why), started, ended, cockpitUrl, auditUrl, notApplicable, f);
  }

  /** A task waiting for someone: lane from its candidate group (hec = HEC, district-* = District). */
  public record OpenTask(String id, String key, String name, Integer step, String lane, List<String> candidateGroups,
      String assignee, Instant created, Instant due, boolean overdue) {}

  /**
   * The last result of one environment's check: {@code failedChecks} as stored (for scripts), {@code findings} in
   * words for people (what failed, evidence, what to do).
   */
  public record CheckStatus(String environment, boolean passed, Instant time, List<String> failedChecks,
      Findings findings) {}

  public record IncidentInfo(String id, String type, String activityId, String message, Instant time) {}
}
