package mil.usace.cwbi.migration.process.versions;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Roadmap version 1 (the generated model, versionTag 1.0.0) to version 2 (the Modeler-edited model, issue 12): each
 * step and check became an embedded sub-process around the same activities (same ids), the inclusive gateways of
 * Steps 1, 4 and 7 became parallel ones with a pass-by branch per optional task, and Step 1 gained HEC's Tasks 1.5
 * and 1.6.
 * <ul>
 *   <li>Every wait state of version 1 maps to its namesake in version 2 ({@link #CARRIED}); the engine creates the
 *       new sub-process around it. Tasks keep their ids, assignees and form data; jobs their retries; timers their
 *       due dates (no {@code updateEventTrigger}: a re-check due in two hours stays due in two hours).</li>
 *   <li>Tokens waiting at a join are taken off before and put back after ({@link JoinTokens}).</li>
 *   <li>An office still in Step 1 gets Task 1.6 on its own branch, and Task 1.5 at once if Task 1.4 is done (else
 *       it follows Task 1.4). An office past Step 1 is not asked for them: its audit trail says so.</li>
 * </ul>
 */
@Component
@Order(1)
public class Version1To2 implements RoadmapVersionPlan {

  static final String STEP_1 = "step_1";
  static final String TASK_1_5 = "task_1_5_export_shef_config";
  static final String TASK_1_6 = "task_1_6_opendcs_dev";

  /** Every activity of version 1 a token can wait in (tasks, asynchronous checks, timers), by roadmap step. */
  static final List<String> CARRIED = List.of(
      // Step 1
      "task_1_1_convert_scripts", "recommend_script_targets", "task_1_2_usgs_scripts", "task_1_3_critimport",
      "task_1_4_shef_parser",
      // T7 check
      "verify_t7", "task_fix_t7_findings", "timer_recheck_fix_t7", "wait_verify_t7",
      // Steps 2 and 3
      "task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products", "task_2_4_custom_schema",
      "task_3_1_modeling_ops",
      // Phase 1 gate (CWBI-DEV check)
      "verify_cwbi_dev", "task_fix_phase_1_findings", "timer_recheck_fix_phase_1", "wait_verify_cwbi_dev",
      // Step 4
      "task_4_schema_functions", "task_4_ldm_products", "task_4_usgs_config", "task_4_batch_scripts",
      "task_4_opendcs_import", "task_4_district_comments",
      // Step 5 (its test period and daily re-check) and Step 6
      "task_5_set_test_period", "task_5_agree_test_period", "task_5_confirm_data_processes", "task_5_rts_forecasts",
      "verify_cwbi_test", "timer_recheck_cwbi_test", "task_6_fix_issues", "task_6_district_review",
      // Step 7 and the CWBI-PROD check
      "task_7_ldm_products", "task_7_usgs_config", "task_7_batch_scripts", "task_7_opendcs_import",
      "verify_cwbi_prod", "task_7_fix_prod_findings", "timer_recheck_7_fix_prod", "wait_verify_cwbi_prod",
      // Step 8 and the Phase 3 gate (history check)
      "task_8_goldengate_off", "task_8_import_two_years", "task_8_migrate_history",
      "verify_history", "task_8_fix_history_findings", "timer_recheck_8_fix_history", "wait_verify_history",
      // Step 9
      "task_9_decommission_t7");

  static final String NOT_ASKED = "Tasks 1.5 and 1.6 added after this office finished Step 1: not asked of it.";

  @Override
  public String fromVersionTag() {
    return "1.0.0";
  }

  @Override
  public String toVersionTag() {
    return "2";
  }

  @Override
  public MigrationPlan migrationPlan(RuntimeService runtime, String sourceDefinitionId, String targetDefinitionId) {
    MigrationPlanBuilder builder = runtime.createMigrationPlan(sourceDefinitionId, targetDefinitionId);
    for (String activity : CARRIED) {
      builder.mapActivities(activity, activity);
    }
    return builder.build();
  }

  @Override
  public String move(ProcessEngine engine, MigrationPlan plan, String processInstanceId) {
    RuntimeService runtime = engine.getRuntimeService();
    JoinTokens.takeOff(runtime, processInstanceId);
    runtime.newMigration(plan).processInstanceIds(processInstanceId).execute();

    ActivityInstance tree = runtime.getActivityInstance(processInstanceId);
    BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(plan.getTargetProcessDefinitionId());
    ProcessInstanceModificationBuilder modification = runtime.createProcessInstanceModification(processInstanceId);
    List<JoinTokens.Planned> planned = new ArrayList<>();
    String note = NOT_ASKED;
    ActivityInstance[] step1 = tree.getActivityInstances(STEP_1);
    if (step1.length > 0) {
      String scope = step1[0].getId();
      modification.startBeforeActivity(TASK_1_6, scope);
      planned.add(new JoinTokens.Planned(scope, TASK_1_6));
      if (JoinTokens.isActive(step1[0], "task_1_3_critimport") || JoinTokens.isActive(step1[0], "task_1_4_shef_parser")) {
        note = "Task 1.6 added to Step 1; Task 1.5 follows Task 1.4.";
      } else {
        modification.startBeforeActivity(TASK_1_5, scope);
        planned.add(new JoinTokens.Planned(scope, TASK_1_5));
        note = "Tasks 1.5 and 1.6 added to Step 1 (Task 1.4 was done).";
      }
    }
    int tokens = JoinTokens.putBack(model, tree, planned, modification);
    if (!planned.isEmpty() || tokens > 0) {
      modification.execute();
    }
    return note;
  }
}
