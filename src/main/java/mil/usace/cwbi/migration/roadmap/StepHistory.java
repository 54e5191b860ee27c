package mil.usace.cwbi.migration.roadmap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.NativeHistoricActivityInstanceQuery;

/**
 * Reads the part of the migrations' activity history that says which step an office is in and since when, without
 * reading, or making the database walk, every re-check (issue 13: a year of T7 re-checks was 238,633 activity
 * instances). Every statement reaches its rows through an index by exact keys, so what it costs is bounded by the
 * migrations' visits of the steps, not by the length of their history:
 * <ul>
 *   <li>{@link #topLevel}: the activities drawn at the top of the process (the step and check sub-processes, the
 *   gateways between them), by their parent, the process instance ({@link mil.usace.cwbi.migration.storage.HistoryIndexes#PARENT}, ours). Each spans
 *   everything nested in it and carries the same step, so they give the same current step (what still runs), the
 *   same earliest start and the same time in a step as all of their contents;</li>
 *   <li>{@link #of}: the nested activities a caller names (a step's roadmap work, whose count is the step's
 *   progress), by (instance, activity) pairs joined from {@code values} through Camunda's
 *   {@code ACT_IDX_HI_ACT_INST_PROCINST};</li>
 *   <li>{@link #firstOf}: one instance of each named activity (whether a step saw a person's work at all), one
 *   index probe that stops at the first row per pair, however often a fix task came back.</li>
 * </ul>
 * Written so that both H2 and PostgreSQL seek: H2 uses an {@code IN} list only on an index's first column, so two
 * columns come as a join on a {@code values} list. A native query (public API) because the activity query can name neither
 * several instances nor a parent; it is read-only and runs where the caller's access check already passed.
 * {@link #reads} gives the statements themselves, for their plans (the bound's test, the benchmark).
 */
public final class StepHistory {

  /**
   * Instances (or instance and activity pairs) per statement. 100, not more: with 400 PostgreSQL estimated the
   * statement at tens of times the rows it finds and started parallel workers for it (BENCHMARKS.md).
   */
  private static final int CHUNK = 100;

  /** One statement: SQL with {@code #{pN}} parameters, and the values of p0, p1, ... in order. */
  public record Read(String sql, List<String> parameters) {}

  private final ProcessEngine engine;

  public StepHistory(ProcessEngine engine) {
    this.engine = engine;
  }

  /** The top-level activities of the instances (optionally only those run on one of {@code definitionIds}). */
  public Map<String, List<HistoricActivityInstance>> topLevel(Collection<String> instanceIds,
      Collection<String> definitionIds) {
    return run(topLevelReads(instanceIds, definitionIds));
  }

  /** Every instance of the {@code activityIds} in each of the instances. */
  public Map<String, List<HistoricActivityInstance>> of(Collection<String> instanceIds,
      Collection<String> activityIds) {
    return run(ofReads(instanceIds, activityIds));
  }

  /**
   * One instance (any) of each of the {@code activityIds} that ran in each of the instances (optionally only on one
   * of {@code definitionIds}).
   */
  public Map<String, List<HistoricActivityInstance>> firstOf(Collection<String> instanceIds,
      Collection<String> activityIds, Collection<String> definitionIds) {
    return run(firstOfReads(instanceIds, activityIds, definitionIds));
  }

