package mil.usace.cwbi.migration.process.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine mechanics the roadmap's version moves rely on, on a throwaway model pair shaped like versions 1 and 2
 * (flat with an inclusive split/join, then the same activities inside new embedded sub-processes with a parallel
 * split/join and a new branch). Own in-memory engine: no application, no shared state.
 */
class MigrationMechanicsTest {

  static ProcessEngine engine;
  static RuntimeService runtime;
  static TaskService tasks;
  static ProcessDefinition v1;
  static ProcessDefinition v2;

  @BeforeAll
  static void engine() {
    engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:migration-mechanics;DB_CLOSE_DELAY=-1")
        .setProcessEngineName("migration-mechanics")
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false)
        .buildProcessEngine();
    runtime = engine.getRuntimeService();
    tasks = engine.getTaskService();
    v1 = deploy(version1());
    v2 = deploy(version2());
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  static ProcessDefinition deploy(BpmnModelInstance model) {
    String id = engine.getRepositoryService().createDeployment().addModelInstance("p.bpmn", model).deploy().getId();
    return engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(id).singleResult();
  }

  static BpmnModelInstance version1() {
    return Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1)
        .startEvent("start")
        .inclusiveGateway("split")
          .userTask("a")
          .inclusiveGateway("join")
          .serviceTask("verify").camundaAsyncBefore().camundaExpression("${execution.setVariable('passed', ok)}")
          .camundaFailedJobRetryTimeCycle("PT30S,PT2M,PT10M")
          .exclusiveGateway("passed_gw")
            .condition("yes", "${passed}").endEvent("end")
          .moveToNode("passed_gw")
            .condition("no", "${!passed}").userTask("fix")
              .boundaryEvent("fix_timer").cancelActivity(true).timerWithDuration("PT6H").connectTo("verify")
          .moveToActivity("fix").intermediateCatchEvent("wait").timerWithDuration("PT15M").connectTo("verify")
        .moveToNode("split").userTask("b").userTask("c").connectTo("join")
        .moveToNode("split").condition("usgs", "${usgs}").userTask("d").connectTo("join")
        .done();
  }

  static BpmnModelInstance version2() {
    return Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1)
        .startEvent("start")
        .subProcess("step_1").embeddedSubProcess().startEvent("step_1_start")
          .parallelGateway("split")
            .userTask("a")
            .parallelGateway("join")
            .endEvent("step_1_end")
          .moveToNode("split").userTask("b").userTask("c").userTask("e").connectTo("join")
          .moveToNode("split").exclusiveGateway("gw_d").condition("usgs", "${usgs}").userTask("d")
            .exclusiveGateway("merge_d").connectTo("join")
          .moveToNode("gw_d").condition("no usgs", "${!usgs}").connectTo("merge_d")
          .moveToNode("split").userTask("f").connectTo("join")
        .subProcessDone()
        .subProcess("check").embeddedSubProcess().startEvent("check_start")
          .exclusiveGateway("merge_verify")
          .serviceTask("verify").camundaAsyncBefore().camundaExpression("${execution.setVariable('passed', ok)}")
          .camundaFailedJobRetryTimeCycle("PT30S,PT2M,PT10M")
          .exclusiveGateway("passed_gw")
            .condition("yes", "${passed}").endEvent("check_end")
          .moveToNode("passed_gw")
            .condition("no", "${!passed}").userTask("fix")
              .boundaryEvent("fix_timer").cancelActivity(true).timerWithDuration("PT6H").connectTo("merge_verify")
          .moveToActivity("fix").intermediateCatchEvent("wait").timerWithDuration("PT15M").connectTo("merge_verify")
        .subProcessDone()
        .endEvent("end")
        .done();
  }

  static MigrationPlan plan() {
    return runtime.createMigrationPlan(v1.getId(), v2.getId())
        .mapActivities("a", "a").mapActivities("b", "b").mapActivities("c", "c").mapActivities("d", "d")
        .mapActivities("verify", "verify").mapActivities("fix", "fix").mapActivities("fix_timer", "fix_timer")
        .mapActivities("wait", "wait")
        .build();
  }

  static List<String> open(String pi) {
    return tasks.createTaskQuery().processInstanceId(pi).list().stream().map(Task::getTaskDefinitionKey).sorted()
        .toList();
  }

  static String dump(ActivityInstance ai, String indent) {
    StringBuilder b = new StringBuilder(indent + ai.getActivityId() + " (" + ai.getActivityType() + ")\n");
    for (ActivityInstance c : ai.getChildActivityInstances()) {
      b.append(dump(c, indent + "  "));
    }
    for (var t : ai.getChildTransitionInstances()) {
      b.append(indent + "  ~" + t.getActivityId() + " (transition)\n");
    }
    return b.toString();
  }

  @Test
  void aTokenAtTheInclusiveJoinIsCancelledThenTheTaskMovesIntoTheNewScopeAndNewBranchesStart() {
    ProcessInstance pi = runtime.startProcessInstanceById(v1.getId(), Map.of("usgs", false, "ok", true));
    String id = pi.getId();
    tasks.claim(tasks.createTaskQuery().processInstanceId(id).taskDefinitionKey("a").singleResult().getId(), "u1");
    tasks.complete(tasks.createTaskQuery().processInstanceId(id).taskDefinitionKey("b").singleResult().getId());
    tasks.complete(tasks.createTaskQuery().processInstanceId(id).taskDefinitionKey("c").singleResult().getId());
    ActivityInstance tree = runtime.getActivityInstance(id);
    System.out.println("v1 tree:\n" + dump(tree, ""));
    ActivityInstance[] joins = tree.getActivityInstances("join");
    assertThat(joins).hasSize(1);
    Task a = tasks.createTaskQuery().processInstanceId(id).taskDefinitionKey("a").singleResult();

    runtime.createProcessInstanceModification(id).cancelActivityInstance(joins[0].getId()).execute(true, true);
    runtime.newMigration(plan()).processInstanceIds(id).execute();
    ActivityInstance migrated = runtime.getActivityInstance(id);
    System.out.println("v2 tree after migration:\n" + dump(migrated, ""));
    String step1 = migrated.getActivityInstances("step_1")[0].getId();
    runtime.createProcessInstanceModification(id)
        .startBeforeActivity("e", step1)
        .startBeforeActivity("f", step1)
        .startBeforeActivity("join", step1) // the branch of d, not applicable: passed by
        .execute();
    System.out.println("v2 tree after modification:\n" + dump(runtime.getActivityInstance(id), ""));

    Task aAfter = tasks.createTaskQuery().processInstanceId(id).taskDefinitionKey("a").singleResult();
    assertThat(aAfter.getId()).isEqualTo(a.getId());
    assertThat(aAfter.getAssignee()).isEqualTo("u1");
    assertThat(aAfter.getProcessDefinitionId()).isEqualTo(v2.getId());
    assertThat(open(id)).containsExactly("a", "e", "f");
    for (String key : List.of("a", "e", "f")) {
      tasks.complete(tasks.createTaskQuery().processInstanceId(id).taskDefinitionKey(key).singleResult().getId());
    }
    Job verify = engine.getManagementService().createJobQuery().processInstanceId(id).singleResult();
    assertThat(verify).as("the join fired: the check's job waits").isNotNull();
    engine.getManagementService().executeJob(verify.getId());
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(id).count()).isZero();
  }

  @Test
  void theFixTaskWithItsBoundaryTimerAndTheFailedJobsRetriesAreKept() {
    ProcessInstance pi = runtime.startProcessInstanceById(v1.getId(), Map.of("usgs", true, "ok", false));
    String id = pi.getId();
    for (String key : List.of("a", "b", "c", "d")) {
      tasks.complete(tasks.createTaskQuery().processInstanceId(id).taskDefinitionKey(key).singleResult().getId());
    }
    var management = engine.getManagementService();
    management.executeJob(management.createJobQuery().processInstanceId(id).singleResult().getId());
    Job timer = management.createJobQuery().processInstanceId(id).timers().singleResult();
    Date due = timer.getDuedate();
    Task fix = tasks.createTaskQuery().processInstanceId(id).singleResult();

    runtime.newMigration(plan()).processInstanceIds(id).execute();
    Job timerAfter = management.createJobQuery().processInstanceId(id).timers().singleResult();
    assertThat(timerAfter.getId()).isEqualTo(timer.getId());
    assertThat(timerAfter.getDuedate()).isEqualTo(due);
    assertThat(tasks.createTaskQuery().processInstanceId(id).singleResult().getId()).isEqualTo(fix.getId());
    System.out.println("fix tree:\n" + dump(runtime.getActivityInstance(id), ""));

    // the verify job with a used-up try
    ProcessInstance pj = runtime.startProcessInstanceById(v1.getId(), Map.of("usgs", false));
    for (String key : List.of("a", "b", "c")) {
      tasks.complete(tasks.createTaskQuery().processInstanceId(pj.getId()).taskDefinitionKey(key).singleResult().getId());
    }
    Job job = management.createJobQuery().processInstanceId(pj.getId()).singleResult();
    try {
      management.executeJob(job.getId()); // no variable "ok": fails
    } catch (RuntimeException expected) {
      // one try used
    }
    int retries = management.createJobQuery().jobId(job.getId()).singleResult().getRetries();
    assertThat(retries).isEqualTo(3);
    runtime.newMigration(plan()).processInstanceIds(pj.getId()).execute();
    Job after = management.createJobQuery().processInstanceId(pj.getId()).singleResult();
    assertThat(after.getId()).isEqualTo(job.getId());
    assertThat(after.getRetries()).isEqualTo(retries);
    System.out.println("job tree:\n" + dump(runtime.getActivityInstance(pj.getId()), ""));
  }
}
