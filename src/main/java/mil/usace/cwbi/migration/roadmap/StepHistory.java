package mil.usace.cwbi.migration.roadmap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.NativeHistoricActivityInstanceQuery;

/**
 * Reads the part of the migrations' activity history that says which step an office is in and since when, without
 * reading every re-check (issue 13: a year of T7 re-checks was 238,633 activity instances, read on every dashboard
 * request). What it reads per migration is bounded by its visits of the steps, not by its re-checks:
 * <ul>
 *   <li>the activities drawn at the top of the process (the step and check sub-processes, the gateways between
 *   them): each is the first and last moment of everything nested in it, and carries the same step, so they give the
 *   same earliest start and the same time in a step as all of their contents;</li>
 *   <li>what still runs;</li>
 *   <li>the nested activities a caller names (a step's roadmap work, whose count is the step's progress);</li>
 *   <li>optionally, one instance of each user task that ran (whether a step saw a person's work at all).</li>
 * </ul>
 * A native query (public API) because the activity query can neither name several instances nor ask for the
 * top-level activities; it is read-only and runs where the dashboard's access check already passed.
 */
public final class StepHistory {

  /** Instances per query: far below every database's limit on bound parameters. */
  private static final int CHUNK = 400;

  private final ProcessEngine engine;

  public StepHistory(ProcessEngine engine) {
    this.engine = engine;
  }

  /** The activities of the instances that have not ended, of whatever version. */
  public Map<String, List<HistoricActivityInstance>> unfinished(Collection<String> instanceIds) {
    return read(instanceIds, List.of(), false, true, List.of());
  }

  /**
   * The top-level and unfinished activities of the instances, plus every instance of the activities {@code nested}
   * names, plus (if {@code oneOfEachUserTask}) the first instance of each user task of each migration; only those
   * that ran on one of {@code definitionIds} if any are named. In the order of their ids, as the activity query
   * returns them.
   */
  public Map<String, List<HistoricActivityInstance>> outline(Collection<String> instanceIds,
      Collection<String> nested, boolean oneOfEachUserTask, Collection<String> definitionIds) {
    return read(instanceIds, nested, oneOfEachUserTask, false, definitionIds);
  }

  private Map<String, List<HistoricActivityInstance>> read(Collection<String> instanceIds,
      Collection<String> nested, boolean oneOfEachUserTask, boolean unfinishedOnly,
      Collection<String> definitionIds) {
    Map<String, List<HistoricActivityInstance>> byInstance = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>(instanceIds);
    List<String> activityIds = new ArrayList<>(nested);
    List<String> definitions = new ArrayList<>(definitionIds);
    StringBuilder ofDefinitions = new StringBuilder();
    for (int i = 0; i < definitions.size(); i++) {
      ofDefinitions.append(i == 0 ? " and RES.PROC_DEF_ID_ in (" : ", ").append("#{d").append(i).append('}');
    }
    if (!definitions.isEmpty()) {
      ofDefinitions.append(')');
    }
    String table = engine.getManagementService().getTableName(HistoricActivityInstance.class);
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      StringBuilder in = new StringBuilder();
      for (int i = 0; i < chunk.size(); i++) {
        in.append(i == 0 ? "" : ", ").append("#{p").append(i).append('}');
      }
      StringBuilder sql = new StringBuilder("select * from ").append(table).append(" RES where RES.PROC_INST_ID_ in (")
          .append(in).append(")").append(ofDefinitions).append(" and (RES.END_TIME_ is null");
      if (!unfinishedOnly) {
        sql.append(" or RES.PARENT_ACT_INST_ID_ = RES.PROC_INST_ID_");
        if (!activityIds.isEmpty()) {
          sql.append(" or RES.ACT_ID_ in (");
          for (int i = 0; i < activityIds.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("#{a").append(i).append('}');
          }
          sql.append(')');
        }
        if (oneOfEachUserTask) {
          sql.append(" or RES.ID_ in (select min(U.ID_) from ").append(table).append(" U where U.PROC_INST_ID_ in (")
              .append(in).append(")").append(ofDefinitions.toString().replace("RES.", "U."))
              .append(" and U.ACT_TYPE_ = 'userTask' group by U.PROC_INST_ID_, U.ACT_ID_)");
        }
      }
      sql.append(") order by RES.ID_ asc");
      NativeHistoricActivityInstanceQuery query = engine.getHistoryService()
          .createNativeHistoricActivityInstanceQuery().sql(sql.toString());
      for (int i = 0; i < chunk.size(); i++) {
        query.parameter("p" + i, chunk.get(i));
      }
      for (int i = 0; i < definitions.size(); i++) {
        query.parameter("d" + i, definitions.get(i));
      }
      if (!unfinishedOnly) {
        for (int i = 0; i < activityIds.size(); i++) {
          query.parameter("a" + i, activityIds.get(i));
        }
      }
      for (HistoricActivityInstance a : query.list()) {
        byInstance.computeIfAbsent(a.getProcessInstanceId(), k -> new ArrayList<>()).add(a);
      }
    }
    return byInstance;
  }
}
