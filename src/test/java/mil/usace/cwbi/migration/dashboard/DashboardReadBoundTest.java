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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 13, item 3: what HEC's dashboard (and the forecast in it) reads of the activity history is bounded by the
 * migration's visits of the steps, not by its re-checks. Two offices held at the same failing T7 check, one with 1
 * re-check and one with 50: their rows are the same, the history statements return as many rows for each, and the
 * database walks as many rows for each (H2's {@code EXPLAIN ANALYZE} scan counts of the very statements run), though
 * the second office's activity history is many times longer. Not timed: counted.
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
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(office).list()
          .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
    }
  }

  @Test
  void oneReCheckAndFiftyReadTheSame() throws Exception {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-07T08:00:00Z")));
    ProcessInstance few = heldAtT7(FEW, 1);
    ProcessInstance many = heldAtT7(MANY, 50);
    long fewRows = history.createHistoricActivityInstanceQuery().processInstanceId(few.getId()).count();
    long manyRows = history.createHistoricActivityInstanceQuery().processInstanceId(many.getId()).count();
    assertThat(manyRows).as("50 re-checks wrote a much longer history").isGreaterThan(fewRows + 200);

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
        "forecast user tasks");
    fewReads.forEach((what, counts) -> {
      assertThat(manyReads.get(what)[0]).as(what + ": rows returned, 50 re-checks against 1").isEqualTo(counts[0]);
      assertThat(manyReads.get(what)[1]).as(what + ": rows the database walked (scanCount), 50 re-checks against 1")
          .isEqualTo(counts[1]);
    });
    assertThat(fewReads.get("top-level")[0]).as("start event, Step 1, the T7 check").isGreaterThanOrEqualTo(3);
    assertThat(fewReads.get("step work")[0]).as("Step 1's roadmap work done").isEqualTo(5);
  }

  /** An office whose T7 check failed, then re-checked {@code reChecks} times (failing again each time). */
  ProcessInstance heldAtT7(String office, int reChecks) {
    ProcessInstance pi = driver.start(office, false);
    driver.completeAll(pi.getId(), "task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
        "task_1_5_export_shef_config", "task_1_6_opendcs_dev");
    for (int i = 0; i < reChecks; i++) {
      // the re-check timer fires (run now, whatever its due date), then the check, then a new fix task
      Job timer = management.createJobQuery().processInstanceId(pi.getId()).activityId("timer_recheck_fix_t7")
          .singleResult();
      assertThat(timer).as("re-check timer of " + office).isNotNull();
      management.executeJob(timer.getId());
      driver.runJobs(pi.getId());
    }
    assertThat(driver.task(pi.getId(), "task_fix_t7_findings")).isNotNull();
    return pi;
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
    reads.put("forecast user tasks", steps.firstOfReads(ids, StepFacts.userTasks(), List.of(definition)));
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
