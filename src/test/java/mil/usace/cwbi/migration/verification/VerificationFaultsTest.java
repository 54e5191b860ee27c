package mil.usace.cwbi.migration.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.cda.CdaStubs;
import mil.usace.cwbi.migration.notification.Notifier;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.support.TestServers;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Where a check's faults go. A bug of ours (an unexpected exception) retries through the job's retry cycle and ends
 * in an incident in Cockpit: no fix task, no mail to the district. A CDA that does not answer is retried by the job
 * (not inside it) and, on the job's last attempt, fails the check closed: a fix task saying CDA could not be reached.
 */
class VerificationFaultsTest extends IntegrationTest {

  static final String OFFICE = "MVS";
  static final String[] STEP_1 = {"task_1_1_convert_scripts", "task_1_2_usgs_scripts", "task_1_3_critimport",
      "task_1_4_shef_parser", "task_1_5_export_shef_config", "task_1_6_opendcs_dev"};

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired MigrationDriver driver;
  @Autowired mil.usace.cwbi.migration.dashboard.DashboardQueries dashboard;
  @Autowired ScriptedGateVerifier verifier;

  final CdaStubs t7 = new CdaStubs(TestServers.cda(), "t7-faults");
  ProcessInstance pi;

  @BeforeEach
  void setUp() {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(OFFICE).rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  @AfterEach
  void tearDown() {
    verifier.reset();
    t7.reset();
    if (pi != null && runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count() > 0) {
      runtime.deleteProcessInstance(pi.getId(), "test cleanup");
    }
  }

  /** Completes Step 1 up to the point where the T7 check's job waits; returns that job. */
  Job stepOneDoneAndTheT7CheckDue() {
    Map<String, Object> start = driver.startData(OFFICE, false);
    start.put(MigrationVariables.T7_CDA_URL, t7.baseUrl());
    pi = driver.start(start);
    for (String key : STEP_1) {
      Task task = driver.task(pi.getId(), key);
      if (task != null) {
        tasks.complete(task.getId(), driver.validData(key));
        runJobsBut("verify_environment");
      }
    }
    Job job = management.createJobQuery().rootProcessInstanceId(pi.getId())
        .activityId("verify_environment").singleResult(); // in the check the migration called
    assertThat(job).as("the T7 check waits as a job").isNotNull();
    return job;
  }

  /** Runs the instance's due jobs (Task 1.1's script decision, ...) but those of {@code activity}. */
  void runJobsBut(String activity) {
    for (int round = 0; round < 20; round++) {
      java.util.Set<String> held = new java.util.HashSet<>();
      management.createJobQuery().rootProcessInstanceId(pi.getId()).activityId(activity).list()
          .forEach(j -> held.add(j.getId()));
      List<Job> due = management.createJobQuery().rootProcessInstanceId(pi.getId()).executable().list().stream()
          .filter(j -> !held.contains(j.getId())).toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(j -> management.executeJob(j.getId()));
    }
  }

  /** Notification instances (handoff and failed-gate mails) of this migration's office. */
  long mailsFor(String office) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(Notifier.PROCESS_KEY)
        .variableValueEquals("office", office).list().stream()
        .filter(h -> String.valueOf(history.createHistoricVariableInstanceQuery().processInstanceId(h.getId())
            .variableName("subject").singleResult().getValue()).contains("check"))
        .count();
  }

  @Test
  void aBugOfOursRetriesThroughTheJobAndEndsInAnIncidentNeverInTheDistrictsInbox() {
    verifier.breakWith(Environment.T7, new NullPointerException("a bug of ours inside a check"));
    Job job = stepOneDoneAndTheT7CheckDue();
    long mailsBefore = mailsFor(OFFICE);

    int attempts = 0;
    while (runtime.createIncidentQuery().processInstanceId(pi.getId()).count() == 0 && attempts < 10) {
      String id = job.getId();
      assertThatThrownBy(() -> management.executeJob(id)).hasMessageContaining("a bug of ours");
      attempts++;
      // failed, not forgotten: the job is still there with one retry fewer
      job = management.createJobQuery().jobId(id).singleResult();
      assertThat(job.getExceptionMessage()).contains("a bug of ours");
    }
    // failedJobRetryTimeCycle PT30S,PT2M,PT10M: the first try and three retries
    assertThat(attempts).isEqualTo(4);
    assertThat(verifier.calls(Environment.T7)).isEqualTo(4);
    List<Incident> incidents = runtime.createIncidentQuery().processInstanceId(pi.getId()).list();
    assertThat(incidents).singleElement().satisfies(i -> {
      assertThat(i.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
      // Cockpit shows it on the migration's T7 check, caused by the check's verification job
      assertThat(i.getActivityId()).isEqualTo("check_t7");
      assertThat(runtime.createIncidentQuery().incidentId(i.getRootCauseIncidentId()).singleResult().getActivityId())
          .isEqualTo("verify_environment");
    });
    assertThat(driver.task(pi.getId(), MigrationDriver.FIX_TASK)).as("no fix task for a bug of ours").isNull();
    // HEC's dashboard shows it on the office, at its T7 check, with the check's own message
    assertThat(dashboard.offices().stream().filter(r -> r.office().equals(OFFICE)).findFirst().orElseThrow()
        .incidents()).singleElement().satisfies(i -> {
          assertThat(i.activityId()).isEqualTo("check_t7");
          assertThat(i.message()).contains("a bug of ours");
        });
    assertThat(runtime.getVariable(pi.getId(), "verification_t7")).isNull();
    assertThat(mailsFor(OFFICE)).as("no failed-check mail").isEqualTo(mailsBefore);

    // fixed, an operator retries the job in Cockpit: the check runs and the migration goes on
    verifier.reset();
    verifier.pass(Environment.T7);
    management.setJobRetries(job.getId(), 1);
    management.executeJob(job.getId());
    assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(runtime.getVariable(pi.getId(), "verification_t7_passed")).isEqualTo(true);
  }

  @Test
  void aCdaThatDoesNotAnswerIsRetriedByTheJobThenFailsTheCheckClosed() {
    t7.stub(t7.get("version").willReturn(CdaStubs.json(503, "<html>" + "maintenance page" + "</html>")));
    Job job = stepOneDoneAndTheT7CheckDue();
    String id = job.getId();

    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThatThrownBy(() -> management.executeJob(id)).hasMessageContaining("HTTP 503")
          .hasMessageNotContaining("maintenance");
      job = management.createJobQuery().jobId(id).singleResult();
      assertThat(job.getRetries()).as("after attempt " + attempt).isEqualTo(4 - attempt);
      assertThat(job.getDuedate()).as("retried later, on the task's cycle").isInTheFuture();
      assertThat(driver.task(pi.getId(), MigrationDriver.FIX_TASK)).isNull();
      assertThat(runtime.getVariable(pi.getId(), "verification_t7")).isNull();
    }
    // the last attempt: fail closed, a fix task says CDA could not be reached; no incident
    management.executeJob(id);
    assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(runtime.getVariable(pi.getId(), "verification_t7_passed")).isEqualTo(false);
    String report = (String) runtime.getVariable(pi.getId(), "verification_t7");
    assertThat(report).contains(VerificationDelegate.REACHABLE + " (T7)", "HTTP 503", "still no answer after the job's")
        .doesNotContain("maintenance");
    Task fix = driver.task(pi.getId(), MigrationDriver.FIX_TASK);
    assertThat(fix).isNotNull();
    assertThat((String) tasks.getVariable(fix.getId(), "findings")).contains("CDA could be reached");
  }
}
