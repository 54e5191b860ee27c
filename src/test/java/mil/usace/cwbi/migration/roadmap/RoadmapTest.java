package mil.usace.cwbi.migration.roadmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mil.usace.cwbi.migration.dashboard.DashboardQueries;
import mil.usace.cwbi.migration.dashboard.OfficeRow;
import mil.usace.cwbi.migration.notification.Notifier;
import mil.usace.cwbi.migration.demo.mail.MailViewerController;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.support.TestServers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CategoryValue;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Roadmap's answers on the DEPLOYED model, and that a copy renamed in the way Modeler users do (ids, step and
 * phase names, a due period) keeps due dates, lanes, mail and dashboard right when deployed as a later version.
 */
class RoadmapTest extends IntegrationTest {

  static final List<String> STEP_NAMES = List.of(
      "Convert/test all data processes on T7", "Test custom data processes in CWBI-DEV",
      "Test modeling operations (CAVI/CWMS-Vue)", "Migrate all processes to CWBI-TEST", "Fully test in CWBI-TEST",
      "Fix issues found in Step 5", "Migrate to CWBI-PROD and verify", "Goldengate off, migrate historical data",
      "Decommission T7");

  /** The fix tasks and the gate each holds an office at: the checks' one fix task, under the check calling it. */
  static final Map<String, String> FIX_TASK_GATES = Map.of(
      RoadmapFacts.inCall("check_t7", "task_fix_findings"), "T7 check (Step 1)",
      RoadmapFacts.inCall("check_cwbi_dev", "task_fix_findings"), "Phase 1 gate (CWBI-DEV check)",
      "task_6_fix_issues", "Phase 2 gate (Step 5 results)",
      RoadmapFacts.inCall("check_cwbi_prod", "task_fix_findings"), "CWBI-PROD check (Step 7)",
      RoadmapFacts.inCall("check_history", "task_fix_findings"), "Phase 3 gate (history check)");

  /** Version 2's fix tasks (the v1 ids), each in its check sub-process. */
  static final Map<String, String> V2_FIX_TASK_GATES = Map.of(
      "task_fix_t7_findings", "T7 check (Step 1)",
      "task_fix_phase_1_findings", "Phase 1 gate (CWBI-DEV check)",
      "task_6_fix_issues", "Phase 2 gate (Step 5 results)",
      "task_7_fix_prod_findings", "CWBI-PROD check (Step 7)",
      "task_8_fix_history_findings", "Phase 3 gate (history check)");

  static final String COPY = "roadmap-test-renamed-copy";
  static final String OFFICE = "SPK";
  static final String V1_OFFICE = "SAJ";

  @Autowired Roadmap roadmap;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired DashboardQueries dashboard;

