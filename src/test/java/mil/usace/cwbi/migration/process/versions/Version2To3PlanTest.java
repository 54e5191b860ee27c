package mil.usace.cwbi.migration.process.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;

/**
 * The version 2 to 3 plan against the two models: every place a token can wait in version 2 is either drawn in
 * version 3 under the same id and kind (mapEqualActivities carries it), or inside a check version 3 calls (the move
 * starts that check again).
 */
class Version2To3PlanTest {

  static final BpmnModelInstance V2 = read("roadmap-versions/cwbi-migration-v2.bpmn");
  static final BpmnModelInstance V3 = read("bpmn/cwbi-migration.bpmn");

  static BpmnModelInstance read(String resource) {
    try {
      return Version1To2PlanTest.read(resource);
    } catch (Exception e) {
      throw new IllegalStateException(resource, e);
    }
  }

  @Test
  void theVersionTagsAreThoseOfTheModels() {
    Version2To3 plan = new Version2To3();
    assertThat(V2.getModelElementsByType(Process.class).iterator().next().getCamundaVersionTag())
        .isEqualTo(plan.fromVersionTag());
    assertThat(V3.getModelElementsByType(Process.class).iterator().next().getCamundaVersionTag())
        .isEqualTo(plan.toVersionTag());
  }

  @Test
  void theFourChecksAreNowCalledAndEveryOtherWaitStateKeepsItsIdAndKind() {
    Map<String, String> called = Version2To3.nowCalled(V2, V3);
    assertThat(called).containsOnlyKeys("check_t7", "check_cwbi_dev", "check_cwbi_prod", "check_history");
    assertThat(called).containsEntry("check_t7", "T7 check");
    for (String id : Version1To2PlanTest.waitStates(V2)) {
      String check = checkAround(V2.getModelElementById(id));
      if (check != null) {
        assertThat(called).as(id + " is in a check version 3 calls").containsKey(check);
        continue;
      }
      FlowNode source = V2.getModelElementById(id);
      FlowNode target = V3.getModelElementById(id);
      assertThat(target).as(id + " in version 3").isNotNull();
      assertThat(target.getElementType().getTypeName()).as(id).isEqualTo(source.getElementType().getTypeName());
      assertThat(((BaseElement) target.getParentElement()).getId()).as("scope of " + id)
          .isEqualTo(((BaseElement) source.getParentElement()).getId());
      if (source instanceof ServiceTask s) {
        assertThat(((ServiceTask) target).isCamundaAsyncBefore()).isEqualTo(s.isCamundaAsyncBefore());
      }
    }
  }

  @Test
  void anOfficeInACheckIsHeldAtAJoinDrawnAlikeInBothVersionsWhileItsCheckRestarts() {
    String join = Version2To3.placeholderJoin(V2, V3);
    assertThat(Set.of("join_step_1", "join_step_2", "join_step_4", "join_step_5", "join_step_7")).contains(join);
  }

  private static String checkAround(ModelElementInstance element) {
    for (ModelElementInstance p = element.getParentElement(); p != null; p = p.getParentElement()) {
      if (p instanceof SubProcess sub && sub.getParentElement() instanceof Process && sub.getId().startsWith("check_")) {
        return sub.getId();
      }
    }
    return null;
  }
}
