package mil.usace.cwbi.migration.process.versions;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;

/**
 * How a running office moves from one version of the roadmap model to the next (docs/roadmap-changes.md). One
 * implementation per roadmap change, a Spring bean; {@link RunningOfficesMover} applies them in their {@code @Order}
 * on start-up, so an office two versions behind moves through each in turn.
 */
public interface RoadmapVersionPlan {

  /** {@code camunda:versionTag} of the version the offices leave. */
  String fromVersionTag();

  /** {@code camunda:versionTag} of the version they move to. */
  String toVersionTag();

  /**
   * The migration plan between two deployed definitions of those versions: which activity of the old version each
   * running token goes to. Built (and validated by the engine) once per source definition.
   */
  MigrationPlan migrationPlan(RuntimeService runtime, String sourceDefinitionId, String targetDefinitionId);

  /**
   * Moves one office: the migration and whatever the plan cannot say (tokens taken off and put back, new tasks).
   * Runs inside the caller's transaction: if it throws, the office stays on the old version, untouched.
   *
   * @return what the move changed for this office, in the roadmap's words, for its audit trail
   */
  String move(ProcessEngine engine, MigrationPlan plan, String processInstanceId);
}