  @Test
  void theDeployedModelAnswersEveryRoadmapQuestion() {
    RoadmapFacts facts = roadmap.latest();
    BpmnModelInstance model = repository.getBpmnModelInstance(roadmap.latestDefinitionId());

    assertThat(facts.stepCount()).isEqualTo(9);
    for (int step = 1; step <= 9; step++) {
      assertThat(facts.stepName(step)).as("Step %d", step).isEqualTo(STEP_NAMES.get(step - 1));
      assertThat(facts.phaseOfStep(step)).as("phase of Step %d", step).isEqualTo((step - 1) / 3 + 1);
    }
    assertThat(List.of(facts.phaseName(1), facts.phaseName(2), facts.phaseName(3))).containsExactly(
        "Phase 1: Pre-Migration (CWBI-DEV)", "Phase 2: Migration/Testing (CWBI-TEST)",
        "Phase 3: Complete Migration (CWBI-PROD)");

    List<String> userTasks = new ArrayList<>(model.getModelElementsByType(UserTask.class).stream()
        .map(BaseElement::getId).toList());
    // the checks' fix task, drawn once in the called process, answers as part of each check that calls it
    facts.calls().keySet().forEach(call -> userTasks.add(RoadmapFacts.inCall(call, "task_fix_findings")));
    assertThat(facts.calls()).containsOnlyKeys("check_t7", "check_cwbi_dev", "check_cwbi_prod", "check_history")
        .allSatisfy((call, key) -> assertThat(key).isEqualTo("verify-environment"));
    assertThat(userTasks).hasSizeGreaterThan(30).containsAll(FIX_TASK_GATES.keySet())
        .contains("task_1_5_export_shef_config", "task_1_6_opendcs_dev");
    for (String task : userTasks) {
      assertThat(facts.step(task)).as("step of %s", task).isBetween(1, 9);
      assertThat(facts.phase(task)).as("phase of %s", task).isEqualTo(facts.phaseOfStep(facts.step(task)));
      assertThat(facts.lane(task)).as("lane of %s", task).isIn("District", "HEC");
      assertThat(facts.duePeriod(task)).as("due period of %s", task).isNotNull()
          .satisfies(p -> assertThat(p.isNegative() || p.isZero()).isFalse());
      assertThat(facts.roadmapItem(task)).as("roadmap item of %s", task).isNotBlank();
      assertThat(facts.isFixTask(task) || facts.isWork(task)).as("work or fix: %s", task).isTrue();
    }
    assertThat(userTasks.stream().filter(facts::isFixTask).collect(Collectors.toSet()))
        .isEqualTo(FIX_TASK_GATES.keySet());
    FIX_TASK_GATES.forEach((task, gate) -> assertThat(facts.gate(task)).isEqualTo(gate));
    for (ServiceTask s : model.getModelElementsByType(ServiceTask.class)) {
      assertThat(facts.lane(s.getId())).as("lane of %s", s.getId()).isEqualTo("Automated checks");
      if (s.getId().equals("record_reported_progress")) {
        // beside every step (progress the district's tools report): no step, so it never moves an office's step
        assertThat(facts.step(s.getId())).as("step of %s", s.getId()).isNull();
      } else {
        assertThat(facts.step(s.getId())).as("step of %s", s.getId()).isNotNull();
      }
    }

    // what the copies said before, now from the model
    assertThat(facts.lane("task_4_schema_functions")).isEqualTo("HEC");
    assertThat(facts.lane("task_4_district_comments")).isEqualTo("District");
    assertThat(facts.roadmapItem("task_1_3_critimport")).isEqualTo("1.3");
    assertThat(facts.duePeriod("task_1_3_critimport")).isEqualTo(Period.ofDays(60));
    assertThat(facts.duePeriod("task_2_1_load_db_objects")).isEqualTo(Period.ofDays(45));
    assertThat(facts.duePeriod("task_5_agree_test_period")).isEqualTo(Period.ofDays(7));
    // elements without properties: the step of the sub-process around them
    assertThat(facts.step(RoadmapFacts.inCall("check_cwbi_dev", "merge_verify_environment"))).isEqualTo(3);
    assertThat(facts.step("check_cwbi_dev")).isEqualTo(3);
    assertThat(facts.step("start_migration")).isNull();
    assertThat(facts.where(RoadmapFacts.inCall("check_cwbi_dev", "task_fix_findings"))).isEqualTo(
        "Phase 1: Pre-Migration (CWBI-DEV), Step 3: "
        + "Test modeling operations (CAVI/CWMS-Vue) (held at the Phase 1 gate (CWBI-DEV check))");
    // by its own id, the called fix task is a fix task wherever it runs
    assertThat(facts.isFixTask("task_fix_findings")).isTrue();
    assertThat(facts.opensBesideOtherLane("task_4_district_comments")).isTrue();
    assertThat(facts.opensBesideOtherLane("task_4_schema_functions")).isFalse();
    // the pass-by events name the task they pass by
    assertThat(facts.skippedTask("skip_4_schema_functions")).isEqualTo("task_4_schema_functions");
    assertThat(facts.skippedTask("skip_4_ldm_products")).isEqualTo("task_4_ldm_products");
    assertThat(facts.skippedTask("skip_7_ldm_products")).isEqualTo("task_7_ldm_products");
    assertThat(facts.skippedTask("task_7_ldm_products")).isNull();
  }

