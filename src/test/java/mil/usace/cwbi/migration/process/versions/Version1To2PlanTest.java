package mil.usace.cwbi.migration.process.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/** The version 1 to 2 plan against the two models themselves: nothing a token can wait in is left out. */
class Version1To2PlanTest {

  static BpmnModelInstance read(String resource) throws Exception {
    try (InputStream in = Version1To2PlanTest.class.getClassLoader().getResourceAsStream(resource)) {
      return Bpmn.readModelFromStream(in);
    }
  }

  /** Where a token can rest: user tasks, asynchronous service tasks, timers (catch and boundary). */
  static Set<String> waitStates(BpmnModelInstance model) {
    Set<String> ids = new TreeSet<>();
    model.getModelElementsByType(UserTask.class).forEach(t -> ids.add(t.getId()));
    model.getModelElementsByType(ServiceTask.class).stream().filter(ServiceTask::isCamundaAsyncBefore)
        .forEach(t -> ids.add(t.getId()));
    model.getModelElementsByType(IntermediateCatchEvent.class).forEach(e -> ids.add(e.getId()));
    model.getModelElementsByType(BoundaryEvent.class).forEach(e -> ids.add(e.getId()));
    return ids;
  }

  @Test
  void everyWaitStateOfVersion1IsCarriedToItsNamesakeOfTheSameKindInVersion2() throws Exception {
    BpmnModelInstance v1 = read("roadmap-versions/cwbi-migration-v1.bpmn");
    BpmnModelInstance v2 = read("roadmap-versions/cwbi-migration-v2.bpmn");
    assertThat(new TreeSet<>(Version1To2.CARRIED)).isEqualTo(waitStates(v1));
    assertThat(Version1To2.CARRIED).doesNotHaveDuplicates();
    for (String id : Version1To2.CARRIED) {
      FlowNode source = v1.getModelElementById(id);
      FlowNode target = v2.getModelElementById(id);
      assertThat(target).as(id + " in version 2").isNotNull();
      assertThat(target.getElementType().getTypeName()).as(id).isEqualTo(source.getElementType().getTypeName());
      if (source instanceof ServiceTask s) {
        assertThat(((ServiceTask) target).isCamundaAsyncBefore()).as(id + " stays asynchronous").isEqualTo(
            s.isCamundaAsyncBefore());
      }
      if (source instanceof BoundaryEvent b) {
        assertThat(((BoundaryEvent) target).getAttachedTo().getId()).isEqualTo(b.getAttachedTo().getId());
      }
    }
  }

  @Test
  void theVersionTagsAreThoseOfTheModelsAndTheNewTasksAreInStep1() throws Exception {
    Version1To2 plan = new Version1To2();
    BpmnModelInstance v1 = read("roadmap-versions/cwbi-migration-v1.bpmn");
    BpmnModelInstance v2 = read("roadmap-versions/cwbi-migration-v2.bpmn");
    assertThat(v1.getModelElementsByType(Process.class).iterator().next().getCamundaVersionTag())
        .isEqualTo(plan.fromVersionTag());
    assertThat(v2.getModelElementsByType(Process.class).iterator().next().getCamundaVersionTag())
        .isEqualTo(plan.toVersionTag());
    for (String added : Set.of(Version1To2.TASK_1_5, Version1To2.TASK_1_6)) {
      UserTask task = v2.getModelElementById(added);
      assertThat(((org.camunda.bpm.model.bpmn.instance.BaseElement) task.getParentElement()).getId())
          .isEqualTo(Version1To2.STEP_1);
      assertThat((Object) v1.getModelElementById(added)).isNull();
    }
  }

  @Test
  void theBranchesIntoEachJoinOfVersion2AreThoseOfItsStep() throws Exception {
    BpmnModelInstance v2 = read("roadmap-versions/cwbi-migration-v2.bpmn");
    ParallelGateway join1 = v2.getModelElementById("join_step_1");
    assertThat(JoinTokens.branchesOf(join1)).contains("task_1_1_convert_scripts", "recommend_script_targets",
        "task_1_2_usgs_scripts", "task_1_3_critimport", "task_1_4_shef_parser", Version1To2.TASK_1_5,
        Version1To2.TASK_1_6).doesNotContain("split_step_1", "start_step_1", "join_step_1");
    ParallelGateway join5 = v2.getModelElementById("join_step_5");
    assertThat(JoinTokens.branchesOf(join5)).contains("task_5_confirm_data_processes", "task_5_rts_forecasts",
        "verify_cwbi_test", "timer_recheck_cwbi_test").doesNotContain("task_5_set_test_period",
        "task_5_agree_test_period");
  }
}
