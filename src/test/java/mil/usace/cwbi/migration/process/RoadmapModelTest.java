package mil.usace.cwbi.migration.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Period;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import mil.usace.cwbi.migration.support.IntegrationTest;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The roadmap's facts on the elements of the DEPLOYED model (issue 12, spec v2), read through Camunda's public model
 * API as the application reads them: phase, step, role, roadmap item, lane, due period and gate words on every
 * roadmap element; every version 1 id still there; steps and checks as collapsed sub-processes.
 */
class RoadmapModelTest extends IntegrationTest {

  /** Every flow node id of version 1 (generated model, commit ff40d52): none may go (the migration maps them). */
  static final List<String> V1_IDS = List.of(
      "start_migration", "split_step_1", "task_1_1_convert_scripts", "recommend_script_targets", "gw_scripts_done",
      "task_1_2_usgs_scripts", "task_1_3_critimport", "task_1_4_shef_parser", "join_step_1", "verify_t7",
      "gw_t7_passed", "task_fix_t7_findings", "split_step_2", "task_2_1_load_db_objects",
      "task_2_2_batch_scripts_dev", "task_2_3_ldm_products", "task_2_4_custom_schema", "join_step_2",
      "task_3_1_modeling_ops", "verify_cwbi_dev", "gate_phase_1", "task_fix_phase_1_findings", "split_step_4",
      "task_4_schema_functions", "task_4_ldm_products", "task_4_usgs_config", "task_4_batch_scripts",
      "task_4_opendcs_import", "join_step_4", "skip_4_schema_functions", "skip_4_ldm_products",
      "task_4_district_comments", "gw_step_4_district_done", "task_5_set_test_period", "gw_test_period_final",
      "task_5_agree_test_period", "gw_test_period_agreed", "join_test_period", "split_step_5",
      "task_5_confirm_data_processes", "task_5_rts_forecasts", "verify_cwbi_test", "gw_test_period_over",
      "timer_recheck_cwbi_test", "join_step_5", "gate_phase_2", "task_6_fix_issues", "task_6_district_review",
      "gw_step_6_ready", "split_step_7", "task_7_ldm_products", "skip_7_ldm_products", "task_7_usgs_config",
      "task_7_batch_scripts", "task_7_opendcs_import", "join_step_7", "verify_cwbi_prod", "gw_cwbi_prod_passed",
      "task_7_fix_prod_findings", "task_8_goldengate_off", "task_8_import_two_years", "task_8_migrate_history",
      "verify_history", "gate_phase_3", "task_8_fix_history_findings", "task_9_decommission_t7",
      "end_migration_complete", "wait_verify_t7", "wait_verify_cwbi_dev", "wait_verify_cwbi_prod",
      "wait_verify_history", "timer_recheck_fix_t7", "timer_recheck_fix_phase_1", "timer_recheck_7_fix_prod",
      "timer_recheck_8_fix_history");

  /**
   * The ids of version 1 (and 2) inside the four checks: version 3 draws that pattern once, in the called process
   * {@code verify-environment}; the version move restarts a check there (process.versions.Version2To3).
   */
  static final Set<String> DRAWN_ONCE = Set.of("verify_t7", "gw_t7_passed", "task_fix_t7_findings",
      "verify_cwbi_dev", "gate_phase_1", "task_fix_phase_1_findings", "verify_cwbi_prod", "gw_cwbi_prod_passed",
      "task_7_fix_prod_findings", "verify_history", "gate_phase_3", "task_8_fix_history_findings", "wait_verify_t7",
      "wait_verify_cwbi_dev", "wait_verify_cwbi_prod", "wait_verify_history", "timer_recheck_fix_t7",
      "timer_recheck_fix_phase_1", "timer_recheck_7_fix_prod", "timer_recheck_8_fix_history");

  /** The gate each check holds an office at (the call activity's {@code gate}, which its fix task shows). */
  static final Map<String, String> CHECK_GATES = Map.of(
      "check_t7", "T7 check (Step 1)",
      "check_cwbi_dev", "Phase 1 gate (CWBI-DEV check)",
      "check_cwbi_prod", "CWBI-PROD check (Step 7)",
      "check_history", "Phase 3 gate (history check)");

  @Autowired RepositoryService repository;
  @Autowired mil.usace.cwbi.migration.roadmap.Roadmap roadmap;

  BpmnModelInstance model;
  BpmnModelInstance check;

