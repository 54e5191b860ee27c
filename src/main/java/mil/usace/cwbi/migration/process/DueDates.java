package mil.usace.cwbi.migration.process;

import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mil.usace.cwbi.migration.engine.EngineClock;
import org.springframework.stereotype.Component;

/**
 * Due dates of the user tasks, used in the BPMN as {@code camunda:dueDate="${dueDates.of('task_1_3_critimport')}"}.
 * A task-specific period wins over its step's default ({@code task_<step>_...}); counted from the engine's clock
 * so tests can move time.
 */
@Component("dueDates")
public class DueDates {

  private static final Pattern STEP = Pattern.compile("^task_(\\d)_.*");

  private final MigrationProperties properties;

  public DueDates(MigrationProperties properties) {
    this.properties = properties;
  }

  public Date of(String taskKey) {
    Period period = periodOf(taskKey);
    return Date.from(EngineClock.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC).plus(period).toInstant());
  }

  public Period periodOf(String taskKey) {
    MigrationProperties.Due due = properties.getDue();
    Period p = due.getTasks().get(taskKey);
    if (p != null) {
      return p;
    }
    Matcher m = STEP.matcher(taskKey);
    if (m.matches() && due.getSteps().containsKey(m.group(1))) {
      return due.getSteps().get(m.group(1));
    }
    return due.getDefault();
  }
}
