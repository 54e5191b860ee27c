package mil.usace.cwbi.migration.process.versions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;

/**
 * Tokens waiting at a join. The migration API cannot carry them when the join changes type (an inclusive join
 * becomes a parallel one) or moves into a new scope, so a version move takes them off on the old version
 * ({@link #takeOff}) and, after the migration, puts back at each parallel join of the new version one token per
 * branch that is not under way ({@link #putBack}): the branches done, and those the new version adds but this office
 * passes by (e.g. a USGS task it does not need). A join then never waits for a branch that never started.
 */
final class JoinTokens {

  private static final Set<String> JOIN_TYPES = Set.of("parallelGateway", "inclusiveGateway");

  private JoinTokens() {}

  /** Cancels every token waiting at a join of the instance; returns how many there were. */
  static int takeOff(RuntimeService runtime, String processInstanceId) {
    List<ActivityInstance> waiting = new ArrayList<>();
    collect(runtime.getActivityInstance(processInstanceId), waiting);
    if (waiting.isEmpty()) {
      return 0;
    }
    ProcessInstanceModificationBuilder modification = runtime.createProcessInstanceModification(processInstanceId);
    waiting.forEach(w -> modification.cancelActivityInstance(w.getId()));
    modification.execute(true, true); // a join has no listeners or mappings; nothing of the office's runs here
    return waiting.size();
  }

  private static void collect(ActivityInstance instance, List<ActivityInstance> waiting) {
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      if (JOIN_TYPES.contains(child.getActivityType())) {
        waiting.add(child);
      } else {
        collect(child, waiting);
      }
    }
  }

  /**
   * Adds to {@code modification} the tokens the new version's parallel joins need: for each instance of a join's
   * scope with a branch under way (counting {@code planned}, the activities the plan starts in it), one token per
   * incoming flow of the join beyond the branches under way.
   *
   * @param tree the instance on the new version, after the migration
   * @param planned activity instances the modification starts, as (scope activity instance id, activity id)
   * @return how many tokens it adds
   */
  static int putBack(BpmnModelInstance model, ActivityInstance tree, List<Planned> planned,
      ProcessInstanceModificationBuilder modification) {
    int added = 0;
    for (ParallelGateway join : model.getModelElementsByType(ParallelGateway.class)) {
      if (join.getIncoming().size() < 2) {
        continue;
      }
      Set<String> branches = branchesOf(join);
      String scopeId = ((BaseElement) join.getParentElement()).getId();
      for (ActivityInstance scope : instancesOf(tree, scopeId)) {
        int underWay = 0;
        for (ActivityInstance child : scope.getChildActivityInstances()) {
          if (branches.contains(child.getActivityId())) {
            underWay++;
          }
        }
        for (TransitionInstance child : scope.getChildTransitionInstances()) {
          if (branches.contains(child.getActivityId())) {
            underWay++;
          }
        }
        for (Planned p : planned) {
          if (p.scopeInstanceId().equals(scope.getId()) && branches.contains(p.activityId())) {
            underWay++;
          }
        }
        if (underWay == 0) {
          continue; // the office is not between this split and join
        }
        int missing = join.getIncoming().size() - underWay;
        if (missing < 0) {
          throw new IllegalStateException(underWay + " branches under way before " + join.getId() + ", which joins "
              + join.getIncoming().size());
        }
        for (int i = 0; i < missing; i++) {
          modification.startBeforeActivity(join.getId(), scope.getId());
          added++;
        }
      }
    }
    return added;
  }

  /** An activity the plan starts, in which scope instance. */
  record Planned(String scopeInstanceId, String activityId) {}

  /** The flow nodes on the branches into {@code join}: back from it up to (without) the split that opened them. */
  static Set<String> branchesOf(ParallelGateway join) {
    Set<String> seen = new HashSet<>();
    Deque<FlowNode> todo = new ArrayDeque<>();
    join.getIncoming().forEach(f -> todo.add(f.getSource()));
    while (!todo.isEmpty()) {
      FlowNode node = todo.pop();
      if (node instanceof ParallelGateway split && split.getOutgoing().size() > 1) {
        continue;
      }
      if (!seen.add(node.getId())) {
        continue;
      }
      for (SequenceFlow f : node.getIncoming()) {
        todo.add(f.getSource());
      }
      if (node instanceof BoundaryEvent boundary) {
        todo.add(boundary.getAttachedTo());
      }
    }
    return seen;
  }

  /** Every instance of the scope {@code scopeId} (the process itself is the root). */
  static List<ActivityInstance> instancesOf(ActivityInstance tree, String scopeId) {
    List<ActivityInstance> found = new ArrayList<>();
    if (tree.getActivityId().equals(scopeId) || isProcess(tree, scopeId)) {
      found.add(tree);
    }
    for (ActivityInstance child : tree.getChildActivityInstances()) {
      found.addAll(instancesOf(child, scopeId));
    }
    return found;
  }

  /** The root's activity id is the definition id ({@code key:version:id}); a join at the top level has the key. */
  private static boolean isProcess(ActivityInstance tree, String scopeId) {
    return tree.getParentActivityInstanceId() == null && tree.getActivityId().startsWith(scopeId + ":");
  }

  static boolean isActive(ActivityInstance tree, String activityId) {
    return tree.getActivityInstances(activityId).length > 0 || tree.getTransitionInstances(activityId).length > 0;
  }
}