  @BeforeEach
  void deployedModel() {
    ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey("cwbi-migration")
        .latestVersion().singleResult();
    model = repository.getBpmnModelInstance(definition.getId());
    assertThat(definition.getVersionTag()).isEqualTo("3");
    ProcessDefinition called = repository.createProcessDefinitionQuery().processDefinitionKey("verify-environment")
        .latestVersion().singleResult();
    check = repository.getBpmnModelInstance(called.getId());
    assertThat(called.getVersionTag()).isEqualTo("3");
    assertThat(called.getHistoryTimeToLive()).isPositive();
  }

  static Map<String, String> properties(BaseElement e) {
    Map<String, String> p = new LinkedHashMap<>();
    if (e.getExtensionElements() != null) {
      e.getExtensionElements().getElementsQuery().filterByType(
          org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list()
          .forEach(ps -> ps.getCamundaProperties().forEach((CamundaProperty c) -> p.put(c.getCamundaName(),
              c.getCamundaValue())));
    }
    return p;
  }

  <T extends BaseElement> Collection<T> all(Class<T> type) {
    return model.getModelElementsByType(type);
  }

  @Test
  void everyVersion1IdIsStillThere() {
    assertThat(V1_IDS).containsAll(DRAWN_ONCE);
    assertThat(V1_IDS).filteredOn(id -> !DRAWN_ONCE.contains(id))
        .allSatisfy(id -> assertThat((Object) model.getModelElementById(id)).as(id).isNotNull());
    assertThat(DRAWN_ONCE).allSatisfy(id -> assertThat((Object) model.getModelElementById(id)).as(id).isNull());
    // v1's inclusive gateways are parallel now, each conditional branch decided by its own exclusive gateway
    assertThat(List.of("split_step_1", "join_step_1", "split_step_4", "join_step_4", "split_step_7", "join_step_7"))
        .allSatisfy(id -> assertThat((Object) model.getModelElementById(id)).isInstanceOf(ParallelGateway.class));
    assertThat(model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.InclusiveGateway.class)).isEmpty();
    assertThat(model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Lane.class)).isEmpty();
  }

  @Test
  void theNineStepsAreCollapsedSubProcessesInRoadmapOrderByPhase() {
    List<SubProcess> steps = all(SubProcess.class).stream().filter(s -> "step".equals(properties(s).get("role")))
        .toList();
    assertThat(steps).extracting(BaseElement::getId)
        .containsExactlyInAnyOrder("step_1", "step_2", "step_3", "step_4", "step_5", "step_6", "step_7", "step_8",
            "step_9");
    for (SubProcess s : steps) {
      int n = Integer.parseInt(s.getId().substring("step_".length()));
      Map<String, String> p = properties(s);
      assertThat(p).as(s.getId()).containsEntry("step", String.valueOf(n))
          .containsEntry("phase", String.valueOf((n - 1) / 3 + 1));
      assertThat(s.getName()).as(s.getId()).startsWith("Step " + n + ": ").hasSizeGreaterThan(12);
      // the top level, so Cockpit shows it closed and drills into its own diagram
      assertThat(s.getParentElement().getAttributeValue("id")).isEqualTo("cwbi-migration");
    }
    assertThat(((SubProcess) model.getModelElementById("step_1")).getName())
        .isEqualTo("Step 1: Convert/test all data processes on T7");
  }

  @Test
  void theChecksCallTheOneCheckProcessWithTheirEnvironmentGroupAndGateWords() {
    Map<String, List<String>> expected = Map.of(
        "check_t7", List.of("1", "1", "check"),
        "check_cwbi_dev", List.of("1", "3", "gate"),
        "check_cwbi_prod", List.of("3", "7", "check"),
        "check_history", List.of("3", "8", "gate"));
    expected.forEach((id, facts) -> {
      Map<String, String> p = properties(model.getModelElementById(id));
      org.camunda.bpm.model.bpmn.instance.CallActivity call = model.getModelElementById(id);
      assertThat(call.getCalledElement()).isEqualTo("verify-environment");
      assertThat(call.getCamundaCalledElementBinding()).isEqualTo("latest");
      assertThat(call.getParentElement().getAttributeValue("id")).isEqualTo("cwbi-migration");
      assertThat(p).as(id).containsEntry("phase", facts.get(0)).containsEntry("step", facts.get(1))
          .containsEntry("role", facts.get(2)).containsEntry("gate", CHECK_GATES.get(id));
      Map<String, String> in = new LinkedHashMap<>();
      call.getExtensionElements().getElementsQuery()
          .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn.class).list().forEach(c -> in.put(
              c.getCamundaTarget() == null ? "businessKey" : c.getCamundaTarget(),
              c.getCamundaTarget() == null ? c.getCamundaBusinessKey()
                  : c.getCamundaSource() != null ? c.getCamundaSource() : c.getCamundaSourceExpression()));
      assertThat(in).as(id).containsEntry("businessKey", "#{execution.processBusinessKey}")
          .containsEntry("gate", CHECK_GATES.get(id)).containsEntry("office", "office")
          .containsEntry("districtGroup", "districtGroup").containsEntry("t7CdaUrl", "t7CdaUrl")
          .containsEntry("criticalTimeSeries", "criticalTimeSeries").containsEntry("tsGroup", "tsGroup")
          .containsEntry("usesUsgsData", "usesUsgsData")
          .containsEntry("fixGroup", id.equals("check_t7") || id.equals("check_cwbi_dev") ? "${districtGroup}" : "hec");
    });
    assertThat(roadmap.latest().checkOf("T7")).isEqualTo("check_t7");
    assertThat(roadmap.latest().checkOf("CWBI_DEV")).isEqualTo("check_cwbi_dev");
    assertThat(roadmap.latest().checkOf("CWBI_TEST")).isEqualTo("verify_cwbi_test");
    assertThat(roadmap.latest().checkOf("HISTORY")).isEqualTo("check_history");
    assertThat(properties(model.getModelElementById("check_cwbi_dev")))
        .containsEntry("gate", "Phase 1 gate (CWBI-DEV check)");
    assertThat(properties(model.getModelElementById("check_history")))
        .containsEntry("gate", "Phase 3 gate (history check)");
    assertThat(properties(model.getModelElementById("gate_phase_2"))).containsEntry("role", "gate")
        .containsEntry("phase", "2").containsEntry("gate", "Phase 2 gate (Step 5 results)");
    // the pattern, drawn once: merge -> verify -> its pass gateway, the fix task with its boundary timer, the wait
    FlowNode merge = check.getModelElementById("merge_verify_environment");
    assertThat(merge).isInstanceOf(ExclusiveGateway.class);
    assertThat(merge.getOutgoing()).singleElement()
        .satisfies(f -> assertThat(f.getTarget().getId()).isEqualTo("verify_environment"));
    assertThat(((FlowNode) check.getModelElementById("wait_next_check")).getOutgoing()).singleElement()
        .satisfies(f -> assertThat(f.getTarget()).isSameAs(merge));
    assertThat(((BoundaryEvent) check.getModelElementById("timer_recheck_fix_findings")).getAttachedTo().getId())
        .isEqualTo("task_fix_findings");
    ServiceTask verify = check.getModelElementById("verify_environment");
    assertThat(verify.isCamundaAsyncBefore()).isTrue();
    assertThat(verify.getCamundaDelegateExpression()).isEqualTo("${verificationDelegate}");
    UserTask fix = check.getModelElementById("task_fix_findings");
    assertThat(fix.getCamundaCandidateGroups()).isEqualTo("${fixGroup}");
    assertThat(fix.getCamundaFormRef()).isEqualTo("fix-findings");
  }

  @Test
  void theCalledFixTaskIsInTheStepOfTheCheckThatCalledIt() {
    var facts = roadmap.latest();
    Map<String, List<String>> expected = Map.of(
        "check_t7", List.of("1", "1", "District", "P14D"),
        "check_cwbi_dev", List.of("1", "3", "District", "P14D"),
        "check_cwbi_prod", List.of("3", "7", "HEC", "P30D"),
        "check_history", List.of("3", "8", "HEC", "P30D"));
    expected.forEach((id, f) -> {
      String fix = mil.usace.cwbi.migration.roadmap.RoadmapFacts.inCall(id, "task_fix_findings");
      assertThat(facts.isFixTask(fix)).as(fix).isTrue();
      assertThat(facts.phase(fix)).as(fix).isEqualTo(Integer.valueOf(f.get(0)));
      assertThat(facts.step(fix)).as(fix).isEqualTo(Integer.valueOf(f.get(1)));
      assertThat(facts.lane(fix)).as(fix).isEqualTo(f.get(2));
      assertThat(facts.duePeriod(fix)).as(fix).isEqualTo(Period.parse(f.get(3)));
      assertThat(facts.gate(fix)).as(fix).isEqualTo(CHECK_GATES.get(id));
      String verify = mil.usace.cwbi.migration.roadmap.RoadmapFacts.inCall(id, "verify_environment");
      assertThat(facts.lane(verify)).isEqualTo("Automated checks");
      assertThat(facts.step(verify)).isEqualTo(Integer.valueOf(f.get(1)));
    });
    assertThat(facts.where(mil.usace.cwbi.migration.roadmap.RoadmapFacts.inCall("check_t7", "task_fix_findings")))
        .isEqualTo("Phase 1: Pre-Migration (CWBI-DEV), Step 1: Convert/test all data processes on T7 "
            + "(held at the T7 check (Step 1))");
  }

  @Test
  void everyUserTaskCarriesItsRoadmapFacts() {
    Set<String> lanes = Set.of("District", "HEC");
    for (UserTask t : all(UserTask.class)) {
      Map<String, String> p = properties(t);
      assertThat(p.keySet()).as(t.getId()).contains("phase", "step", "role", "roadmapItem", "lane", "duePeriod");
      int step = Integer.parseInt(p.get("step"));
      assertThat(step).as(t.getId()).isBetween(1, 9);
      assertThat(p.get("phase")).as(t.getId()).isEqualTo(String.valueOf((step - 1) / 3 + 1));
      assertThat(p.get("role")).as(t.getId()).isIn("work", "fix");
      assertThat(p.get("roadmapItem")).as(t.getId()).matches(step + "(\\.\\d)?");
      assertThat(p.get("lane")).as(t.getId()).isIn(lanes)
          .isEqualTo(t.getCamundaCandidateGroups().equals("hec") ? "HEC" : "District");
      assertThat(Period.parse(p.get("duePeriod"))).as(t.getId()).isPositive();
      // the task sits in its step's sub-process (fix tasks: in their check's)
      SubProcess host = (SubProcess) t.getParentElement();
      assertThat(properties(host).get("step")).as(t.getId()).isEqualTo(p.get("step"));
    }
    Map<String, String> items = all(UserTask.class).stream()
        .filter(t -> "work".equals(properties(t).get("role")))
        .collect(Collectors.toMap(BaseElement::getId, t -> properties(t).get("roadmapItem")));
    assertThat(items).containsEntry("task_1_5_export_shef_config", "1.5").containsEntry("task_1_6_opendcs_dev", "1.6")
        .containsEntry("task_4_schema_functions", "4.1").containsEntry("task_4_opendcs_import", "4.5")
        .containsEntry("task_5_confirm_data_processes", "5.1").containsEntry("task_7_opendcs_import", "7.4")
        .containsEntry("task_8_migrate_history", "8.3").containsEntry("task_9_decommission_t7", "9")
        .containsEntry("task_4_district_comments", "4").containsEntry("task_6_district_review", "6");
    assertThat(properties(model.getModelElementById("task_5_agree_test_period")))
        .containsEntry("duePeriod", "P7D").containsEntry("lane", "District");
    assertThat(properties(model.getModelElementById("task_1_1_convert_scripts"))).containsEntry("duePeriod", "P60D");
  }

  @Test
  void fixTasksHaveRoleFixAndTheirGate() {
    Map<String, String> fixes = all(UserTask.class).stream().filter(t -> "fix".equals(properties(t).get("role")))
        .collect(Collectors.toMap(BaseElement::getId, t -> properties(t).get("gate")));
    assertThat(fixes).isEqualTo(Map.of("task_6_fix_issues", "Phase 2 gate (Step 5 results)"));
    assertThat(properties(model.getModelElementById("task_6_fix_issues"))).containsEntry("step", "6");
    // the checks' fix task: one, in the called process; its step, gate and item are those of the calling check
    assertThat(check.getModelElementsByType(UserTask.class)).extracting(BaseElement::getId)
        .containsExactly("task_fix_findings");
    assertThat(properties(check.getModelElementById("task_fix_findings"))).containsEntry("role", "fix");
    assertThat(properties(model.getModelElementById("check_cwbi_dev"))).containsEntry("step", "3")
        .containsEntry("roadmapItem", "3").containsEntry("lane", "District").containsEntry("duePeriod", "P14D");
  }

  @Test
  void everyCheckAndTimerCarriesPhaseStepRoleAndServiceTasksTheirLane() {
    for (ServiceTask s : all(ServiceTask.class)) {
      if ("report".equals(properties(s).get("role"))) {
        // beside every step (the district's tools report at any time): no step of its own, so it never moves an
        // office's current step on the dashboard
        assertThat(properties(s)).as(s.getId()).containsEntry("lane", "Automated checks").doesNotContainKey("step");
        continue;
      }
      assertThat(properties(s)).as(s.getId()).containsEntry("role", "check")
          .containsEntry("lane", "Automated checks").containsKeys("phase", "step");
    }
    assertThat(properties(model.getModelElementById("verify_cwbi_test"))).containsEntry("step", "5");
    for (FlowElement timer : List.<FlowElement>copyOf(all(IntermediateCatchEvent.class))) {
      assertThat(properties(timer)).as(timer.getId()).containsEntry("role", "check").containsKeys("phase", "step");
    }
    for (BoundaryEvent timer : all(BoundaryEvent.class)) {
      assertThat(properties(timer)).as(timer.getId()).containsEntry("role", "check")
          .containsEntry("step", properties(timer.getAttachedTo()).get("step"));
    }
  }
}
