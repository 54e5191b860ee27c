package mil.usace.cwbi.migration.process;

import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import mil.usace.cwbi.migration.roadmap.Roadmap;
import mil.usace.cwbi.migration.roadmap.RoadmapFacts;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import mil.usace.cwbi.migration.engine.EngineClock;
import mil.usace.cwbi.migration.engine.EngineCommand;
import org.springframework.stereotype.Component;

/**
 * Due dates of the user tasks: {@code cwbi.due.tasks.<taskKey>} if configured, else the task's {@code duePeriod} in
 * the model (roadmap.Roadmap), else {@code cwbi.due.default}. Counted from the engine's clock so tests can move time.
 * The model calls it as {@code camunda:dueDate="${dueDates.ofTask(execution)}"}, or as version 1 did,
 * {@code ${dueDates.of('task_1_3_critimport')}}: in both the task asked about is the one being created (the
 * execution's current activity), so a task renamed in Modeler keeps its due date whatever the expression names.
 */
@Component("dueDates")
public class DueDates {

  private final MigrationProperties properties;
  private final Roadmap roadmap;

  public DueDates(MigrationProperties properties, Roadmap roadmap) {
    this.properties = properties;
    this.roadmap = roadmap;
  }

  /** The due date of the user task {@code execution} is creating. */
  public Date ofTask(DelegateExecution execution) {
    // a called check's fix task: the due period of the check that called it (cwbi.due.tasks by its own key)
    Roadmap.Place place = roadmap.placeOf(execution, execution.getCurrentActivityId());
    Period configured = properties.getDue().getTasks().get(execution.getCurrentActivityId());
    return from(configured != null ? configured : periodOf(place.facts(), place.key()));
  }

  /**
   * In the model: the due date of the task being created ({@code taskKey} is version 1's way to name it and is not
   * needed). Outside a running execution: of task {@code taskKey} in the latest version.
   */
  public Date of(String taskKey) {
    // an expression has no public way to its execution: the engine's context tells which task is being created
    DelegateExecution execution = EngineCommand.currentExecution();
    if (execution != null && execution.getCurrentActivityId() != null) {
      return ofTask(execution);
    }
    return from(periodOf(roadmap.latest(), taskKey));
  }

  public Period periodOf(RoadmapFacts facts, String taskKey) {
    MigrationProperties.Due due = properties.getDue();
    Period configured = due.getTasks().get(taskKey);
    if (configured != null) {
      return configured;
    }
    Period modelled = facts.duePeriod(taskKey);
    return modelled != null ? modelled : due.getDefault();
  }

  private static Date from(Period period) {
    return Date.from(EngineClock.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC).plus(period).toInstant());
  }
}
