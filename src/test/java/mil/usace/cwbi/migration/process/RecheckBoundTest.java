package mil.usace.cwbi.migration.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.verification.Environment;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 13: a district user completing the T7 fix task as fast as they can (50 times, as the user, through the
 * engine's TaskService like a Tasklist request) never starts more checks than the minimum interval and the office's
 * rate allow, and never more than one check of the environment is pending or running.
 */
class RecheckBoundTest extends IntegrationTest {

  static final String OFFICE = "MVP";
  static final String FIX = MigrationDriver.FIX_TASK; // in the T7 check the migration called

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired RecheckProperties limits;

  Duration savedInterval;
  int savedMax;
  Duration savedWindow;
  ProcessInstance pi;

  @BeforeEach
  void setUp() {
    // the shared test context runs with no minimum interval (other tests re-check at once); this test sets the
    // production-like limits on the bound properties and puts them back afterwards
    savedInterval = limits.getMinInterval();
    savedMax = limits.getMaxPerWindow();
    savedWindow = limits.getWindow();
    limits.setMinInterval(Duration.ofMinutes(15));
    limits.setMaxPerWindow(6);
    limits.setWindow(Duration.ofDays(1));
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(OFFICE).rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test set-up"));
    verifier.pass(Environment.CWBI_DEV);
    verifier.fail(Environment.T7);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    identity.clearAuthentication();
    limits.setMinInterval(savedInterval);
    limits.setMaxPerWindow(savedMax);
    limits.setWindow(savedWindow);
    verifier.reset();
    if (pi != null && runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count() > 0) {
      runtime.deleteProcessInstance(pi.getId(), "test cleanup");
    }
  }

  @Test
  void fiftyFastCompletionsStartNoMoreChecksThanTheIntervalAndRateAllow() {
    Instant t0 = Instant.parse("2026-12-01T08:00:00Z");
    ClockUtil.setCurrentTime(Date.from(t0));
    pi = driver.start(OFFICE, false);
    driver.completeAll(pi.getId(), "task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
        "task_1_5_export_shef_config", "task_1_6_opendcs_dev");
    assertThat(verifier.calls(Environment.T7)).as("the first T7 check ran and failed").isEqualTo(1);
    Task fix = driver.task(pi.getId(), FIX);
    assertThat(fix).as("fix task after the failed check").isNotNull();
    assertThat(String.valueOf(tasks.getVariable(fix.getId(), "nextCheck")))
        .contains("runs again on its own on Tue 1 Dec 2026, 14:00 UTC")
        .contains("starts it on Tue 1 Dec 2026, 08:15 UTC at the earliest");

    // 50 completions with no time passing: one is accepted, it waits for the interval; no check starts
    int accepted = clickFiftyTimes(Duration.ZERO);
    assertThat(accepted).isEqualTo(1);
    assertThat(verifier.calls(Environment.T7)).as("no check inside the minimum interval").isEqualTo(1);
    Job wait = management.createJobQuery().rootProcessInstanceId(pi.getId()).activityId("wait_next_check").singleResult();
    assertThat(wait.getDuedate().toInstant()).as("the wait ends 15 minutes after the last check")
        .isEqualTo(t0.plus(Duration.ofMinutes(15)));

    // 50 completions, one every 5 minutes (250 minutes): a check at most every 15 minutes, and at most 6 a day
    accepted = clickFiftyTimes(Duration.ofMinutes(5));
    assertThat(verifier.calls(Environment.T7)).as("checks in all: 6 per day for the office").isEqualTo(6);
    assertThat(accepted).as("completions accepted: one after each of the 5 further checks").isEqualTo(5);
    wait = management.createJobQuery().rootProcessInstanceId(pi.getId()).activityId("wait_next_check").singleResult();
    assertThat(wait.getDuedate().toInstant()).as("the 7th check waits until the 1st leaves the day's window")
        .isEqualTo(t0.plus(Duration.ofDays(1)));

    // once the day has passed, the waiting check runs, and the fix task returns
    ClockUtil.setCurrentTime(Date.from(t0.plus(Duration.ofDays(1)).plusSeconds(1)));
    driver.runJobs(pi.getId());
    assertThat(verifier.calls(Environment.T7)).isEqualTo(7);
    assertThat(driver.task(pi.getId(), FIX)).isNotNull();
  }

  /** 50 tries to complete the fix task as the district user; after each, the jobs that are due run. */
  int clickFiftyTimes(Duration between) {
    int accepted = 0;
    List<Integer> pendingChecks = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(between)));
      Task fix = driver.task(pi.getId(), FIX);
      if (fix != null) {
        identity.setAuthentication("mvp-water", List.of("district-mvp"));
        try {
          tasks.complete(fix.getId(), driver.validData(FIX));
          accepted++;
        } finally {
          identity.clearAuthentication();
        }
      }
      driver.runJobs(pi.getId());
      pendingChecks.add((int) (management.createJobQuery().rootProcessInstanceId(pi.getId()).activityId("verify_environment").count()
          + management.createJobQuery().rootProcessInstanceId(pi.getId()).activityId("wait_next_check").count()
          + tasks.createTaskQuery().processInstanceIdIn(driver.instanceTree(pi.getId())).taskDefinitionKey(FIX).count()));
    }
    assertThat(pendingChecks).as("one T7 loop token: check, wait or fix task, never two").containsOnly(1);
    return accepted;
  }
}
