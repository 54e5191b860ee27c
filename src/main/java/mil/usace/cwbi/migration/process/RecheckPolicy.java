package mil.usace.cwbi.migration.process;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import mil.usace.cwbi.migration.engine.EngineClock;
import org.springframework.stereotype.Component;

/**
 * Bounds the checks that fix-task completions start (issue 13). The model calls it:
 * <ul>
 *   <li>{@code ${recheckPolicy.checkStarted(execution, 'T7')}} when a {@code verify_*} task starts: the office's log
 *       of recent checks (process variable {@value #LOG}, at most {@code max-per-window} entries);</li>
 *   <li>{@code ${recheckPolicy.nextCheckAt(execution, 'T7')}}: the date of the timer "Wait for the next check" between a
 *       fix task and its check, so a completion never starts a check at once when one ran moments ago, and the
 *       wait is a token anyone can see in Cockpit;</li>
 *   <li>{@code ${recheckPolicy.describe(execution, 'T7')}}: the fix task's sentence about the next check.</li>
 * </ul>
 * One token per environment loop (check, fix task, wait) keeps at most one check pending or running per migration
 * and environment; this class keeps their rate.
 */
@Component("recheckPolicy")
public class RecheckPolicy {

  /** Process variable: the office's recent checks, "ENV millis" separated by commas, oldest first. */
  public static final String LOG = "recentChecks";

  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final RecheckProperties properties;
  private final MigrationProperties migration;

  public RecheckPolicy(RecheckProperties properties, MigrationProperties migration) {
    this.properties = properties;
    this.migration = migration;
  }

  /** Records that a check of {@code environment} starts now (kept: the last max-per-window checks). */
  public void checkStarted(DelegateExecution execution, String environment) {
    List<Entry> log = log(execution);
    log.add(new Entry(environment, now()));
    while (log.size() > properties.getMaxPerWindow()) {
      log.remove(0);
    }
    // the office's log, on its migration: a check it calls keeps the same rate and interval as one drawn in it
    MigrationScope.of(execution).setVariable(LOG, String.join(",", log.stream().map(Entry::toString).toList()));
  }

  /** When a check started by a fix-task completion may run: now, unless the interval or the office's rate says later. */
  public Date nextCheckAt(DelegateExecution execution, String environment) {
    return Date.from(earliest(log(execution), environment, now()));
  }

  /** The fix task's sentence: when the check re-runs on its own, and the earliest a completion can start it. */
  public String describe(DelegateExecution execution, String environment) {
    Instant now = now();
    Instant onItsOwn = now.plus(migration.getRecheckInterval());
    Instant earliest = earliest(log(execution), environment, now);
    return "The check runs again on its own on " + SHOWN.format(onItsOwn) + ". Completing this task starts it "
        + (earliest.isAfter(now) ? "on " + SHOWN.format(earliest) + " at the earliest" : "at once")
        + " (a check waits " + minutes(properties.getMinInterval()) + " after the last one; at most "
        + properties.getMaxPerWindow() + " checks per office in " + hours(properties.getWindow()) + ").";
  }

  Instant earliest(List<Entry> log, String environment, Instant now) {
    Instant at = now;
    for (int i = log.size() - 1; i >= 0; i--) {
      if (log.get(i).environment().equals(environment)) {
        at = max(at, log.get(i).time().plus(properties.getMinInterval()));
        break;
      }
    }
    Instant windowStart = now.minus(properties.getWindow());
    List<Instant> inWindow = log.stream().map(Entry::time).filter(t -> t.isAfter(windowStart)).sorted().toList();
    int over = inWindow.size() - properties.getMaxPerWindow();
    if (over >= 0) {
      // the next check may start when the oldest that keeps the window full leaves it
      at = max(at, inWindow.get(over).plus(properties.getWindow()));
    }
    return at;
  }

  static List<Entry> log(DelegateExecution execution) {
    Object value = MigrationScope.of(execution).getVariable(LOG);
    List<Entry> log = new ArrayList<>();
    if (value instanceof String s && !s.isBlank()) {
      for (String part : s.split(",")) {
        String[] f = part.strip().split(" ");
        if (f.length == 2 && f[1].matches("\\d{1,19}")) {
          log.add(new Entry(f[0], Instant.ofEpochMilli(Long.parseLong(f[1]))));
        }
      }
    }
    return log;
  }

  record Entry(String environment, Instant time) {
    @Override
    public String toString() {
      return environment + " " + time.toEpochMilli();
    }
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static String minutes(Duration d) {
    return d.toMinutes() == 1 ? "1 minute" : d.toMinutes() + " minutes";
  }

  private static String hours(Duration d) {
    return d.toHours() % 24 == 0 ? (d.toDays() == 1 ? "a day" : d.toDays() + " days") : d.toHours() + " hours";
  }

  private static Instant now() {
    return EngineClock.getCurrentTime().toInstant();
  }
}
