package mil.usace.cwbi.migration.verification.checks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.verification.CheckResult;

/**
 * After Step 8: each critical series on CWBI-PROD reaches back as far as on T7 (so at least the last two years
 * when T7 has them).
 */
public final class HistoryCoverageCheck {

  public static final String NAME = "history coverage (T7 -> CWBI-PROD)";

  private HistoryCoverageCheck() {}

  public static CheckResult run(Collection<String> ids, Map<String, SeriesExtent> t7, Map<String, SeriesExtent> prod,
      Duration tolerance, Duration minimum, Instant now) {
    if (ids.isEmpty()) {
      return CheckResult.fail(NAME, "no critical time series named");
    }
    List<String> problems = new ArrayList<>();
    Instant twoYears = now.minus(minimum);
    Instant oldestCovered = null;
    for (String id : ids) {
      SeriesExtent source = t7.get(CatalogScan.key(id));
      SeriesExtent target = prod.get(CatalogScan.key(id));
      if (source == null || source.earliest() == null) {
        problems.add(id + ": T7 has no values to compare with");
        continue;
      }
      if (target == null) {
        problems.add(id + ": not in CWBI-PROD");
        continue;
      }
      if (target.earliest() == null) {
        problems.add(id + ": CWBI-PROD holds no values (T7 from " + source.earliest() + ")");
        continue;
      }
      // as far back as T7, and never less than the minimum when T7 itself reaches that far
      Instant required = source.earliest();
      if (target.earliest().isAfter(required.plus(tolerance))) {
        problems.add(id + ": CWBI-PROD from " + target.earliest() + ", T7 from " + source.earliest()
            + (source.earliest().isBefore(twoYears) && target.earliest().isAfter(twoYears)
                ? " (less than the last " + minimum.toDays() + " days)" : ""));
        continue;
      }
      if (oldestCovered == null || target.earliest().isAfter(oldestCovered)) {
        oldestCovered = target.earliest();
      }
    }
    if (!problems.isEmpty()) {
      return CheckResult.fail(NAME, problems.size() + " of " + ids.size() + " critical series not covered: "
          + Evidence.list(problems));
    }
    return CheckResult.pass(NAME, "all " + ids.size() + " critical series on CWBI-PROD reach back as far as on T7"
        + " (the shortest from " + oldestCovered + ")");
  }
}
