package mil.usace.cwbi.migration.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.forecast.Forecast.Status;
import mil.usace.cwbi.migration.forecast.StepTimeline.Activity;
import org.junit.jupiter.api.Test;

/** The method on hand-made histories: step times, quartiles, pace, dates, the one-line explanation. */
class ForecastModelTest {

  static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");

  static Instant day(double d) {
    return T0.plus(Duration.ofMinutes(Math.round(d * 24 * 60)));
  }

  static Activity act(String id, String type, double from, Double to) {
    return new Activity(id, type, day(from), to == null ? null : day(to));
  }

  @Test
  void quartilesAreLinearBetweenTheNearestValues() {
    StepStats s = StepStats.of(1, List.of(40.0, 20.0, 30.0, 30.0));
    assertThat(s.offices()).isEqualTo(4);
    assertThat(s.medianDays()).isEqualTo(30.0);
    assertThat(s.p25Days()).isEqualTo(27.5);
    assertThat(s.p75Days()).isEqualTo(32.5);
    StepStats one = StepStats.of(2, List.of(12.0));
    assertThat(List.of(one.medianDays(), one.p25Days(), one.p75Days())).containsOnly(12.0);
    assertThat(StepStats.of(3, List.of()).hasHistory()).isFalse();
  }

  @Test
  void parallelWorkCountsOnceAndAWaitingCheckBelongsToWhatComesNext() {
    List<Activity> acts = new ArrayList<>();
    acts.add(act("split_step_1", "inclusiveGateway", 0, 0.0));
    acts.add(act("task_1_1_convert_scripts", "userTask", 0, 8.0));
    acts.add(act("task_1_3_critimport", "userTask", 0, 10.0));
    // the T7 check's job waited a day before it ran (no activity in between)
    acts.add(act("check_t7", "callActivity", 11, 11.0));
    acts.add(act("task_2_1_load_db_objects", "userTask", 11, null));
    StepTimeline t = StepTimeline.of(acts, day(20), null);
    assertThat(t.elapsedMs(1)).isEqualTo(Duration.ofDays(11).toMillis());
    assertThat(t.elapsedMs(2)).isEqualTo(Duration.ofDays(9).toMillis());
    assertThat(t.current()).isEqualTo(2);
    assertThat(t.finishedSteps()).containsExactly(1);
    assertThat(t.openSteps()).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
  }

  @Test
  void theStep6LoopAddsToStep5AndKeepsItOpen() {
    List<Activity> acts = new ArrayList<>();
    acts.add(act("task_4_batch_scripts", "userTask", 0, 10.0));
    acts.add(act("task_5_confirm_data_processes", "userTask", 10, 25.0));
    acts.add(act("gate_phase_2", "exclusiveGateway", 25, 25.0));
    acts.add(act("task_6_fix_issues", "userTask", 25, 30.0));
    acts.add(act("task_5_confirm_data_processes", "userTask", 30, null));
    StepTimeline back = StepTimeline.of(acts, day(33), null);
    assertThat(back.current()).isEqualTo(5);
    assertThat(back.elapsedMs(5)).isEqualTo(Duration.ofDays(18).toMillis());
    assertThat(back.elapsedMs(6)).isEqualTo(Duration.ofDays(5).toMillis());
    assertThat(back.finishedSteps()).containsExactly(4);

    StepTimeline inStep6 = StepTimeline.of(acts.subList(0, 4), day(27), null);
    assertThat(inStep6.current()).isEqualTo(6);
    assertThat(inStep6.finishedSteps()).as("Step 5 may come back").containsExactly(4);
    assertThat(inStep6.openSteps()).containsExactly(5, 6, 7, 8, 9);
  }

  @Test
  void anOfficeStartedPartWayCountsOnlyTheStepsItWorkedIn() {
    List<Activity> acts = new ArrayList<>();
    acts.add(act("check_t7", "callActivity", 0, 0.0)); // a check of a phase passed over: no work, no history
    acts.add(act("task_5_confirm_data_processes", "userTask", 0, 15.0));
    acts.add(act("gate_phase_2", "exclusiveGateway", 15, 15.0));
    acts.add(act("task_7_batch_scripts", "userTask", 15, null));
    StepTimeline t = StepTimeline.of(acts, day(20), null);
    assertThat(t.finishedSteps()).containsExactly(5, 6);
    assertThat(t.elapsedMs(6)).isZero();
  }

