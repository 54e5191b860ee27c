package mil.usace.cwbi.migration.process.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.process.MigrationVariables;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The mover on its own engine with Spring's transactions (as in the application), on a throwaway model pair with the
 * shape of the roadmap's change (an inclusive join that becomes a parallel one inside a new sub-process, a new
 * branch): an office moves with its task and its join refilled; a failing move leaves its office untouched on the old
 * version while the next office moves.
 */
class RunningOfficesMoverTest {

  static ProcessEngine engine;
  static RuntimeService runtime;
  static TaskService tasks;
  static ProcessDefinition v1;
  static ProcessDefinition v2;
  static DataSourceTransactionManager transactions;

  @BeforeAll
  static void engine() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:running-offices-mover;DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    transactions = new DataSourceTransactionManager(dataSource);
    SpringProcessEngineConfiguration configuration = new SpringProcessEngineConfiguration();
    configuration.setDataSource(dataSource);
    configuration.setTransactionManager(transactions);
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    configuration.setProcessEngineName("running-offices-mover");
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    configuration.setJobExecutorActivate(false);
    org.springframework.context.support.GenericApplicationContext beansOfTheEngine =
        new org.springframework.context.support.GenericApplicationContext();
    beansOfTheEngine.refresh();
    configuration.setApplicationContext(beansOfTheEngine);
    engine = configuration.buildProcessEngine();
    runtime = engine.getRuntimeService();
    tasks = engine.getTaskService();
    v1 = deploy(Bpmn.createExecutableProcess(MigrationVariables.PROCESS_KEY).camundaHistoryTimeToLive(1)
        .camundaVersionTag("1.0.0")
        .startEvent()
        .inclusiveGateway("split")
          .userTask("a")
          .inclusiveGateway("join")
          .userTask("after")
          .endEvent()
        .moveToNode("split").userTask("b").connectTo("join")
        .moveToNode("split").condition("usgs", "${usgs}").userTask("d").connectTo("join")
        .done());
    v2 = deploy(Bpmn.createExecutableProcess(MigrationVariables.PROCESS_KEY).camundaHistoryTimeToLive(1)
        .camundaVersionTag("2")
        .startEvent()
        .subProcess("step").embeddedSubProcess().startEvent()
          .parallelGateway("split")
            .userTask("a")
            .parallelGateway("join")
            .endEvent()
          .moveToNode("split").userTask("b").connectTo("join")
          .moveToNode("split").exclusiveGateway("gw_d").condition("usgs", "${usgs}").userTask("d")
            .exclusiveGateway("merge_d").connectTo("join")
          .moveToNode("gw_d").condition("no usgs", "${!usgs}").connectTo("merge_d")
          .moveToNode("split").userTask("new_task").connectTo("join")
        .subProcessDone()
        .userTask("after")
        .endEvent()
        .done());
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  static ProcessDefinition deploy(BpmnModelInstance model) {
    String id = engine.getRepositoryService().createDeployment().addModelInstance("p.bpmn", model).deploy().getId();
    return engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(id).singleResult();
  }

  /** The shape of {@link Version1To2}: map the tasks, take off and put back the join's tokens, start the new task. */
  static class ThrowawayPlan implements RoadmapVersionPlan {
    String failFor;

    @Override
    public String fromVersionTag() {
      return "1.0.0";
    }

    @Override
    public String toVersionTag() {
      return "2";
    }

    @Override
    public MigrationPlan migrationPlan(RuntimeService runtime, String source, String target) {
      return runtime.createMigrationPlan(source, target).mapActivities("a", "a").mapActivities("b", "b")
          .mapActivities("d", "d").mapActivities("after", "after").build();
    }

    @Override
    public String move(ProcessEngine engine, MigrationPlan plan, String processInstanceId) {
      JoinTokens.takeOff(runtime, processInstanceId);
      runtime.newMigration(plan).processInstanceIds(processInstanceId).execute();
      var tree = runtime.getActivityInstance(processInstanceId);
      var modification = runtime.createProcessInstanceModification(processInstanceId);
      var steps = tree.getActivityInstances("step");
      List<JoinTokens.Planned> planned = new java.util.ArrayList<>();
      if (steps.length > 0) {
        modification.startBeforeActivity("new_task", steps[0].getId());
        planned.add(new JoinTokens.Planned(steps[0].getId(), "new_task"));
      }
      JoinTokens.putBack(engine.getRepositoryService().getBpmnModelInstance(plan.getTargetProcessDefinitionId()),
          tree, planned, modification);
      if (!planned.isEmpty()) {
        modification.execute();
      }
      if (processInstanceId.equals(failFor)) {
        throw new IllegalStateException("injected failure after the migration and the modification");
      }
      return planned.isEmpty() ? "nothing new" : "new task added";
    }
  }

  static String start(String office, boolean usgs) {
    return runtime.startProcessInstanceById(v1.getId(), office, Map.of("usgs", usgs)).getId();
  }