  @Test
  void aCopyRenamedInModelerKeepsDueDatesLanesMailAndTheDashboard() throws Exception {
    BpmnModelInstance copy = Bpmn.readModelFromFile(new File("bpmn/cwbi-migration.bpmn"));
    // what HEC might do in Modeler: new ids, reworded step and phase names, a shorter due period
    rename(copy, "step_1", "SubProcess_0k3j2");
    SubProcess step1 = copy.getModelElementById("SubProcess_0k3j2");
    step1.setName("Step 1: Convert and test every data process on T7");
    rename(copy, "task_1_1_convert_scripts", "Activity_1q2w3e");
    setProperty(copy.getModelElementById("Activity_1q2w3e"), "duePeriod", "P21D");
    rename(copy, "task_1_3_critimport", "Activity_0crit");
    rename(copy, "check_t7", "Activity_1t7chk"); // the T7 check's call activity
    rename(copy, "group_phase_1", "Group_0a1b2c");
    CategoryValue phase1 = copy.getModelElementById("category_value_phase_1");
    phase1.setValue("Phase 1: Getting ready (CWBI-DEV)");

    runtime.createProcessInstanceQuery().processInstanceBusinessKey(OFFICE).rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
    member("spk-roadmap", "district-spk", "spk-roadmap@example.mil");
    int mailsBefore = TestServers.smtp().getReceivedMessages().length;
    Deployment deployment = repository.createDeployment().name(COPY)
        .addModelInstance("cwbi-migration.bpmn", copy).deploy();
    String definition = repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).singleResult()
        .getId();
    try {
      assertThat(roadmap.latestDefinitionId()).isEqualTo(definition);
      verifier.passAll();
      Instant now = ClockUtil.getCurrentTime().toInstant();
      ProcessInstance pi = runtime.startProcessInstanceById(definition, driver.startData(OFFICE, false));

      // due dates: the renamed tasks keep theirs, the changed period is the model's
      Task convert = taskOf(pi, "Activity_1q2w3e");
      Task crit = taskOf(pi, "Activity_0crit");
      assertThat(convert.getDueDate().toInstant())
          .isCloseTo(plus(now, Period.ofDays(21)), within(1, ChronoUnit.MINUTES));
      assertThat(crit.getDueDate().toInstant())
          .isCloseTo(plus(now, Period.ofDays(60)), within(1, ChronoUnit.MINUTES));

      // the dashboard: step, its new name, the new phase label, lanes from the tasks' own property
      OfficeRow row = dashboard.offices().stream().filter(r -> OFFICE.equals(r.office())).findFirst().orElseThrow();
      assertThat(row.processInstanceId()).isEqualTo(pi.getId());
      assertThat(row.step()).isEqualTo(1);
      assertThat(row.stepName()).isEqualTo("Convert and test every data process on T7");
      assertThat(row.phaseName()).isEqualTo("Phase 1: Getting ready (CWBI-DEV)");
      assertThat(row.stepCount()).isEqualTo(9);
      assertThat(row.openTasks()).extracting(OfficeRow.OpenTask::key).contains("Activity_1q2w3e", "Activity_0crit");
      assertThat(row.openTasks()).allSatisfy(t -> {
        assertThat(t.lane()).isEqualTo("District");
        assertThat(t.step()).isEqualTo(1);
      });

      // escalated (hec added as a candidate, as TaskReminders does): still the District's task, one answer
      tasks.addCandidateGroup(crit.getId(), "hec");
      assertThat(dashboard.offices().stream().filter(r -> OFFICE.equals(r.office())).findFirst().orElseThrow()
          .openTasks()).filteredOn(t -> t.key().equals("Activity_0crit")).singleElement()
          .satisfies(t -> assertThat(t.lane()).isEqualTo("District"))
          .satisfies(t -> assertThat(t.candidateGroups()).contains("hec", "district-spk"));

      // the District's mail at the start names the step and phase by their new words
      deliver();
      List<String> mails = new ArrayList<>();
      MimeMessage[] received = TestServers.smtp().getReceivedMessages();
      for (int i = mailsBefore; i < received.length; i++) {
        if (received[i].getSubject().contains("[CWBI migration " + OFFICE + "]")
            && received[i].getAllRecipients()[0].toString().equals("spk-roadmap@example.mil")) {
          mails.add(MailViewerController.text(received[i]));
        }
      }
      assertThat(mails).isNotEmpty();
      assertThat(mails.get(0)).contains(
          "Phase 1: Getting ready (CWBI-DEV), Step 1: Convert and test every data process on T7");

      // Step 1 done: the progress counts the renamed work, the T7 check (renamed call activity) follows
      int before = row.progressPercent();
      tasks.complete(convert.getId(), driver.validData("task_1_1_convert_scripts"));
      driver.runJobs(pi.getId());
      OfficeRow after = dashboard.offices().stream().filter(r -> OFFICE.equals(r.office())).findFirst().orElseThrow();
      assertThat(after.progressPercent()).isGreaterThan(before);
    } finally {
      repository.deleteDeployment(deployment.getId(), true); // with its instances and history
    }
    assertThat(roadmap.latestDefinitionId()).isNotEqualTo(definition);
    assertThat(repository.createDeploymentQuery().deploymentName(COPY).count()).isZero();
  }

  @Test
  void anOfficeStillOnVersion1IsAnsweredByTheRoadmapOfVersion2() {
    // version 1 (generated, no roadmap properties; the same file the version move starts from), deployed last
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(V1_OFFICE).rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
    // version 2 as it was deployed before version 3 (its check sub-processes kept version 1's ids)
    Deployment v2Deployment = repository.createDeployment().name(COPY + "-v2")
        .addClasspathResource("roadmap-versions/cwbi-migration-v2.bpmn").deploy();
    Deployment deployment = repository.createDeployment().name(COPY + "-v1")
        .addClasspathResource("roadmap-versions/cwbi-migration-v1.bpmn").deploy();
    String v1 = repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).singleResult().getId();
    try {
      RoadmapFacts facts = roadmap.of(v1);
      assertThat(facts.stepCount()).isEqualTo(9);
      assertThat(facts.step("task_3_1_modeling_ops")).isEqualTo(3);
      assertThat(facts.lane("task_4_schema_functions")).isEqualTo("HEC");
      assertThat(facts.isFixTask("task_fix_t7_findings")).isTrue();
      assertThat(facts.gate("task_8_fix_history_findings")).isEqualTo("Phase 3 gate (history check)");
      V2_FIX_TASK_GATES.forEach((task, gate) -> assertThat(facts.gate(task)).as(task).isEqualTo(gate));
      assertThat(facts.step("join_step_1")).as("a v1 element v2 kept").isEqualTo(1);

      verifier.passAll();
      Instant now = ClockUtil.getCurrentTime().toInstant();
      ProcessInstance pi = runtime.startProcessInstanceById(v1, driver.startData(V1_OFFICE, false));
      assertThat(taskOf(pi, "task_1_1_convert_scripts").getDueDate().toInstant())
          .as("Step 1's P60D, not the default")
          .isCloseTo(plus(now, Period.ofDays(60)), within(1, ChronoUnit.MINUTES));
      OfficeRow row = dashboard.offices().stream().filter(r -> V1_OFFICE.equals(r.office())).findFirst()
          .orElseThrow();
      assertThat(row.processInstanceId()).isEqualTo(pi.getId());
      assertThat(row.step()).isEqualTo(1);
      assertThat(row.stepName()).isEqualTo(STEP_NAMES.get(0));
      assertThat(row.stepCount()).isEqualTo(9);
      assertThat(row.openTasks()).isNotEmpty().allSatisfy(t -> assertThat(t.lane()).isEqualTo("District"));
    } finally {
      repository.deleteDeployment(deployment.getId(), true);
      repository.deleteDeployment(v2Deployment.getId(), true);
    }
  }

  private Task taskOf(ProcessInstance pi, String key) {
    Task t = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
    assertThat(t).as("open task %s", key).isNotNull();
    return t;
  }

  private static Instant plus(Instant from, Period period) {
    return from.atOffset(ZoneOffset.UTC).plus(period).toInstant();
  }

  private static void rename(BpmnModelInstance model, String id, String newId) {
    BaseElement element = model.getModelElementById(id);
    assertThat(element).as(id).isNotNull();
    element.setId(newId); // references (flows, DI, boundary events) follow, as in Modeler
  }

  private static void setProperty(BaseElement element, String name, String value) {
    for (CamundaProperties ps : element.getExtensionElements().getElementsQuery()
        .filterByType(CamundaProperties.class).list()) {
      for (CamundaProperty p : ps.getCamundaProperties()) {
        if (name.equals(p.getCamundaName())) {
          p.setCamundaValue(value);
          return;
        }
      }
    }
    throw new AssertionError("no property " + name + " on " + element.getId());
  }

  private void member(String id, String group, String email) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User u = identity.newUser(id);
      u.setFirstName(id);
      u.setLastName("Test");
      u.setEmail(email);
      identity.saveUser(u);
    }
    if (identity.createGroupQuery().groupId(group).count() == 0) {
      identity.saveGroup(identity.newGroup(group));
    }
    if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
      identity.createMembership(id, group);
    }
  }

  /** Runs the mail delivery jobs as the job executor would (the test profile runs none). */
  private void deliver() {
    for (int round = 0; round < 10; round++) {
      List<Job> due = management.createJobQuery().processDefinitionKey(Notifier.PROCESS_KEY).executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(j -> management.executeJob(j.getId()));
    }
  }
}
