package mil.usace.cwbi.migration.engine;

import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's clock: the time Camunda stamps on tasks, timers and history. Our own "now" (due dates, test-period
 * ends, re-check bounds, reminders, the dashboard's overdue work) must be the same clock, so that a test that moves
 * Camunda's clock moves ours too. Camunda has no public API for it (only {@code impl.util.ClockUtil}); this is the
 * one place that reads it.
 */
public final class EngineClock {

  private EngineClock() {}

  /** Now, on the engine's clock. */
  public static Date getCurrentTime() {
    return ClockUtil.getCurrentTime();
  }
}
