package mil.usace.cwbi.migration.forecast;

import java.util.Arrays;
import java.util.List;

/**
 * The portfolio's history of one step: how long it took each office that finished it, as the median and the 25th
 * and 75th percentiles (linear between the two nearest values, as a spreadsheet's PERCENTILE.INC does).
 *
 * @param offices how many offices finished the step (0: no history, no forecast through this step)
 */
public record StepStats(int step, int offices, double medianDays, double p25Days, double p75Days) {

  public static StepStats of(int step, List<Double> days) {
    if (days.isEmpty()) {
      return new StepStats(step, 0, 0, 0, 0);
    }
    double[] sorted = days.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return new StepStats(step, sorted.length, percentile(sorted, 0.5), percentile(sorted, 0.25),
        percentile(sorted, 0.75));
  }

  static double percentile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int below = (int) Math.floor(h);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
  }

  public boolean hasHistory() {
    return offices > 0;
  }
}
