package mil.usace.cwbi.migration.roadmap;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import mil.usace.cwbi.migration.process.MigrationVariables;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
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
      // version 1 (generated, no properties) until its offices are moved: the later roadmaps' facts by id, the
      // newest that knows an id answering it (version 3 dropped the check sub-processes' ids that version 2 kept)
      java.util.List<RoadmapFacts> later = new java.util.ArrayList<>();
      for (ProcessDefinition d : repository.createProcessDefinitionQuery()
          .processDefinitionKey(MigrationVariables.PROCESS_KEY).orderByProcessDefinitionVersion().desc().list()) {
        RoadmapFacts candidate = read(d.getId());
        if (candidate.hasRoadmap()) {
          later.add(candidate);
        }
      }
      return later.isEmpty() ? facts : facts.withFactsOf(later);
    }));
  }

  private RoadmapFacts read(String processDefinitionId) {
    ProcessDefinition definition = repository.getProcessDefinition(processDefinitionId);
    RoadmapFacts facts = RoadmapFacts.read(repository.getBpmnModelInstance(processDefinitionId), definition.getKey());
    // the checks it calls: their elements answer as part of the calling check (its step, gate, lane, due period)
    for (Map.Entry<String, String> call : facts.calls().entrySet()) {
      ProcessDefinition called = repository.createProcessDefinitionQuery().processDefinitionKey(call.getValue())
          .latestVersion().singleResult(); // the models' calledElementBinding is "latest"
      if (called != null) {
        facts = facts.withCalled(call.getKey(),
            RoadmapFacts.read(repository.getBpmnModelInstance(called.getId()), called.getKey()));
      }
    }
    return facts;
  }

  /**
   * Where an activity of a running execution is in the roadmap: the facts of its migration and the key they answer
   * it by. An activity of a check the migration called ({@code verify-environment}) is answered by the calling
   * migration's roadmap under {@link RoadmapFacts#inCall} (the fix task of {@code check_t7} is in Step 1, held at
   * the T7 check); any other by its own version.
   */
  public Place placeOf(DelegateExecution execution, String activityId) {
    DelegateExecution caller = execution.getProcessInstance() == null ? null
        : execution.getProcessInstance().getSuperExecution();
    if (caller == null) {
      return new Place(of(execution.getProcessDefinitionId()), activityId, execution.getProcessDefinitionId());
    }
    return new Place(of(caller.getProcessDefinitionId()),
        RoadmapFacts.inCall(caller.getCurrentActivityId(), activityId), caller.getProcessDefinitionId());
  }

  /** The facts to ask, the key to ask them by, and the migration version that answers ({@code definitionId}). */
  public record Place(RoadmapFacts facts, String key, String definitionId) {
    public String lane() {
      return facts.lane(key);
    }

    public boolean isFixTask() {
      return facts.isFixTask(key);
    }

    public Integer step() {
      return facts.step(key);
    }
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
