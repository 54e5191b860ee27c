package mil.usace.cwbi.migration.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import mil.usace.cwbi.migration.process.forms.FormRules;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.junit.jupiter.api.Test;

/**
 * The model file as Camunda Modeler and Cockpit will see it: every element drawn (each collapsed sub-process on its
 * own plane, so both drill into it), a layout that reads (no edge through a shape, task boxes wide enough, the top
 * level narrow enough for Cockpit), every user task with its form, candidate group, due date, documentation and
 * lane property, and the contract's keys all present. The roadmap facts themselves: {@link RoadmapModelTest}.
 */
class ProcessModelTest {

  static final BpmnModelInstance MODEL = Bpmn.readModelFromFile(new File("bpmn/cwbi-migration.bpmn"));
  static final BpmnModelInstance V2 =
      Bpmn.readModelFromFile(new File("src/test/resources/roadmap-versions/cwbi-migration-v2.bpmn"));
  /** The check the migration calls, drawn once. */
  static final BpmnModelInstance CHECK = Bpmn.readModelFromFile(new File("bpmn/verify-environment.bpmn"));

  static final List<String> CONTRACT_TASKS = List.of(
      "task_1_1_convert_scripts", "task_1_2_usgs_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
      "task_1_5_export_shef_config", "task_1_6_opendcs_dev", "task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products", "task_2_4_custom_schema",
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
    assertThat(MODEL.getModelElementsByType(Lane.class)).as("responsibility is the lane property now").isEmpty();
    assertThat(MODEL.getModelElementsByType(BpmnEdge.class))
        .allSatisfy(e -> assertThat(e.getWaypoints()).hasSizeGreaterThanOrEqualTo(2));
    Set<String> drawnOnce = CHECK.getModelElementsByType(BpmnShape.class).stream()
        .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
    CHECK.getModelElementsByType(BpmnEdge.class).forEach(e -> drawnOnce.add(e.getBpmnElement().getId()));
    assertThat(CHECK.getModelElementsByType(FlowElement.class)).hasSize(16)
        .allSatisfy(e -> assertThat(drawnOnce).as("layout of %s", e.getId()).contains(e.getId()));
  }

  @Test
  void theFourChecksAreCollapsedCallActivitiesWithoutAPlaneOfTheirOwn() {
    Set<String> planes = MODEL.getModelElementsByType(BpmnPlane.class).stream()
        .map(p -> p.getBpmnElement().getId()).collect(Collectors.toSet());
    for (String id : List.of("check_t7", "check_cwbi_dev", "check_cwbi_prod", "check_history")) {
      assertThat((Object) MODEL.getModelElementById(id)).as(id)
          .isInstanceOf(org.camunda.bpm.model.bpmn.instance.CallActivity.class);
      assertThat(planes).as(id).doesNotContain(id);
      // the same place and size as the collapsed sub-process it replaced (version 2, as it was deployed)
      Bounds now = shapeOf(id).getBounds();
      Bounds before = V2.getModelElementsByType(BpmnShape.class).stream()
          .filter(sh -> sh.getBpmnElement().getId().equals(id)).findFirst().orElseThrow().getBounds();
      assertThat(List.of(now.getX(), now.getY(), now.getWidth(), now.getHeight())).as(id)
          .isEqualTo(List.of(before.getX(), before.getY(), before.getWidth(), before.getHeight()));
    }
  }

  @Test
  void eachSubProcessIsCollapsedWithItsOwnPlaneHoldingItsElements() {
    Map<String, BpmnPlane> planes = MODEL.getModelElementsByType(BpmnPlane.class).stream()
        .collect(Collectors.toMap(p -> p.getBpmnElement().getId(), p -> p));
    Collection<SubProcess> subs = MODEL.getModelElementsByType(SubProcess.class);
    assertThat(subs).hasSize(10); // 9 steps, the progress the district's tools report
    for (SubProcess sub : subs) {
      BpmnShape shape = shapeOf(sub.getId());
      assertThat(shape.isExpanded()).as("%s collapsed", sub.getId()).isFalse();
      assertThat(planes).as("plane of %s", sub.getId()).containsKey(sub.getId());
      Set<String> onPlane = planes.get(sub.getId()).getDiagramElements().stream()
          .map(d -> d instanceof BpmnShape s ? s.getBpmnElement().getId() : ((BpmnEdge) d).getBpmnElement().getId())
          .collect(Collectors.toSet());
      assertThat(onPlane).as("what %s holds is drawn on its plane", sub.getId())
          .containsAll(sub.getFlowElements().stream().map(FlowElement::getId).toList());
    }
  }

