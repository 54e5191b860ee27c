package mil.usace.cwbi.migration.process.versions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Roadmap version 2 to version 3 (issue 12, item 3): the four check sub-processes ({@code check_t7},
 * {@code check_cwbi_dev}, {@code check_cwbi_prod}, {@code check_history}) became call activities of the one check
 * process {@code verify-environment}, under the same ids; whatever else version 3 adds elsewhere needs no line here.
 * <ul>
 *   <li>Every activity that keeps its id maps to its namesake ({@code mapEqualActivities}): tasks keep their ids,
 *       assignees and form data, jobs their retries, timers their due dates.</li>
 *   <li>Tokens waiting at a join are taken off and put back ({@link JoinTokens}), as in {@link Version1To2}.</li>
 *   <li>An office inside a check that is now a call activity (at its verification job, its fix task or its wait
 *       timer) has the check restarted in the called process: Camunda cannot migrate an embedded sub-process into
 *       a call activity, so the check is cancelled on version 2 and started before its call activity on version 3.
 *       Its last report and verdict stay on the migration; the restarted check runs at once and, if it fails again,
 *       gives the fix task back (in the called instance).</li>
 * </ul>
 */
@Component
@Order(2)
public class Version2To3 implements RoadmapVersionPlan {

  @Override
  public String fromVersionTag() {
    return "2";
  }

  @Override
  public String toVersionTag() {
    return "3";
  }

  @Override
  public MigrationPlan migrationPlan(RuntimeService runtime, String sourceDefinitionId, String targetDefinitionId) {
    return runtime.createMigrationPlan(sourceDefinitionId, targetDefinitionId).mapEqualActivities().build();
  }

  @Override
  public String move(ProcessEngine engine, MigrationPlan plan, String processInstanceId) {
    RuntimeService runtime = engine.getRuntimeService();
    RepositoryService repository = engine.getRepositoryService();
    BpmnModelInstance source = repository.getBpmnModelInstance(plan.getSourceProcessDefinitionId());
    BpmnModelInstance target = repository.getBpmnModelInstance(plan.getTargetProcessDefinitionId());
    Map<String, String> nowCalled = nowCalled(source, target);

    JoinTokens.takeOff(runtime, processInstanceId);
    List<ActivityInstance> inCheck = new ArrayList<>();
    for (ActivityInstance child : runtime.getActivityInstance(processInstanceId).getChildActivityInstances()) {
      if (nowCalled.containsKey(child.getActivityId())) {
        inCheck.add(child);
      }
    }
    String placeholder = null;
    if (!inCheck.isEmpty()) {
      // Cancelling the check would leave the office without a token, and an instance without one ends. Meanwhile
      // it holds a token at a join of a step that both versions draw: a wait state that runs nothing, migrates, and
      // is cancelled as the check restarts.
      placeholder = placeholderJoin(source, target);
      ProcessInstanceModificationBuilder off = runtime.createProcessInstanceModification(processInstanceId)
          .startBeforeActivity(placeholder);
      inCheck.forEach(c -> off.cancelActivityInstance(c.getId()));
      off.execute(true, true); // nothing of the office's runs here: no listeners, no mappings
    }

    runtime.newMigration(plan).processInstanceIds(processInstanceId).execute();

    ActivityInstance tree = runtime.getActivityInstance(processInstanceId);
    ProcessInstanceModificationBuilder modification = runtime.createProcessInstanceModification(processInstanceId);
    List<String> notes = new ArrayList<>();
    for (ActivityInstance check : inCheck) {
      modification.startBeforeActivity(check.getActivityId());
      notes.add(nowCalled.get(check.getActivityId()));
    }
    if (placeholder != null) {
      for (ActivityInstance token : tree.getActivityInstances(placeholder)) {
        modification.cancelActivityInstance(token.getParentActivityInstanceId()); // its step scope with it
      }
    }
    int tokens = JoinTokens.putBack(target, tree, List.of(), modification);
    if (!inCheck.isEmpty() || tokens > 0) {
      modification.execute();
    }
    return notes.isEmpty() ? "Nothing changed in its current step."
        : String.join(" ", notes.stream().map(n -> n + " starts again in the one check process (its last report "
            + "is kept).").toList());
  }

  /** The top-level sub-processes of {@code source} that {@code target} draws as call activities: id to name. */
  static Map<String, String> nowCalled(BpmnModelInstance source, BpmnModelInstance target) {
    Map<String, String> ids = new TreeMap<>();
    for (SubProcess sub : source.getModelElementsByType(SubProcess.class)) {
      if (sub.getParentElement() instanceof Process
          && target.getModelElementById(sub.getId()) instanceof CallActivity call) {
        ids.put(sub.getId(), call.getName() == null ? sub.getId() : call.getName());
      }
    }
    return ids;
  }

  /**
   * A join both versions draw in the same step sub-process, with at least as many incoming flows on the target
   * (what Camunda needs to migrate a token waiting at it).
   */
  static String placeholderJoin(BpmnModelInstance source, BpmnModelInstance target) {
    for (ParallelGateway join : source.getModelElementsByType(ParallelGateway.class)) {
      if (join.getIncoming().size() < 2 || !(join.getParentElement() instanceof SubProcess scope)
          || !(scope.getParentElement() instanceof Process)) {
        continue;
      }
      if (target.getModelElementById(join.getId()) instanceof ParallelGateway other
          && other.getIncoming().size() >= join.getIncoming().size()
          && other.getParentElement() instanceof FlowElement otherScope
          && scope.getId().equals(((BaseElement) otherScope).getId())) {
        return join.getId();
      }
    }
    throw new IllegalStateException("no join drawn alike in both versions to hold the office while its check "
        + "restarts");
  }
}
