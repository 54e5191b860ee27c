package mil.usace.cwbi.migration.roadmap;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import mil.usace.cwbi.migration.process.MigrationVariables;
import org.camunda.bpm.engine.RepositoryService;
import mil.usace.cwbi.migration.engine.EngineCommand;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * The one source of roadmap facts (steps, phases, names, lanes, fix tasks, gates, due periods, step count): read
 * from the deployed model of the migration through Camunda's public API, once per process definition (a deployed
 * version never changes), so each office is answered by the version it runs.
 */
@Component
public class Roadmap {

  private final RepositoryService repository;
  private final Map<String, RoadmapFacts> byDefinition = new ConcurrentHashMap<>();

  public Roadmap(RepositoryService repository) {
    this.repository = repository;
  }

  /** The roadmap of one deployed version of the migration ({@code processDefinitionId}). */
  public RoadmapFacts of(String processDefinitionId) {
    return byDefinition.computeIfAbsent(processDefinitionId, id -> privileged(() -> {
      RoadmapFacts facts = read(id);
      if (facts.hasRoadmap()) {
        return facts;
      }
      // version 1 (generated, no properties) until its offices are moved: the latest roadmap's facts by id
      for (ProcessDefinition later : repository.createProcessDefinitionQuery()
          .processDefinitionKey(MigrationVariables.PROCESS_KEY).orderByProcessDefinitionVersion().desc().list()) {
        RoadmapFacts candidate = read(later.getId());
        if (candidate.hasRoadmap()) {
          return facts.withFactsOf(candidate);
        }
      }
      return facts;
    }));
  }

  private RoadmapFacts read(String processDefinitionId) {
    ProcessDefinition definition = repository.getProcessDefinition(processDefinitionId);
    return RoadmapFacts.read(repository.getBpmnModelInstance(processDefinitionId), definition.getKey());
  }

  /** The roadmap of the latest deployed version: for offices not started yet. */
  public RoadmapFacts latest() {
    return of(latestDefinitionId());
  }

  public String latestDefinitionId() {
    return privileged(() -> repository.createProcessDefinitionQuery()
        .processDefinitionKey(MigrationVariables.PROCESS_KEY).latestVersion().singleResult().getId());
  }

  /**
   * The roadmap is no secret, and it is read on behalf of the code (a task listener, the dashboard), not of the
   * user whose command is running: without that user's authorization checks.
   */
  private static <T> T privileged(Supplier<T> read) {
    return EngineCommand.privileged(read);
  }
}