  @Test
  void theLayoutReadsInCockpit() {
    BpmnPlane top = MODEL.getModelElementsByType(BpmnPlane.class).stream()
        .filter(p -> p.getBpmnElement().getId().equals("cwbi-migration")).findFirst().orElseThrow();
    double right = top.getDiagramElements().stream().filter(d -> d instanceof BpmnShape)
        .mapToDouble(d -> ((BpmnShape) d).getBounds().getX() + ((BpmnShape) d).getBounds().getWidth()).max()
        .orElseThrow();
    assertThat(right).as("the top level fits Cockpit's instance view on a 1,400 px screen").isLessThanOrEqualTo(1100);
    for (org.camunda.bpm.model.bpmn.instance.Activity a
        : MODEL.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Activity.class)) {
      Bounds b = shapeOf(a.getId()).getBounds();
      assertThat(b.getWidth()).as("width of %s", a.getId()).isGreaterThanOrEqualTo(100);
      assertThat(b.getHeight()).as("height of %s", a.getId()).isGreaterThanOrEqualTo(80);
    }
    // no edge runs through a shape of its plane (other than its own ends and a boundary event's host)
    for (BpmnPlane plane : MODEL.getModelElementsByType(BpmnPlane.class)) {
      List<BpmnShape> shapes = plane.getDiagramElements().stream().filter(d -> d instanceof BpmnShape)
          .map(d -> (BpmnShape) d).filter(s -> s.getBpmnElement() instanceof FlowNode).toList();
      for (var d : plane.getDiagramElements()) {
        if (!(d instanceof BpmnEdge edge)) {
          continue;
        }
        SequenceFlow flow = (SequenceFlow) edge.getBpmnElement();
        List<Waypoint> points = List.copyOf(edge.getWaypoints());
        for (BpmnShape shape : shapes) {
          FlowNode node = (FlowNode) shape.getBpmnElement();
          if (node == flow.getSource() || node == flow.getTarget()
              || flow.getSource() instanceof BoundaryEvent be && be.getAttachedTo() == node) {
            continue;
          }
          for (int i = 1; i < points.size(); i++) {
            assertThat(crosses(points.get(i - 1), points.get(i), shape.getBounds()))
                .as("%s runs through %s", flow.getId(), node.getId()).isFalse();
          }
        }
      }
    }
  }

  /** An orthogonal segment through the inside of a box (touching its border is fine). */
  static boolean crosses(Waypoint a, Waypoint b, Bounds box) {
    double x0 = box.getX() + 1;
    double x1 = box.getX() + box.getWidth() - 1;
    double y0 = box.getY() + 1;
    double y1 = box.getY() + box.getHeight() - 1;
    double minX = Math.min(a.getX(), b.getX());
    double maxX = Math.max(a.getX(), b.getX());
    double minY = Math.min(a.getY(), b.getY());
    double maxY = Math.max(a.getY(), b.getY());
    return maxX > x0 && minX < x1 && maxY > y0 && minY < y1;
  }

  private static BpmnShape shapeOf(String id) {
    return MODEL.getModelElementsByType(BpmnShape.class).stream().filter(s -> s.getBpmnElement().getId().equals(id))
        .findFirst().orElseThrow(() -> new AssertionError("no shape of " + id));
  }

  @Test
  void theProcessKeepsItsHistoryForAFixedTimeAndIsVersioned() {
    var process = MODEL.getModelElementById("cwbi-migration");
    assertThat(process.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "historyTimeToLive")).isEqualTo("3650");
    assertThat(process.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "versionTag")).isEqualTo("3");
    var check = CHECK.getModelElementById("verify-environment");
    assertThat(check.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "historyTimeToLive")).isEqualTo("3650");
    assertThat(check.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "versionTag")).isEqualTo("3");
    assertThat(check.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "isStartableInTasklist"))
        .as("nobody starts a check by hand").isEqualTo("false");
  }

  @Test
  void everyRoadmapTaskOfTheDesignIsThere() {
    Set<String> userTasks = MODEL.getModelElementsByType(UserTask.class).stream().map(UserTask::getId)
        .collect(Collectors.toSet());
    assertThat(userTasks).containsAll(CONTRACT_TASKS);
    Set<String> checks = MODEL.getModelElementsByType(ServiceTask.class).stream().map(ServiceTask::getId)
        .collect(Collectors.toSet());
    assertThat(checks).containsExactlyInAnyOrder("recommend_script_targets", "verify_cwbi_test",
        "verify_cwbi_test_done_before", "record_reported_progress");
    assertThat(CHECK.getModelElementsByType(ServiceTask.class)).extracting(ServiceTask::getId)
        .containsExactly("verify_environment");
    assertThat(List.of("check_t7", "check_cwbi_dev", "gate_phase_2", "check_cwbi_prod", "check_history"))
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
      assertThat(RoadmapModelTest.properties(t).get("lane")).as("lane of %s", t.getId())
          .isEqualTo(t.getCamundaCandidateGroups().equals("hec") ? "HEC" : "District");
    }
  }

  @Test
  void checksAreAsynchronousWithRetriesInTheirLane() {
    List<ServiceTask> all = new java.util.ArrayList<>(MODEL.getModelElementsByType(ServiceTask.class));
    all.addAll(CHECK.getModelElementsByType(ServiceTask.class));
    for (ServiceTask s : all) {
      assertThat(s.isCamundaAsyncBefore()).as(s.getId()).isTrue();
      assertThat(RoadmapModelTest.properties(s).get("lane")).as(s.getId()).isEqualTo("Automated checks");
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
}