  static void complete(String pi, String key) {
    tasks.complete(tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).singleResult().getId());
  }

  static List<String> open(String pi) {
    return tasks.createTaskQuery().processInstanceId(pi).list().stream().map(Task::getTaskDefinitionKey).sorted()
        .toList();
  }

  @Test
  void officesMoveOneTransactionEachAndAFailureLeavesItsOfficeUntouched() {
    String atJoin = start("MECH1", false);
    complete(atJoin, "b"); // b's token waits at the inclusive join
    tasks.claim(tasks.createTaskQuery().processInstanceId(atJoin).taskDefinitionKey("a").singleResult().getId(), "u1");
    String failing = start("MECH2", true);
    String after = start("MECH3", false);
    complete(after, "a");
    complete(after, "b");
    Task failingTask = tasks.createTaskQuery().processInstanceId(failing).taskDefinitionKey("a").singleResult();

    ThrowawayPlan plan = new ThrowawayPlan();
    plan.failFor = failing;
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("plan", plan);
    RoadmapVersionProperties properties = new RoadmapVersionProperties();
    RunningOfficesMover mover = new RunningOfficesMover(engine, beans.getBeanProvider(RoadmapVersionPlan.class),
        properties, transactions);
    RunningOfficesMover.Report report = mover.moveAll();

    assertThat(report.moved()).containsOnlyKeys("MECH1", "MECH3");
    assertThat(report.failed()).containsOnlyKeys("MECH2");
    assertThat(report.failed().get("MECH2")).contains("injected failure");

    // the failing office: on version 1, as it was (its three tasks, the same ids, no new task, no note)
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(failing).singleResult().getProcessDefinitionId())
        .isEqualTo(v1.getId());
    assertThat(open(failing)).containsExactly("a", "b", "d");
    assertThat(tasks.createTaskQuery().processInstanceId(failing).taskDefinitionKey("a").singleResult().getId())
        .isEqualTo(failingTask.getId());
    assertThat(runtime.getVariable(failing, RunningOfficesMover.NOTE_VARIABLE)).isNull();
    assertThat(runtime.getActivityInstance(failing).getActivityInstances("step")).isEmpty();

    // the office with a token at the join: its claimed task kept, the new task, the join refilled for b and d
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(atJoin).singleResult().getProcessDefinitionId())
        .isEqualTo(v2.getId());
    assertThat(open(atJoin)).containsExactly("a", "new_task");
    assertThat(tasks.createTaskQuery().processInstanceId(atJoin).taskDefinitionKey("a").singleResult().getAssignee())
        .isEqualTo("u1");
    assertThat((String) runtime.getVariable(atJoin, RunningOfficesMover.NOTE_VARIABLE))
        .isEqualTo("Moved from roadmap version 1 to version 2. new task added");
    complete(atJoin, "a");
    assertThat(open(atJoin)).containsExactly("new_task");
    complete(atJoin, "new_task");
    assertThat(open(atJoin)).containsExactly("after");

    // the office past the step: nothing new
    assertThat(open(after)).containsExactly("after");
    assertThat((String) runtime.getVariable(after, RunningOfficesMover.NOTE_VARIABLE)).endsWith("nothing new");

    // a second run moves only what is left on version 1: the failing office, now that it does not fail
    plan.failFor = null;
    RunningOfficesMover.Report again = mover.moveAll();
    assertThat(again.moved()).containsOnlyKeys("MECH2");
    assertThat(open(failing)).containsExactly("a", "b", "d", "new_task");
    complete(failing, "a");
    complete(failing, "b");
    complete(failing, "new_task");
    assertThat(open(failing)).containsExactly("d");
    complete(failing, "d");
    assertThat(open(failing)).containsExactly("after");
  }

  @Test
  void onStartUpItRunsBeforeTheClusterStartUpLockIsReleased() throws Exception {
    int mover = RunningOfficesMover.class.getMethod("onReady")
        .getAnnotation(org.springframework.core.annotation.Order.class).value();
    int lock = mil.usace.cwbi.migration.engine.StartupLock.class.getMethod("onReady")
        .getAnnotation(org.springframework.core.annotation.Order.class).value();
    assertThat(mover).as("ready listeners run in @Order: the mover under the lock, on one node at a time")
        .isLessThan(lock);
  }

  @Test
  void aPlanTheEngineRefusesLeavesEveryOfficeOfItsVersionWhereItIsWithTheEnginesReason() {
    String office = start("MECH4", false);
    ThrowawayPlan wrong = new ThrowawayPlan() {
      @Override
      public MigrationPlan migrationPlan(RuntimeService runtime, String source, String target) {
        return runtime.createMigrationPlan(source, target).mapActivities("a", "no_such_task").build();
      }
    };
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("wrong", wrong);
    RunningOfficesMover.Report report = new RunningOfficesMover(engine,
        beans.getBeanProvider(RoadmapVersionPlan.class), new RoadmapVersionProperties(), transactions).moveAll();

    assertThat(report.moved()).isEmpty();
    assertThat(report.failed()).containsKey("MECH4");
    assertThat(report.failed().get("MECH4")).contains("no_such_task");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(office).singleResult().getProcessDefinitionId())
        .isEqualTo(v1.getId());
    runtime.deleteProcessInstance(office, "test cleanup");
  }
}
