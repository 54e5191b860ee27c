package mil.usace.cwbi.migration.forecast;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * When an office's migration is likely to finish (JSON {@code forecast} of a dashboard row; {@link Forecasts}).
 *
 * @param status FORECAST (dates below), NO_HISTORY (a step ahead has no history anywhere: no dates), FINISHED
 *     ({@code predicted} is the day it finished), NOT_STARTED
 * @param step the step the office is in now; null when finished or not started
 * @param predicted the predicted completion date (UTC); the finish date when FINISHED; null otherwise
 * @param early the early end of the range (the steps ahead at the portfolio's 25th percentile); null without a
 *     forecast
 * @param late the late end of the range (75th percentile)
 * @param target HEC's target date for this office (its own, else the one for all offices); null when none
 * @param targetForAll whether {@code target} is the one HEC set for all offices
 * @param atRisk the predicted date is after the target
 * @param explanation one line in the roadmap's words: which step is slow compared with what, or why there is no
 *     forecast
 * @param pace this office's time on the steps it finished, as a share of the portfolio's median for those steps
 *     (1.0 when it finished none); null without a forecast
 * @param steps the steps ahead, each with the portfolio's history and what is left of it for this office
 */
public record Forecast(
    String office,
    Status status,
    Integer step,
    LocalDate predicted,
    LocalDate early,
    LocalDate late,
    LocalDate target,
    boolean targetForAll,
    boolean atRisk,
    String explanation,
    Double pace,
    List<StepEstimate> steps) {

  public enum Status { FORECAST, NO_HISTORY, FINISHED, NOT_STARTED }

  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  /**
   * One step ahead of the office.
   *
   * @param elapsedDays this office's time in the step so far
   * @param offices how many offices finished the step (the portfolio's history)
   * @param remainingDays what the forecast counts for it: the median times the office's pace, less the time already
   *     spent, not below zero
   */
  public record StepEstimate(int step, String name, double elapsedDays, int offices, double medianDays,
      double p25Days, double p75Days, double remainingDays) {}

  /** Whole days the predicted date is after the target; 0 when not at risk. */
  @JsonProperty
  public long daysPastTarget() {
    return atRisk ? ChronoUnit.DAYS.between(target, predicted) : 0;
  }

  /** "forecast 12 Mar 2027 is after the target 28 Feb 2027" when at risk; null otherwise. */
  @JsonProperty
  public String riskLine() {
    return atRisk ? "forecast " + DAY.format(predicted) + " is after the target " + DAY.format(target) : null;
  }
}