  /** The statements of {@link #topLevel}. */
  public List<Read> topLevelReads(Collection<String> instanceIds, Collection<String> definitionIds) {
    List<Read> reads = new ArrayList<>();
    List<String> ids = List.copyOf(instanceIds);
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<String> params = new ArrayList<>();
      StringBuilder sql = new StringBuilder("select RES.* from ").append(table())
          .append(" RES where RES.PARENT_ACT_INST_ID_ in (");
      list(sql, params, ids.subList(from, Math.min(ids.size(), from + CHUNK)));
      sql.append(')');
      definitions(sql, params, "RES", definitionIds);
      reads.add(new Read(sql.append(" order by RES.ID_ asc").toString(), params));
    }
    return reads;
  }

  /** The statements of {@link #of}. */
  public List<Read> ofReads(Collection<String> instanceIds, Collection<String> activityIds) {
    List<Read> reads = new ArrayList<>();
    for (List<String[]> pairs : pairs(instanceIds, activityIds)) {
      // a join on the pairs, not "(PROC_INST_ID_, ACT_ID_) in (...)": PostgreSQL's generic plan of that prepared
      // statement scanned the whole table (33-50 ms a statement at 200 offices, the literal plan 2 ms); a join on
      // VALUES is planned for its row count whatever the values, as index look-ups on both databases
      List<String> params = new ArrayList<>();
      StringBuilder sql = new StringBuilder("select RES.* from (values ");
      rows(sql, params, pairs);
      sql.append(") as V(P, A) join ").append(table())
          .append(" RES on RES.PROC_INST_ID_ = V.P and RES.ACT_ID_ = V.A");
      reads.add(new Read(sql.append(" order by RES.ID_ asc").toString(), params));
    }
    return reads;
  }

  /** The statements of {@link #firstOf}. */
  public List<Read> firstOfReads(Collection<String> instanceIds, Collection<String> activityIds,
      Collection<String> definitionIds) {
    List<Read> reads = new ArrayList<>();
    for (List<String[]> pairs : pairs(instanceIds, activityIds)) {
      // a join on the scalar subquery: H2 ran "RES.ID_ in (select (select ...) from (values ...))" in 1.6-3 s
      // at a year (38 offices), the join in 5-11 ms, with the same index probes
      List<String> params = new ArrayList<>();
      StringBuilder sql = new StringBuilder("select RES.* from (values ");
      for (int i = 0; i < pairs.size(); i++) {
        sql.append(i == 0 ? "(" : ", (").append(param(params, pairs.get(i)[0])).append(", ")
            .append(param(params, pairs.get(i)[1])).append(')');
      }
      sql.append(") as V(P, A) join ").append(table()).append(" RES on RES.ID_ = (select U.ID_ from ").append(table())
          .append(" U where U.PROC_INST_ID_ = V.P and U.ACT_ID_ = V.A");
      definitions(sql, params, "U", definitionIds);
      reads.add(new Read(sql.append(" fetch first 1 rows only) order by RES.ID_ asc").toString(), params));
    }
    return reads;
  }

  /** Merges reads of the same instances: each activity instance once, in the order of their ids. */
  @SafeVarargs
  public static Map<String, List<HistoricActivityInstance>> merge(Map<String, List<HistoricActivityInstance>>... all) {
    Map<String, Map<String, HistoricActivityInstance>> byInstance = new LinkedHashMap<>();
    for (Map<String, List<HistoricActivityInstance>> one : all) {
      one.forEach((instance, acts) -> acts.forEach(a ->
          byInstance.computeIfAbsent(instance, k -> new LinkedHashMap<>()).putIfAbsent(a.getId(), a)));
    }
    Map<String, List<HistoricActivityInstance>> result = new LinkedHashMap<>();
    byInstance.forEach((instance, acts) -> result.put(instance,
        acts.values().stream().sorted(Comparator.comparing(HistoricActivityInstance::getId)).toList()));
    return result;
  }

  private Map<String, List<HistoricActivityInstance>> run(List<Read> reads) {
    Map<String, List<HistoricActivityInstance>> byInstance = new LinkedHashMap<>();
    for (Read read : reads) {
      NativeHistoricActivityInstanceQuery query = engine.getHistoryService()
          .createNativeHistoricActivityInstanceQuery().sql(read.sql());
      for (int i = 0; i < read.parameters().size(); i++) {
        query.parameter("p" + i, read.parameters().get(i));
      }
      for (HistoricActivityInstance a : query.list()) {
        byInstance.computeIfAbsent(a.getProcessInstanceId(), k -> new ArrayList<>()).add(a);
      }
    }
    return byInstance;
  }

  private String table() {
    return engine.getManagementService().getTableName(HistoricActivityInstance.class);
  }

  /** Every instance with every activity, in chunks of at most {@link #CHUNK} pairs. */
  private static List<List<String[]>> pairs(Collection<String> instanceIds, Collection<String> activityIds) {
    List<List<String[]>> chunks = new ArrayList<>();
    List<String[]> chunk = new ArrayList<>();
    List<String> activities = activityIds.stream().distinct().sorted().toList();
    for (String instance : instanceIds) {
      for (String activity : activities) {
        chunk.add(new String[] {instance, activity});
        if (chunk.size() == CHUNK) {
          chunks.add(chunk);
          chunk = new ArrayList<>();
        }
      }
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  private static void list(StringBuilder sql, List<String> params, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(param(params, values.get(i)));
    }
  }

  private static void rows(StringBuilder sql, List<String> params, List<String[]> pairs) {
    for (int i = 0; i < pairs.size(); i++) {
      sql.append(i == 0 ? "(" : ", (").append(param(params, pairs.get(i)[0])).append(", ")
          .append(param(params, pairs.get(i)[1])).append(')');
    }
  }

  private static void definitions(StringBuilder sql, List<String> params, String alias,
      Collection<String> definitionIds) {
    if (definitionIds.isEmpty()) {
      return;
    }
    sql.append(" and ").append(alias).append(".PROC_DEF_ID_ in (");
    list(sql, params, List.copyOf(definitionIds));
    sql.append(')');
  }

  private static String param(List<String> params, String value) {
    params.add(value);
    return "#{p" + (params.size() - 1) + "}";
  }
}
