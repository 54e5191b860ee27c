package mil.usace.cwbi.migration.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import mil.usace.cwbi.migration.forecast.StepFacts;
import mil.usace.cwbi.migration.roadmap.Roadmap;
import mil.usace.cwbi.migration.roadmap.RoadmapFacts;
import mil.usace.cwbi.migration.roadmap.StepHistory;
import mil.usace.cwbi.migration.storage.HistoryIndexes;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.verification.Environment;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 13, item 3: what HEC's dashboard (and the forecast in it) reads of the activity history is bounded by the
 * migration's visits of the steps, not by its re-checks. Two offices held at the same failing T7 check, one with 1
 * re-check and one with 50: their rows are the same, the history statements return as many rows for each, and the
 * database walks as many rows for each (H2's {@code EXPLAIN ANALYZE} scan counts of the very statements run), though
 * the second office's activity history is many times longer; and a whole dashboard call runs the same statements,
 * returns the same rows and makes the database walk the same rows before and after 49 more re-checks. Not timed:
 * counted.
 */
class DashboardReadBoundTest extends IntegrationTest {

  static final String FEW = "NAB";
  static final String MANY = "LRN";
  static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");
  static final Pattern PARAM = Pattern.compile("#\\{p\\d+}");

  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired ProcessEngine engine;
  @Autowired DashboardQueries dashboard;
  @Autowired RoadmapNotes notes;
  @Autowired Roadmap roadmap;
  @Autowired DataSource dataSource;

  @BeforeEach
  void setUp() {
    deleteMigrations();
    verifier.passAll();
    verifier.fail(Environment.T7);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    verifier.reset();
    deleteMigrations();
  }

  void deleteMigrations() {
    for (String office : List.of(FEW, MANY)) {
      runtime.createProcessInstanceQuery().rootProcessInstances().processInstanceBusinessKey(office).list()
          .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
    }
  }

  @Test
  void oneReCheckAndFiftyReadTheSame() throws Exception {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-07T08:00:00Z")));
    ProcessInstance few = heldAtT7(FEW, 1);
    ProcessInstance many = heldAtT7(MANY, 1);
    // every statement of a whole dashboard call, before and after 49 more re-checks of one office
    Work before = dashboardCall();
    reCheck(many, 49);
    Work after = dashboardCall();
    assertThat(after.statements()).as("statements of one dashboard call").isEqualTo(before.statements());
    assertThat(after.rows()).as("rows the dashboard's statements returned").isEqualTo(before.rows());
    assertThat(after.scanned()).as("rows the database walked for the dashboard (H2 scanCount), per statement:\n"
        + after.perStatement() + "\nbefore the re-checks:\n" + before.perStatement()).isEqualTo(before.scanned());

    long fewRows = activityRows(few);
    long manyRows = activityRows(many);
    assertThat(manyRows).as("50 re-checks wrote a much longer history (in the called check)").isGreaterThan(fewRows + 200);

    // what HEC sees: the same row for both
    OfficeRow a = row(FEW);
    OfficeRow b = row(MANY);
    assertThat(a.state()).isEqualTo("BLOCKED");
    assertThat(List.of(b.state(), b.step(), b.stepsDone(), b.progressPercent(), b.stepSince(), b.blockedAt(),
        b.openTasks().size(), b.notApplicable()))
        .isEqualTo(List.of(a.state(), a.step(), a.stepsDone(), a.progressPercent(), a.stepSince(), a.blockedAt(),
            a.openTasks().size(), a.notApplicable()));

    // what the dashboard and the forecast read of the history for each, statement by statement
    Map<String, long[]> fewReads = reads(few);
    Map<String, long[]> manyReads = reads(many);
    assertThat(fewReads.keySet()).containsExactly("top-level", "step work", "skip events", "forecast top-level",
        "forecast user tasks", "forecast fix tasks");
    fewReads.forEach((what, counts) -> {
      assertThat(manyReads.get(what)[0]).as(what + ": rows returned, 50 re-checks against 1").isEqualTo(counts[0]);
      assertThat(manyReads.get(what)[1]).as(what + ": rows the database walked (scanCount), 50 re-checks against 1")
          .isEqualTo(counts[1]);
    });
    assertThat(fewReads.get("top-level")[0]).as("start event, Step 1, the T7 check").isGreaterThanOrEqualTo(3);
    assertThat(fewReads.get("step work")[0]).as("Step 1's roadmap work done").isEqualTo(5);
  }

  /** The activity history of the migration and of the checks it called that still run. */
  long activityRows(ProcessInstance pi) {
    long rows = 0;
    for (String id : driver.instanceTree(pi.getId())) {
      rows += history.createHistoricActivityInstanceQuery().processInstanceId(id).count();
    }
    return rows;
  }

  /** An office whose T7 check failed, then re-checked {@code reChecks} times (failing again each time). */
  ProcessInstance heldAtT7(String office, int reChecks) {
    ProcessInstance pi = driver.start(office, false);
    driver.completeAll(pi.getId(), "task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
        "task_1_5_export_shef_config", "task_1_6_opendcs_dev");
    reCheck(pi, reChecks);
    return pi;
  }

  void reCheck(ProcessInstance pi, int reChecks) {
    String office = pi.getBusinessKey();
    for (int i = 0; i < reChecks; i++) {
      // the re-check timer fires (run now, whatever its due date), then the check, then a new fix task
      Job timer = management.createJobQuery().processInstanceId(driver.calledCheck(pi.getId(), "check_t7"))
          .activityId("timer_recheck_fix_findings").singleResult();
      assertThat(timer).as("re-check timer of " + office).isNotNull();
      management.executeJob(timer.getId());
      driver.runJobs(pi.getId());
    }
    assertThat(driver.task(pi.getId(), MigrationDriver.FIX_TASK)).isNotNull();
  }

  /** What one dashboard call made the database do: its statements, the rows they returned and walked. */
  record Work(int statements, long rows, long scanned, String perStatement) {}

  /**
   * One dashboard call with MyBatis' debug log of Camunda's entities caught (each statement, its parameters and the
   * rows it returned), then H2's {@code EXPLAIN ANALYZE} of each statement with its parameters bound.
   */
  Work dashboardCall() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger("org.camunda.bpm.engine.impl.persistence.entity");
    Level level = logger.getLevel();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
    String thread = Thread.currentThread().getName();
    try {
      dashboard.offices();
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(level);
    }
    List<String> sql = new java.util.ArrayList<>();
    List<List<String>> params = new java.util.ArrayList<>();
    long rows = 0;
    String pending = null;
    for (ILoggingEvent e : appender.list) {
      String m = e.getFormattedMessage();
      if (!thread.equals(e.getThreadName())) {
        continue;
      }
      if (m.contains("Preparing: ")) {
        pending = m.substring(m.indexOf("Preparing: ") + 11).strip();
      } else if (m.contains("Parameters: ") && pending != null) {
        sql.add(pending);
        params.add(parameters(m.substring(m.indexOf("Parameters: ") + 12)));
        pending = null;
      } else if (m.contains("Total: ")) {
        rows += Long.parseLong(m.substring(m.indexOf("Total: ") + 7).strip());
      }
    }
    long scanned = 0;
    StringBuilder per = new StringBuilder();
    try (Connection c = dataSource.getConnection()) {
      for (int i = 0; i < sql.size(); i++) {
        if (!sql.get(i).regionMatches(true, 0, "select", 0, 6)) {
          continue;
        }
        String plan;
        try (PreparedStatement s = c.prepareStatement("EXPLAIN ANALYZE " + sql.get(i))) {
          for (int p = 0; p < params.get(i).size(); p++) {
            s.setObject(p + 1, params.get(i).get(p));
          }
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            plan = rs.getString(1);
          }
        }
        long n = 0;
        Matcher m = SCAN_COUNT.matcher(plan);
        while (m.find()) {
          n += Long.parseLong(m.group(1));
        }
        scanned += n;
        per.append(n).append("  ").append(sql.get(i), 0, Math.min(140, sql.get(i).length())).append('\n');
      }
    }
    return new Work(sql.size(), rows, scanned, per.toString());
  }

  /** MyBatis' logged parameters ("a(String), 7(Integer), 2026-12-07 08:00:00.0(Timestamp)"), as strings. */
  static List<String> parameters(String logged) {
    List<String> values = new java.util.ArrayList<>();
    Matcher m = Pattern.compile("([^,]*?)\\((String|Integer|Long|Boolean|Timestamp|Date)\\)(, |$)")
        .matcher(logged.strip());
    while (m.find()) {
      values.add(m.group(1).strip());
    }
    return values;
  }

  OfficeRow row(String office) {
    return dashboard.offices().stream().filter(r -> r.office().equals(office)).findFirst().orElseThrow();
  }

  /** Per read of DashboardQueries and Forecasts for this one migration: rows returned, rows the database walked. */
  Map<String, long[]> reads(ProcessInstance pi) throws Exception {
    StepHistory steps = new StepHistory(engine);
    String definition = pi.getProcessDefinitionId();
    RoadmapFacts facts = roadmap.of(definition);
    List<String> work = facts.activityIds().stream().filter(id -> Integer.valueOf(1).equals(facts.step(id))
        && facts.isWork(id)).toList();
    List<String> ids = List.of(pi.getId());
    Map<String, List<StepHistory.Read>> reads = new LinkedHashMap<>();
    reads.put("top-level", steps.topLevelReads(ids, List.of()));
    reads.put("step work", steps.ofReads(ids, work));
    reads.put("skip events", steps.ofReads(ids, notes.skipEventIds(List.of(definition))));
    reads.put("forecast top-level", steps.topLevelReads(ids, List.of(definition)));
    reads.put("forecast user tasks", steps.ofReads(ids, StepFacts.userTasks().stream()
        .filter(t -> !StepFacts.isFixTask(t)).toList()));
    reads.put("forecast fix tasks", steps.firstOfReads(ids, StepFacts.userTasks().stream()
        .filter(StepFacts::isFixTask).toList(), List.of(definition)));
    Map<String, long[]> counts = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection()) {
      for (Map.Entry<String, List<StepHistory.Read>> e : reads.entrySet()) {
        assertThat(e.getValue()).as(e.getKey() + ": one statement for one migration").hasSize(1);
        StepHistory.Read read = e.getValue().get(0);
        String sql = PARAM.matcher(read.sql()).replaceAll("?");
        long rows = 0;
        try (PreparedStatement s = c.prepareStatement(sql)) {
          bind(s, read.parameters());
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              rows++;
            }
          }
        }
        String plan;
        try (PreparedStatement s = c.prepareStatement("EXPLAIN ANALYZE " + sql)) {
          bind(s, read.parameters());
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            plan = rs.getString(1);
          }
        }
        if (e.getKey().equals("top-level")) {
          assertThat(plan).as("the top-level read seeks our index").contains(HistoryIndexes.PARENT);
        }
        long scanned = 0;
        Matcher m = SCAN_COUNT.matcher(plan);
        while (m.find()) {
          scanned += Long.parseLong(m.group(1));
        }
        assertThat(plan).as(e.getKey() + " plan").contains("scanCount");
        counts.put(e.getKey(), new long[] {rows, scanned});
      }
    }
    return counts;
  }

  static void bind(PreparedStatement s, List<String> values) throws Exception {
    for (int i = 0; i < values.size(); i++) {
      s.setString(i + 1, values.get(i));
    }
  }
}
