package mil.usace.cwbi.migration.process;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import mil.usace.cwbi.migration.process.forms.FieldFormat;
import mil.usace.cwbi.migration.engine.EngineClock;
import org.springframework.stereotype.Component;

/**
 * Time arithmetic the model's timers and gateways use, by the engine's clock (so tests can move it):
 * {@code ${timers.recheck()}}, {@code ${timers.testRecheck(testPeriodEnd)}}, {@code ${timers.isPast(testPeriodEnd)}}.
 */
@Component("timers")
public class Timers {

  private final MigrationProperties properties;

  public Timers(MigrationProperties properties) {
    this.properties = properties;
  }

  /** How long a fix task waits before its check re-runs on its own. */
  public String recheck() {
    return properties.getRecheckInterval().toString();
  }

  /** The next CWBI-TEST re-check: the configured interval, but never past the end of the test period. */
  public String testRecheck(Date testPeriodEnd) {
    Duration left = Duration.between(now(), testPeriodEnd.toInstant());
    Duration wait = left.compareTo(properties.getTestRecheckInterval()) < 0 ? left : properties.getTestRecheckInterval();
    return (wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait).toString();
  }

  public Date endOfTestPeriod(String testPeriod) {
    String iso = testPeriod == null ? "" : testPeriod.strip();
    if (FieldFormat.ISO_DURATION.problemOf(iso) != null) {
      throw new IllegalArgumentException("testPeriod '" + testPeriod + "' is not an ISO-8601 duration");
    }
    Instant end = iso.contains("T")
        ? now().plus(Duration.parse(iso))
        : now().atOffset(ZoneOffset.UTC).plus(java.time.Period.parse(iso)).toInstant();
    return Date.from(end);
  }

  public boolean isPast(Date moment) {
    return moment == null || !now().isBefore(moment.toInstant());
  }

  private static Instant now() {
    return EngineClock.getCurrentTime().toInstant();
  }
}
