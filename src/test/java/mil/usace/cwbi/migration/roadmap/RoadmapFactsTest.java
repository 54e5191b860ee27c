package mil.usace.cwbi.migration.roadmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Period;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CategoryValue;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.junit.jupiter.api.Test;

/** The facts a small model shaped like version 2 tells, and that they survive what Modeler users do to it. */
class RoadmapFactsTest {

  static BpmnModelInstance fixture() {
    InputStream in = RoadmapFactsTest.class.getResourceAsStream("/roadmap/roadmap-fixture.bpmn");
    return Bpmn.readModelFromStream(in);
  }

  static RoadmapFacts read(BpmnModelInstance model) {
    return RoadmapFacts.read(model, "roadmap-fixture");
  }

  @Test
  void stepsAndPhasesComeFromThePropertiesAndTheSubProcessAround() {
    RoadmapFacts facts = read(fixture());
    assertThat(facts.step("task_1_1_convert_scripts")).isEqualTo(1);
    assertThat(facts.step("split_step_1")).as("a gateway: its sub-process's step").isEqualTo(1);
    assertThat(facts.step("gw_usgs")).isEqualTo(1);
    assertThat(facts.step("merge_verify_t7")).isEqualTo(1);
    assertThat(facts.step("task_4_schema_functions")).isEqualTo(4);
    assertThat(facts.step("step_4_start")).isEqualTo(4);
    assertThat(facts.step("start")).as("outside any step").isNull();
    assertThat(facts.step("no_such_activity")).isNull();
    assertThat(facts.phase("gw_usgs")).isEqualTo(1);
    assertThat(facts.phase("task_4_schema_functions")).isEqualTo(2);
    assertThat(facts.phaseOfStep(4)).isEqualTo(2);
  }

  @Test
  void namesComeFromTheStepSubProcessesAndThePhaseGroups() {
    RoadmapFacts facts = read(fixture());
    assertThat(facts.stepCount()).isEqualTo(2);
    assertThat(facts.stepName(1)).isEqualTo("Convert/test all data processes on T7");
    assertThat(facts.stepName(4)).isEqualTo("Migrate all processes to CWBI-TEST");
    assertThat(facts.phaseName(1)).isEqualTo("Phase 1: Pre-Migration (CWBI-DEV)");
    assertThat(facts.phaseName(2)).isEqualTo("Phase 2: Migration/Testing (CWBI-TEST)");
    assertThat(facts.where("task_4_schema_functions"))
        .isEqualTo("Phase 2: Migration/Testing (CWBI-TEST), Step 4: Migrate all processes to CWBI-TEST");
  }

  @Test
  void lanesRolesGatesItemsAndDuePeriodsAreTheTasksOwn() {
    RoadmapFacts facts = read(fixture());
    assertThat(facts.lane("task_1_1_convert_scripts")).isEqualTo("District");
    assertThat(facts.lane("task_4_schema_functions")).isEqualTo("HEC");
    assertThat(facts.lane("verify_t7")).isEqualTo("Automated checks");
    assertThat(facts.isFixTask("task_fix_t7_findings")).isTrue();
    assertThat(facts.isFixTask("task_1_1_convert_scripts")).isFalse();
    assertThat(facts.isWork("task_1_1_convert_scripts")).isTrue();
    assertThat(facts.isWork("task_fix_t7_findings")).isFalse();
    assertThat(facts.gate("task_fix_t7_findings")).isEqualTo("T7 check (Step 1)");
    assertThat(facts.roadmapItem("task_1_2_usgs_scripts")).isEqualTo("1.2");
    assertThat(facts.duePeriod("task_1_2_usgs_scripts")).isEqualTo(Period.ofDays(45));
    assertThat(facts.duePeriod("gw_usgs")).isNull();
    assertThat(facts.where("task_fix_t7_findings")).isEqualTo("Phase 1: Pre-Migration (CWBI-DEV), "
        + "Step 1: Convert/test all data processes on T7 (held at the T7 check (Step 1))");
  }

