package mil.usace.cwbi.migration.verification.checks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import mil.usace.cwbi.migration.verification.CheckResult;

/** The critical series (and an acquisition group's members) exist and are fresh, judged on one catalog scan. */
public final class SeriesChecks {

  public static final String PRESENT = "critical series present";
  public static final String FRESH = "critical series fresh";

  private SeriesChecks() {}

  public static CheckResult present(String label, Collection<String> ids, Map<String, SeriesExtent> found,
      String scanned) {
    String name = PRESENT + " (" + label + ")";
    if (ids.isEmpty()) {
      return CheckResult.fail(name, "no critical time series named (neither a list nor a group with members)");
    }
    List<String> missing = ids.stream().filter(id -> !found.containsKey(CatalogScan.key(id))).toList();
    if (!missing.isEmpty()) {
      return CheckResult.fail(name, "missing " + missing.size() + " of " + ids.size() + ": "
          + Evidence.list(missing) + "; " + scanned);
    }
    return CheckResult.pass(name, "all " + ids.size() + " in the catalog; " + scanned);
  }

  public static CheckResult fresh(String label, Collection<String> ids, Map<String, SeriesExtent> found,
      Freshness freshness, Instant now) {
    String name = FRESH + " (" + label + ")";
    List<SeriesExtent> present = ids.stream().map(id -> found.get(CatalogScan.key(id))).filter(Objects::nonNull)
        .toList();
    if (present.isEmpty()) {
      return CheckResult.fail(name, "none of the " + ids.size() + " critical series is there to be fresh");
    }
    return freshnessResult(name, present, ids.size(), freshness, now);
  }

  /** The members of an acquisition group that belong to the office exist and are fresh. */
  public static CheckResult group(String name, String office, Collection<String> members,
      Map<String, SeriesExtent> found, Freshness freshness, Instant now) {
    if (members.isEmpty()) {
      return CheckResult.fail(name, "the group has no time series of " + office);
    }
    List<String> missing = members.stream().filter(id -> !found.containsKey(CatalogScan.key(id))).toList();
    List<SeriesExtent> present = members.stream().map(id -> found.get(CatalogScan.key(id)))
        .filter(Objects::nonNull).toList();
    CheckResult fresh = present.isEmpty() ? null : freshnessResult(name, present, members.size(), freshness, now);
    if (!missing.isEmpty()) {
      return CheckResult.fail(name, members.size() + " members of " + office + "; missing from the catalog "
          + missing.size() + ": " + Evidence.list(missing) + (fresh == null ? "" : "; " + fresh.evidence()));
    }
    return new CheckResult(name, fresh.passed(), members.size() + " members of " + office + "; " + fresh.evidence());
  }

  static CheckResult freshnessResult(String name, List<SeriesExtent> present, int named, Freshness freshness,
      Instant now) {
    List<String> stale = new ArrayList<>();
    for (SeriesExtent s : present) {
      String why = freshness.staleReason(s, now);
      if (why != null) {
        stale.add(why);
      }
    }
    if (!stale.isEmpty()) {
      return CheckResult.fail(name, "stale " + stale.size() + " of " + present.size() + ": " + Evidence.list(stale));
    }
    SeriesExtent oldest = present.stream().min(Comparator.comparing(SeriesExtent::latest)).orElseThrow();
    Duration age = Freshness.round(Duration.between(oldest.latest(), now));
    return CheckResult.pass(name, present.size() + (present.size() == named ? "" : " present of " + named)
        + " fresh; least recent " + oldest.name() + " newest " + oldest.latest() + " (age " + age + ", limit "
        + freshness.limit(oldest.interval()) + ")");
  }
}
