package mil.usace.cwbi.migration.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import mil.usace.cwbi.migration.process.forms.FormRules;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;

/**
 * The model as Camunda Modeler and Cockpit will see it: every element drawn, every user task with its lane, form,
 * candidate group, due date and documentation, and the contract's keys all present.
 */
class ProcessModelTest {

  static final BpmnModelInstance MODEL = Bpmn.readModelFromFile(new File("bpmn/cwbi-migration.bpmn"));

  static final List<String> CONTRACT_TASKS = List.of(
      "task_1_1_convert_scripts", "task_1_2_usgs_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
      "task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products", "task_2_4_custom_schema",
      "task_3_1_modeling_ops", "task_4_schema_functions", "task_4_ldm_products", "task_4_usgs_config",
      "task_4_batch_scripts", "task_4_opendcs_import", "task_5_set_test_period", "task_5_confirm_data_processes",
      "task_5_rts_forecasts", "task_6_fix_issues", "task_7_ldm_products", "task_7_usgs_config",
      "task_7_batch_scripts", "task_7_opendcs_import", "task_8_goldengate_off", "task_8_import_two_years",
      "task_8_migrate_history", "task_9_decommission_t7");

  @Test
  void everyElementHasItsDiagramLayout() {
    Set<String> drawn = MODEL.getModelElementsByType(BpmnShape.class).stream()
        .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
    drawn.addAll(MODEL.getModelElementsByType(BpmnEdge.class).stream()
        .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet()));
    Collection<FlowElement> elements = MODEL.getModelElementsByType(FlowElement.class);
    assertThat(elements).hasSizeGreaterThan(100);
    assertThat(elements).allSatisfy(e -> assertThat(drawn).as("layout of %s", e.getId()).contains(e.getId()));
    assertThat(MODEL.getModelElementsByType(Lane.class)).extracting(BaseElement::getId)
        .containsExactly("lane_district", "lane_hec", "lane_automated_checks")
        .allSatisfy(id -> assertThat(drawn).contains(id));
    assertThat(MODEL.getModelElementsByType(BpmnEdge.class))
        .allSatisfy(e -> assertThat(e.getWaypoints()).hasSizeGreaterThanOrEqualTo(2));
  }

  @Test
  void theProcessKeepsItsHistoryForAFixedTimeAndIsVersioned() {
    var process = MODEL.getModelElementById("cwbi-migration");
    assertThat(process.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "historyTimeToLive")).isEqualTo("3650");
    assertThat(process.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "versionTag")).isNotBlank();
  }

  @Test
  void everyRoadmapTaskOfTheDesignIsThere() {
    Set<String> userTasks = MODEL.getModelElementsByType(UserTask.class).stream().map(UserTask::getId)
        .collect(Collectors.toSet());
    assertThat(userTasks).containsAll(CONTRACT_TASKS);
    Set<String> checks = MODEL.getModelElementsByType(ServiceTask.class).stream().map(ServiceTask::getId)
        .collect(Collectors.toSet());
    assertThat(checks).contains("verify_t7", "verify_cwbi_dev", "verify_cwbi_test", "verify_cwbi_prod",
        "verify_history");
    assertThat(List.of("gate_phase_1", "gate_phase_2", "gate_phase_3"))
        .allSatisfy(id -> assertThat((Object) MODEL.getModelElementById(id)).isNotNull());
  }

  @Test
  void everyUserTaskHasANameFormGroupDueDateAndDocumentation() throws Exception {
    FormRules forms = new FormRules();
    for (UserTask t : MODEL.getModelElementsByType(UserTask.class)) {
      assertThat(t.getName()).as(t.getId()).isNotBlank();
      assertThat(t.getCamundaFormRef()).as("form of %s", t.getId()).isNotNull();
      assertThat(forms.knows(t.getCamundaFormRef())).as("form %s exists", t.getCamundaFormRef()).isTrue();
      assertThat(t.getCamundaCandidateGroups()).as(t.getId()).isIn("hec", "${districtGroup}");
      assertThat(t.getCamundaDueDate()).as(t.getId()).isEqualTo("${dueDates.of('" + t.getId() + "')}");
      assertThat(t.getDocumentations()).as(t.getId()).isNotEmpty();
      Lane lane = laneOf(t);
      assertThat(lane.getId()).as("lane of %s", t.getId())
          .isEqualTo(t.getCamundaCandidateGroups().equals("hec") ? "lane_hec" : "lane_district");
    }
  }

  @Test
  void checksAreAsynchronousWithRetriesInTheirLane() {
    for (ServiceTask s : MODEL.getModelElementsByType(ServiceTask.class)) {
      assertThat(s.isCamundaAsyncBefore()).as(s.getId()).isTrue();
      assertThat(laneOf(s).getId()).isEqualTo("lane_automated_checks");
      assertThat(s.getExtensionElements().getElementsQuery()
          .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle.class).count())
          .isEqualTo(1);
    }
  }

  @Test
  void namesComeFromTheRoadmap() {
    assertThat(((FlowNode) MODEL.getModelElementById("task_1_3_critimport")).getName()).contains("Task 1.3", "critimport");
    assertThat(((FlowNode) MODEL.getModelElementById("task_9_decommission_t7")).getName())
        .isEqualTo("Step 9 – Decommission T7 server");
    assertThat(MODEL.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Group.class)).hasSize(3);
  }

  private static Lane laneOf(FlowNode node) {
    return MODEL.getModelElementsByType(Lane.class).stream()
        .filter(l -> l.getFlowNodeRefs().contains(node)).findFirst().orElseThrow();
  }
}
