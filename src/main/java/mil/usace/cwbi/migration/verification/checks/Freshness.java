package mil.usace.cwbi.migration.verification.checks;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mil.usace.cwbi.migration.cda.CdaProperties;

/**
 * How old a series' newest value may be: {@code interval-multiple} of its interval (never less than
 * {@code minimum-age}); irregular series ({@code 0}) and intervals we cannot read: {@code irregular-max-age}.
 */
public final class Freshness {

  private static final Pattern INTERVAL = Pattern.compile(
      "~?(\\d+)(Minutes?|Hours?|Days?|Weeks?|Months?|Years?|Decades?)", Pattern.CASE_INSENSITIVE);

  private final CdaProperties.Freshness config;

  public Freshness(CdaProperties.Freshness config) {
    this.config = config;
  }

  /** The interval of a CDA interval name ({@code 15Minutes}, {@code ~1Day}, {@code 1Month}); null if irregular. */
  public static Duration interval(String name) {
    if (name == null) {
      return null;
    }
    Matcher m = INTERVAL.matcher(name.strip());
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2).toLowerCase(java.util.Locale.ROOT);
    Duration d;
    if (unit.startsWith("minute")) {
      d = Duration.ofMinutes(n);
    } else if (unit.startsWith("hour")) {
      d = Duration.ofHours(n);
    } else if (unit.startsWith("day")) {
      d = Duration.ofDays(n);
    } else if (unit.startsWith("week")) {
      d = Duration.ofDays(7 * n);
    } else if (unit.startsWith("month")) {
      d = Duration.ofDays(31 * n);
    } else if (unit.startsWith("year")) {
      d = Duration.ofDays(366 * n);
    } else {
      d = Duration.ofDays(3660 * n);
    }
    return d.isZero() ? null : d;
  }

  public Duration limit(String intervalName) {
    Duration i = interval(intervalName);
    if (i == null) {
      return config.getIrregularMaxAge();
    }
    Duration byInterval = i.multipliedBy(config.getIntervalMultiple());
    return byInterval.compareTo(config.getMinimumAge()) < 0 ? config.getMinimumAge() : byInterval;
  }

  /** Why the series is not fresh at {@code now}, or null when it is. */
  public String staleReason(SeriesExtent s, Instant now) {
    if (s.latest() == null) {
      return s.name() + " holds no values";
    }
    Duration limit = limit(s.interval());
    Duration age = Duration.between(s.latest(), now);
    if (age.compareTo(limit) > 0) {
      return s.name() + " has no value since " + s.latest() + " (" + round(age) + " old > limit " + limit + ")";
    }
    return null;
  }

  static Duration round(Duration d) {
    return Duration.ofMinutes(d.toMinutes());
  }
}