  @Test
  void anOfficeStartedAtStep5AndHeldAtThePhase1GateHasNoPaceOfItsOwnFromTheStepsItPassedBy() {
    List<Activity> acts = new ArrayList<>();
    for (int s = 1; s <= 3; s++) {
      acts.add(act("step_" + s, "subProcess", 0, 0.0)); // passed by: done before this application
    }
    acts.add(act("check_t7", "subProcess", 0, 0.0));
    acts.add(act("verify_t7", "serviceTask", 0, 0.0));
    acts.add(act("check_cwbi_dev", "subProcess", 0, 12.0));
    acts.add(act("task_fix_phase_1_findings", "userTask", 0, 12.0)); // held at the gate: a fix, not Step 3's work
    acts.add(act("step_4", "subProcess", 12, 12.0));
    acts.add(act("task_5_set_test_period", "userTask", 12, null));
    StepTimeline t = StepTimeline.of(acts, day(20), null);
    assertThat(t.current()).isEqualTo(5);
    assertThat(t.finishedSteps()).as("no zero-length Step 4, no Step 3 of fixing alone").isEmpty();
    Forecast f = ForecastModel.running("SWF", t, portfolio(10, 8, 12), day(20), null, false);
    assertThat(f.status()).isNotEqualTo(Forecast.Status.NO_HISTORY);
    assertThat(f.explanation()).isEqualTo("No step finished here yet: each step ahead counts at the portfolio's median");
  }

  /** Portfolio: Step s's median, p25, p75 in days (the same for every step here unless given). */
  static Map<Integer, StepStats> portfolio(double median, double p25, double p75) {
    Map<Integer, StepStats> m = new java.util.HashMap<>();
    for (int s = 1; s <= 9; s++) {
      m.put(s, new StepStats(s, 3, median, p25, p75));
    }
    return m;
  }

  @Test
  void paceScalesTheStepsAheadAndTheSlowestStepExplainsIt() {
    // Step 1 took 20 days, Step 2 40 days (median 10 each): pace 3; in Step 3 for 5 days
    List<Activity> acts = List.of(act("task_1_1_convert_scripts", "userTask", 0, 20.0),
        act("task_2_1_load_db_objects", "userTask", 20, 60.0), act("task_3_1_modeling_ops", "userTask", 60, null));
    Map<Integer, StepStats> p = portfolio(10, 8, 12);
    StepTimeline t = StepTimeline.of(acts, day(65), null);
    Forecast f = ForecastModel.running("LRL", t, p, day(65), LocalDate.of(2030, 6, 1), false);
    assertThat(f.status()).isEqualTo(Status.FORECAST);
    assertThat(f.pace()).isCloseTo(3.0, within(1e-9));
    // Step 3: 30 - 5 = 25; Steps 4-9: 6 x 30 = 180 -> 205 days; early 24 x 3 = 19 + 144 = 163; late 31 + 216 = 247
    LocalDate today = LocalDate.of(2030, 3, 7);
    assertThat(f.predicted()).isEqualTo(today.plusDays(205));
    assertThat(f.early()).isEqualTo(today.plusDays(163));
    assertThat(f.late()).isEqualTo(today.plusDays(247));
    assertThat(f.atRisk()).isTrue();
    assertThat(f.explanation()).isEqualTo("Step 2 took 40 days here, the portfolio's median is 10 days");

    Forecast later = ForecastModel.running("LRL", t, p, day(65), today.plusDays(205), false);
    assertThat(later.atRisk()).as("on the target day itself is not past it").isFalse();
  }

  @Test
  void aPaceIsBoundedAndAQuickOfficeIsOnPace() {
    List<Activity> acts = List.of(act("task_1_1_convert_scripts", "userTask", 0, 5.0),
        act("task_2_1_load_db_objects", "userTask", 5, null));
    Forecast f = ForecastModel.running("SWT", StepTimeline.of(acts, day(6), null), portfolio(10, 8, 12), day(6),
        null, false);
    assertThat(f.pace()).isEqualTo(0.5);
    assertThat(f.explanation())
        .isEqualTo("On pace: no step took longer here than the portfolio's median (the finished steps took 50% of the median time)");

    List<Activity> flash = List.of(act("task_1_1_convert_scripts", "userTask", 0, 0.5),
        act("task_2_1_load_db_objects", "userTask", 0.5, null));
    assertThat(ForecastModel.running("SWT", StepTimeline.of(flash, day(1), null), portfolio(10, 8, 12), day(1),
        null, false).pace()).isEqualTo(ForecastModel.MIN_PACE);
  }

  @Test
  void aStepNoOfficeFinishedGivesNoDate() {
    Map<Integer, StepStats> p = portfolio(10, 8, 12);
    p.put(6, new StepStats(6, 0, 0, 0, 0));
    List<Activity> acts = List.of(act("task_4_batch_scripts", "userTask", 0, null));
    Forecast f = ForecastModel.running("SAJ", StepTimeline.of(acts, day(3), null), p, day(3),
        LocalDate.of(2030, 2, 1), false);
    assertThat(f.status()).isEqualTo(Status.NO_HISTORY);
    assertThat(f.explanation()).isEqualTo("No office has finished Step 6 yet; no forecast");
    assertThat(f.predicted()).isNull();
    assertThat(f.early()).isNull();
    assertThat(f.atRisk()).isFalse();
  }
}
