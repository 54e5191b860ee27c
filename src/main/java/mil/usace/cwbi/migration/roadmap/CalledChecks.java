package mil.usace.cwbi.migration.roadmap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;

/**
 * Which migration called which check: a check ({@code verify-environment}) runs in an instance of its own, called
 * by a {@code check_*} call activity of the office's migration. Its tasks belong to that migration and are in the
 * calling check's step (its roadmap facts under {@link RoadmapFacts#inCall}). Read from the migrations' activity
 * history, where each call activity names the instance it called (public API).
 */
public final class CalledChecks {

  /** One call: the calling migration, its version and the calling activity ({@code check_t7}). */
  public record Call(String migrationInstanceId, String migrationDefinitionId, String callActivityId) {}

  private final HistoryService history;

  public CalledChecks(HistoryService history) {
    this.history = history;
  }

  /** The checks running now, of every office, by the id of the called instance. */
  public Map<String, Call> running() {
    return byCalled(history.createHistoricActivityInstanceQuery().activityType("callActivity").unfinished().list());
  }

  /** Every check one migration called, running or ended, by the id of the called instance. */
  public Map<String, Call> of(String migrationInstanceId) {
    return byCalled(history.createHistoricActivityInstanceQuery().processInstanceId(migrationInstanceId)
        .activityType("callActivity").list());
  }

  private static Map<String, Call> byCalled(List<HistoricActivityInstance> calls) {
    Map<String, Call> byCalled = new HashMap<>();
    for (HistoricActivityInstance a : calls) {
      if (a.getCalledProcessInstanceId() != null) {
        byCalled.put(a.getCalledProcessInstanceId(),
            new Call(a.getProcessInstanceId(), a.getProcessDefinitionId(), a.getActivityId()));
      }
    }
    return byCalled;
  }

  /** The migration an instance belongs to: the one that called it, else itself. */
  public static String migrationOf(Map<String, Call> calls, String processInstanceId) {
    Call call = calls.get(processInstanceId);
    return call == null ? processInstanceId : call.migrationInstanceId();
  }

  /** The key the migration's roadmap answers an activity of {@code processInstanceId} by. */
  public static String keyOf(Map<String, Call> calls, String processInstanceId, String activityId) {
    Call call = calls.get(processInstanceId);
    return call == null ? activityId : RoadmapFacts.inCall(call.callActivityId(), activityId);
  }
}
