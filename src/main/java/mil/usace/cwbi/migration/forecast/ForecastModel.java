package mil.usace.cwbi.migration.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mil.usace.cwbi.migration.forecast.Forecast.Status;
import mil.usace.cwbi.migration.forecast.Forecast.StepEstimate;

/**
 * The forecast of one office from its own step times and the portfolio's history (docs/dashboard.md, "Forecast"):
 * <ol>
 *   <li>pace = the office's time on the steps it finished / the portfolio's median time of those steps
 *       (1 when it finished none; kept between {@value #MIN_PACE} and {@value #MAX_PACE} so one odd step cannot
 *       make the date absurd);</li>
 *   <li>each step ahead (the current one included) takes pace × the step's median, less the time already spent in
 *       it, never below zero; the range takes the 25th and 75th percentiles instead of the median;</li>
 *   <li>the dates are today plus the sum, rounded up to whole days.</li>
 * </ol>
 * A step ahead that no office has finished yet gives no forecast at all, and says so.
 */
public final class ForecastModel {

  static final double MIN_PACE = 0.25;
  static final double MAX_PACE = 4.0;
  static final double DAY_MS = 24d * 3600 * 1000;
  /** An excess below a day is not "slow". */
  private static final double SLOW_DAYS = 1.0;

  private ForecastModel() {}

  public static Forecast notStarted(String office, LocalDate target, boolean targetForAll) {
    return new Forecast(office, Status.NOT_STARTED, null, null, null, null, target, targetForAll, false,
        "Not started: no forecast", null, List.of());
  }

  public static Forecast finished(String office, Instant ended, LocalDate target, boolean targetForAll) {
    LocalDate day = LocalDate.ofInstant(ended, ZoneOffset.UTC);
    return new Forecast(office, Status.FINISHED, null, day, null, null, target, targetForAll, false,
        "Finished on " + Forecast.DAY.format(day), null, List.of());
  }

  public static Forecast running(String office, StepTimeline timeline, Map<Integer, StepStats> portfolio,
      Instant now, LocalDate target, boolean targetForAll) {
    Set<Integer> open = timeline.openSteps();
    for (int s : open) {
      if (!stats(portfolio, s).hasHistory()) {
        return new Forecast(office, Status.NO_HISTORY, timeline.current(), null, null, null, target, targetForAll,
            false, "No office has finished Step " + s + " yet; no forecast", null, List.of());
      }
    }
    double actual = 0;
    double typical = 0;
    for (int s : timeline.finishedSteps()) {
      StepStats st = stats(portfolio, s);
      if (st.hasHistory()) {
        actual += days(timeline.elapsedMs(s));
        typical += st.medianDays();
      }
    }
    boolean ownPace = typical > 0;
    double pace = ownPace ? Math.max(MIN_PACE, Math.min(MAX_PACE, actual / typical)) : 1.0;

    List<StepEstimate> steps = new ArrayList<>();
    double median = 0;
    double early = 0;
    double late = 0;
    for (int s : open) {
      StepStats st = stats(portfolio, s);
      double spent = days(timeline.elapsedMs(s));
      double left = Math.max(0, pace * st.medianDays() - spent);
      median += left;
      early += Math.max(0, pace * st.p25Days() - spent);
      late += Math.max(0, pace * st.p75Days() - spent);
      steps.add(new StepEstimate(s, StepFacts.name(s), spent, st.offices(), st.medianDays(), st.p25Days(),
          st.p75Days(), left));
    }
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate predicted = today.plusDays(wholeDays(median));
    boolean atRisk = target != null && predicted.isAfter(target);
    return new Forecast(office, Status.FORECAST, timeline.current(), predicted, today.plusDays(wholeDays(early)),
        today.plusDays(wholeDays(late)), target, targetForAll, atRisk,
        explanation(timeline, portfolio, ownPace, actual, typical), pace, List.copyOf(steps));
  }

  /** The slowest step against the portfolio's median (the largest excess in days), in one line. */
  static String explanation(StepTimeline timeline, Map<Integer, StepStats> portfolio, boolean ownPace,
      double actual, double typical) {
    String line = null;
    double worst = SLOW_DAYS;
    for (int s = 1; s <= StepFacts.count(); s++) {
      StepStats st = stats(portfolio, s);
      boolean done = timeline.finishedSteps().contains(s);
      boolean now = timeline.openSteps().contains(s) && timeline.elapsedMs(s) > 0;
      if (!st.hasHistory() || !(done || now)) {
        continue;
      }
      double spent = days(timeline.elapsedMs(s));
      double excess = spent - st.medianDays();
      if (excess >= worst && (line == null || excess > worst)) {
        worst = excess;
        line = "Step " + s + (done ? " took " : " has taken ") + dayCount(spent) + (done ? "" : " so far")
            + " here, the portfolio's median is " + dayCount(st.medianDays());
      }
    }
    if (line != null) {
      return line;
    }
    if (ownPace) {
      return "On pace: no step took longer here than the portfolio's median (the finished steps took "
          + Math.round(100 * actual / typical) + "% of the median time)";
    }
    return "No step finished here yet: each step ahead counts at the portfolio's median";
  }

  private static StepStats stats(Map<Integer, StepStats> portfolio, int step) {
    return portfolio.getOrDefault(step, new StepStats(step, 0, 0, 0, 0));
  }

  static double days(long ms) {
    return ms / DAY_MS;
  }

  /** Rounded up; a rounding error of the sum does not add a day. */
  static long wholeDays(double days) {
    return (long) Math.ceil(days - 1e-6);
  }

  static String dayCount(double days) {
    long n = Math.round(days);
    return n + (n == 1 ? " day" : " days");
  }
}
