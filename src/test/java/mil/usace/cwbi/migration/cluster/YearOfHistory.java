package mil.usace.cwbi.migration.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Benchmark support (issue 13): stretches the history that real jobs wrote in a window of simulated days into a
 * year, by copying that window's rows again and again, each copy a window later, with new ids. What is copied is
 * what a year of the same re-checks and reminders adds: the finished activities, tasks (and their identity links and
 * history grants), variable updates, job log entries, decisions and the finished mail and reminder processes of the
 * window. Not copied: what exists once per migration (the running instance, its variables, its open tasks and jobs),
 * so the open work and the running state stay as the real jobs left them. References from copied rows to copied
 * tasks and process instances follow the copy; references to activity instances and byte arrays keep pointing at
 * the originals (no measured query follows them).
 */
final class YearOfHistory {

  private final DataSource dataSource;
  private final boolean postgres;
  private final String from;
  private final String to;
  private final int windowDays;

  YearOfHistory(DataSource dataSource, String db, Instant from, int windowDays) {
    this.dataSource = dataSource;
    this.postgres = db.equals("postgres");
    this.from = literal(from);
    this.to = literal(from.plusSeconds(windowDays * 86_400L));
    this.windowDays = windowDays;
  }

  private static String literal(Instant t) {
    // Camunda writes timestamps without a zone, in the JVM's zone
    return "TIMESTAMP '" + LocalDateTime.ofInstant(t, ZoneId.systemDefault()).toString().replace('T', ' ') + "'";
  }

  /** Table: which of its rows belong to the window and are copied. */
  private Map<String, String> rules() {
    String tasks = "select ID_ from ACT_HI_TASKINST where START_TIME_ >= " + from + " and START_TIME_ < " + to
        + " and END_TIME_ is not null";
    String procs = "select ID_ from ACT_HI_PROCINST where START_TIME_ >= " + from + " and START_TIME_ < " + to
        + " and END_TIME_ is not null";
    Map<String, String> rules = new LinkedHashMap<>();
    rules.put("ACT_HI_PROCINST", "ID_ in (" + procs + ")");
    rules.put("ACT_HI_ACTINST", window("START_TIME_") + " and END_TIME_ is not null");
    rules.put("ACT_HI_TASKINST", "ID_ in (" + tasks + ")");
    rules.put("ACT_HI_IDENTITYLINK", "TASK_ID_ in (" + tasks + ")");
    rules.put("ACT_HI_DETAIL", window("TIME_"));
    rules.put("ACT_HI_VARINST", window("CREATE_TIME_") + " and (PROC_INST_ID_ in (" + procs + ") or TASK_ID_ in ("
        + tasks + ") or STATE_ = 'DELETED')");
    rules.put("ACT_HI_JOB_LOG", window("TIMESTAMP_"));
    rules.put("ACT_HI_DECINST", window("EVAL_TIME_"));
    rules.put("ACT_HI_DEC_IN", window("CREATE_TIME_"));
    rules.put("ACT_HI_DEC_OUT", window("CREATE_TIME_"));
    rules.put("ACT_HI_OP_LOG", window("TIMESTAMP_"));
    rules.put("ACT_RU_AUTHORIZATION", "RESOURCE_ID_ in (" + tasks + ") or RESOURCE_ID_ in (" + procs + ")");
    this.copiedTasks = tasks;
    this.copiedProcs = procs;
    return rules;
  }

  private String copiedTasks;
  private String copiedProcs;

  private String window(String column) {
    return column + " >= " + from + " and " + column + " < " + to;
  }

  /** Adds {@code copies} copies of the window's history, the k-th shifted by k windows. Returns rows added. */
  long copy(int copies) throws Exception {
    Map<String, String> rules = rules();
    long added = 0;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Map<String, List<String[]>> columns = new LinkedHashMap<>();
      for (String table : rules.keySet()) {
        columns.put(table, columns(c, table));
      }
      for (int k = 1; k <= copies; k++) {
        String suffix = "'-y" + k + "'";
        try (Statement s = c.createStatement()) {
          for (Map.Entry<String, String> rule : rules.entrySet()) {
            List<String> names = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (String[] col : columns.get(rule.getKey())) {
              names.add(col[0]);
              values.add(expression(rule.getKey(), columns.get(rule.getKey()), col[0], col[1].equals("time"), suffix,
                  k * windowDays));
            }
            added += s.executeUpdate("insert into " + rule.getKey() + " (" + String.join(", ", names) + ") select "
                + String.join(", ", values) + " from " + rule.getKey() + " where " + rule.getValue());
          }
        }
        c.commit();
      }
    }
    return added;
  }

  private String expression(String table, List<String[]> all, String column, boolean time, String suffix,
      int days) {
    String col = column.toUpperCase(Locale.ROOT);
    if (time) {
      return postgres ? col + " + " + days + " * INTERVAL '1 day'" : "DATEADD(DAY, " + days + ", " + col + ")";
    }
    switch (col) {
      case "ID_":
      case "DEC_INST_ID_":
        return col + " || " + suffix;
      case "RESOURCE_ID_":
        return table.equals("ACT_RU_AUTHORIZATION") ? col + " || " + suffix : col;
      case "TASK_ID_":
        return "case when TASK_ID_ in (" + copiedTasks + ") then TASK_ID_ || " + suffix + " else TASK_ID_ end";
      case "PROC_INST_ID_":
      case "PROCESS_INSTANCE_ID_":
      case "ROOT_PROC_INST_ID_":
      case "EXECUTION_ID_":
        // the process instance the row belongs to: its column differs by table (the job log's is longer)
        String instance = table.equals("ACT_HI_PROCINST") ? "ID_" : has(all, "PROC_INST_ID_") ? "PROC_INST_ID_"
            : has(all, "PROCESS_INSTANCE_ID_") ? "PROCESS_INSTANCE_ID_" : null;
        if (instance == null || table.equals("ACT_RU_AUTHORIZATION")) {
          return col;
        }
        return "case when " + instance + " in (" + copiedProcs + ") then " + col + " || " + suffix + " else " + col
            + " end";
      default:
        return col;
    }
  }

  private static boolean has(List<String[]> columns, String name) {
    return columns.stream().anyMatch(c -> c[0].equals(name));
  }

  /** The table's columns: name and "time" for timestamps. */
  private List<String[]> columns(Connection c, String table) throws Exception {
    List<String[]> list = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from " + table + " where 1 = 0")) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        int type = md.getColumnType(i);
        boolean time = type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE || type == Types.DATE;
        list.add(new String[] {md.getColumnName(i).toUpperCase(Locale.ROOT), time ? "time" : "other"});
      }
    }
    return list;
  }
}