  @Test
  void renamingIdsNamesAndLabelsInModelerBreaksNothingThatDoesNotNameThem() {
    BpmnModelInstance model = fixture();
    rename(model, "step_4", "SubProcess_1x9k2");
    rename(model, "gw_usgs", "Gateway_0abc");
    rename(model, "task_fix_t7_findings", "Activity_fix");
    rename(model, "Group_second", "Group_1qq");
    ((SubProcess) model.getModelElementById("SubProcess_1x9k2"))
        .setName("Step 4: Migrate every process to CWBI-TEST");
    // a group label without "Phase N": still phase 2's, because the Step 4 sub-process is drawn inside it
    ((CategoryValue) model.getModelElementById("Value_b")).setValue("Migration and testing");

    RoadmapFacts facts = read(model);
    assertThat(facts.step("Gateway_0abc")).isEqualTo(1);
    assertThat(facts.step("task_4_schema_functions")).isEqualTo(4);
    assertThat(facts.step("step_4_start")).isEqualTo(4);
    assertThat(facts.stepName(4)).isEqualTo("Migrate every process to CWBI-TEST");
    assertThat(facts.phaseName(2)).isEqualTo("Migration and testing");
    assertThat(facts.isFixTask("Activity_fix")).isTrue();
    assertThat(facts.gate("Activity_fix")).isEqualTo("T7 check (Step 1)");
    assertThat(facts.stepCount()).isEqualTo(2);
  }

  @Test
  void movingATaskIntoAnotherStepMovesItsStepWhenItHasNoneOfItsOwn() {
    BpmnModelInstance model = fixture();
    FlowElement gateway = model.getModelElementById("gw_usgs");
    SubProcess step4 = model.getModelElementById("step_4");
    // Modeler moves an element by re-parenting it (flows re-drawn); the facts only look at where it is
    gateway.getParentElement().removeChildElement(gateway);
    step4.addChildElement(gateway);
    assertThat(read(model).step("gw_usgs")).isEqualTo(4);
    assertThat(read(model).phase("gw_usgs")).isEqualTo(2);
  }

  @Test
  void aGroupHoldingStepsOfTwoPhasesIsKnownByItsLabel() {
    BpmnModelInstance model = fixture();
    // Step 4 drawn in the first group beside Step 1: no majority there, and none in the empty second group: the
    // labels' "Phase N" decide
    BpmnShape shape = model.getModelElementsByType(BpmnShape.class).stream()
        .filter(s -> s.getBpmnElement() != null && "step_4".equals(s.getBpmnElement().getId())).findFirst()
        .orElseThrow();
    shape.getBounds().setY(100);
    shape.getBounds().setX(450);
    RoadmapFacts facts = read(model);
    assertThat(facts.phaseName(1)).isEqualTo("Phase 1: Pre-Migration (CWBI-DEV)");
    assertThat(facts.phaseName(2)).isEqualTo("Phase 2: Migration/Testing (CWBI-TEST)");
  }

  @Test
  void aVersionWithoutPropertiesIsAnsweredByALaterOneThroughTheIdsItKept() {
    BpmnModelInstance old = fixture();
    for (CamundaProperties p : old.getModelElementsByType(CamundaProperties.class)) {
      p.getParentElement().removeChildElement(p);
    }
    RoadmapFacts bare = read(old);
    assertThat(bare.hasRoadmap()).isFalse();
    assertThat(bare.step("task_1_1_convert_scripts")).isNull();

    RoadmapFacts answered = bare.withFactsOf(read(fixture()));
    assertThat(answered.step("task_1_1_convert_scripts")).isEqualTo(1);
    assertThat(answered.step("gw_usgs")).isEqualTo(1);
    assertThat(answered.lane("task_4_schema_functions")).isEqualTo("HEC");
    assertThat(answered.isFixTask("task_fix_t7_findings")).isTrue();
    assertThat(answered.duePeriod("task_1_2_usgs_scripts")).isEqualTo(Period.ofDays(45));
    assertThat(answered.stepCount()).isEqualTo(2);
    assertThat(answered.stepName(4)).isEqualTo("Migrate all processes to CWBI-TEST");
  }

  static void rename(BpmnModelInstance model, String id, String newId) {
    BaseElement element = model.getModelElementById(id);
    element.setId(newId); // the model API updates the references (flows, DI) as Modeler does
  }
}
