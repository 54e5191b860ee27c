package mil.usace.cwbi.migration.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.support.MigrationDriver;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Builds a portfolio's history with a moved engine clock: each office walks the roadmap, finishing each step a
 * given number of days after the previous one. Day 0 is {@code t0}, noon UTC, so a step of n days is exactly n days.
 * The shared test database holds other classes' migrations: {@link #clear()} removes every migration and target
 * first, so the portfolio is exactly what the test builds.
 */
final class ForecastHistory {

  static final String[] STEP_1 = {"task_1_1_convert_scripts", "task_1_2_usgs_scripts", "task_1_3_critimport",
      "task_1_4_shef_parser", "task_1_5_export_shef_config", "task_1_6_opendcs_dev"};
  static final String[] STEP_2 = {"task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products",
      "task_2_4_custom_schema"};
  static final String[] STEP_3 = {"task_3_1_modeling_ops"};
  static final String[] STEP_4 = {"task_4_schema_functions", "task_4_ldm_products", "task_4_usgs_config",
      "task_4_batch_scripts", "task_4_opendcs_import", "task_4_district_comments"};
  /** Agreed and worked at once; the step then lasts the 14-day test period and the next re-check. */
  static final String[] STEP_5 = {"task_5_set_test_period", "task_5_agree_test_period",
      "task_5_confirm_data_processes", "task_5_rts_forecasts"};
  static final String[] STEP_7 = {"task_7_ldm_products", "task_7_usgs_config", "task_7_batch_scripts",
      "task_7_opendcs_import"};
  static final String[] STEP_8 = {"task_8_goldengate_off", "task_8_import_two_years", "task_8_migrate_history"};
  static final String[] STEP_9 = {"task_9_decommission_t7"};

  final Instant t0;
  private final MigrationDriver driver;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final ManagementService management;
  private final JdbcTemplate jdbc;

  ForecastHistory(Instant t0, MigrationDriver driver, RuntimeService runtime, HistoryService history,
      ManagementService management, JdbcTemplate jdbc) {
    this.t0 = t0;
    this.driver = driver;
    this.runtime = runtime;
    this.history = history;
    this.management = management;
    this.jdbc = jdbc;
  }

  /** Noon UTC of today minus {@code daysAgo}: day 0 of a history that reaches today after that many days. */
  static Instant noonDaysAgo(long daysAgo) {
    return LocalDate.now(ZoneOffset.UTC).minusDays(daysAgo).atTime(12, 0).toInstant(ZoneOffset.UTC);
  }

  LocalDate date(long day) {
    return LocalDate.ofInstant(t0, ZoneOffset.UTC).plusDays(day);
  }

  void at(long day) {
    ClockUtil.setCurrentTime(Date.from(t0.plus(Duration.ofDays(day))));
  }

  /** Every migration (running ones cancelled) and its history, and every target date. */
  void clear() {
    List<String> running = runtime.createProcessInstanceQuery()
        .processDefinitionKey(MigrationVariables.PROCESS_KEY).list().stream().map(p -> p.getId()).toList();
    if (!running.isEmpty()) {
      runtime.deleteProcessInstances(running, "forecast test: a portfolio of its own", true, true);
    }
    List<String> all = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(MigrationVariables.PROCESS_KEY).list().stream()
        .map(HistoricProcessInstance::getId).toList();
    if (!all.isEmpty()) {
      history.deleteHistoricProcessInstances(all);
    }
    jdbc.update("delete from " + TargetDates.TABLE);
  }

  /** One office's walk through the roadmap. */
  Walk start(String office, long day) {
    at(day);
    return new Walk(driver.start(office, false).getId(), day);
  }

  final class Walk {
    final String processInstanceId;
    long day;

    Walk(String processInstanceId, long day) {
      this.processInstanceId = processInstanceId;
      this.day = day;
    }

    /** Finishes {@code step} {@code days} after the previous one (Step 5: at least 15, its test period). */
    Walk step(int step, long days) {
      day += days;
      switch (step) {
        case 5 -> {
          driver.completeAll(processInstanceId, STEP_5); // agreed at the step's start: the test period runs
          at(day);
          for (Job job : management.createJobQuery().processInstanceId(processInstanceId).timers().executable()
              .list()) {
            management.executeJob(job.getId());
          }
          driver.runJobs(processInstanceId);
        }
        case 6 -> { } // passed the Phase 2 gate: no Step 6 work
        default -> {
          at(day);
          driver.completeAll(processInstanceId, tasks(step));
        }
      }
      return this;
    }

    /** Finishes the steps in order, taking the given days each, starting with Step 1. */
    Walk steps(long... days) {
      for (int i = 0; i < days.length; i++) {
        step(i + 1, days[i]);
      }
      return this;
    }

    boolean finished() {
      return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0;
    }
  }

  static String[] tasks(int step) {
    return switch (step) {
      case 1 -> STEP_1;
      case 2 -> STEP_2;
      case 3 -> STEP_3;
      case 4 -> STEP_4;
      case 7 -> STEP_7;
      case 8 -> STEP_8;
      case 9 -> STEP_9;
      default -> throw new IllegalArgumentException("step " + step);
    };
  }
}
