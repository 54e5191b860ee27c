package mil.usace.cwbi.migration.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mil.usace.cwbi.migration.demo.mail.MailViewerController;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.support.TestServers;
import mil.usace.cwbi.migration.verification.Environment;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Notifications against a real SMTP server (GreenMail, {@link TestServers#smtp()}): who is mailed at each handoff,
 * what the mail says, reminders and escalation on the engine's clock, and delivery while SMTP is down.
 * Delivery jobs are executed by the test (the test profile runs no job executor).
 */
class NotificationTest extends IntegrationTest {

  static final String[] STEP_1 = {"task_1_1_convert_scripts", "task_1_2_usgs_scripts", "task_1_3_critimport",
      "task_1_4_shef_parser", "task_1_5_export_shef_config", "task_1_6_opendcs_dev"};
  static final String[] STEP_2_3 = {"task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products",
      "task_2_4_custom_schema", "task_3_1_modeling_ops"};
  static final String[] STEP_4 = {"task_4_schema_functions", "task_4_ldm_products", "task_4_usgs_config",
      "task_4_batch_scripts", "task_4_opendcs_import", "task_5_set_test_period"};
  static final String[] STEP_4_DISTRICT = {"task_4_district_comments"};

  static final List<String> HEC = List.of("hec-engineer@example.mil", "hec-second@example.mil");
  static final List<String> SWT = List.of("swt-second@example.mil", "swt-water@example.mil");
  /** Step 4 opens: HEC's tasks for HEC, and the District's Step 4 comments task for the District. */
  static final List<String> HEC_AND_SWT = List.of("hec-engineer@example.mil", "hec-second@example.mil",
      "swt-second@example.mil", "swt-water@example.mil");

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired NotificationProperties properties;

  /** Everything received in this test, also across SMTP restarts (a restart empties the server). */
  final List<Received> inbox = new ArrayList<>();

  record Received(String to, String subject, String text, boolean hasHtml, String html) {}

  @BeforeEach
  void setUp() {
    verifier.passAll();
    clean();
    // a second HEC member, one without an address, a second SWT member
    user("hec-second", "hec", "hec-second@example.mil");
    user("hec-nomail", "hec", null);
    user("swt-second", "district-swt", "swt-second@example.mil");
    TestServers.restartSmtp();
  }

  @AfterEach
  void tearDown() {
    verifier.reset();
    ClockUtil.reset();
    identity.clearAuthentication();
    TestServers.restartSmtp();
    clean();
    List.of("hec-second", "hec-nomail", "swt-second").forEach(identity::deleteUser);
  }

  private void clean() {
    for (String key : List.of("cwbi-migration", Notifier.PROCESS_KEY)) {
      runtime.createProcessInstanceQuery().processDefinitionKey(key).list()
          .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup", true, true));
    }
  }

  private void user(String id, String group, String email) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User u = identity.newUser(id);
      u.setFirstName(id);
      u.setLastName("Test");
      u.setEmail(email);
      identity.saveUser(u);
      identity.createMembership(id, group);
    }
  }

  /**
   * Runs the due delivery jobs (and the jobs they lead to) like the job executor would, until a round delivers
   * nothing more; each failing job is tried once per call. Returns the failures (SMTP down).
   */
  int deliver() {
    int failures = 0;
    for (int round = 0; round < 10; round++) {
      int succeeded = 0;
      for (Job job : management.createJobQuery().processDefinitionKey(Notifier.PROCESS_KEY).executable().list()) {
        try {
          management.executeJob(job.getId());
          succeeded++;
        } catch (RuntimeException e) {
          failures++;
        }
      }
      if (succeeded == 0) {
        break;
      }
    }
    collect();
    return failures;
  }

  /** Moves what the SMTP server received into {@link #inbox}. */
  void collect() {
    try {
      for (MimeMessage m : TestServers.smtp().getReceivedMessages()) {
        boolean html = m.getContent() instanceof Multipart mp && hasHtml(mp);
        inbox.add(new Received(m.getAllRecipients()[0].toString(), m.getSubject(), MailViewerController.text(m),
            html, m.getContent() instanceof Multipart mp2 ? htmlOf(mp2) : ""));
      }
      TestServers.smtp().purgeEmailFromAllMailboxes();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static boolean hasHtml(Multipart mp) throws Exception {
    for (int i = 0; i < mp.getCount(); i++) {
      var part = mp.getBodyPart(i);
      if (part.isMimeType("text/html") || part.getContent() instanceof Multipart inner && hasHtml(inner)) {
        return true;
      }
    }
    return false;
  }

  private static String htmlOf(Multipart mp) throws Exception {
    for (int i = 0; i < mp.getCount(); i++) {
      var part = mp.getBodyPart(i);
      if (part.isMimeType("text/html")) {
        return part.getContent().toString();
      }
      if (part.getContent() instanceof Multipart inner && !htmlOf(inner).isEmpty()) {
        return htmlOf(inner);
      }
    }
    return "";
  }

  List<String> recipients() {
    return inbox.stream().map(Received::to).sorted().toList();
  }

  Received mailTo(String address) {
    List<Received> to = inbox.stream().filter(r -> r.to().equals(address)).toList();
    assertThat(to).as("mails to " + address).hasSize(1);
    return to.get(0);
  }

  ProcessInstance startAndClearInbox() {
    ProcessInstance pi = driver.start("SWT", true);
    deliver();
    inbox.clear();
    return pi;
  }

  /** Acts as the user with their groups, as a Tasklist request would (authorization is on). */
  void login(String user) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).toList());
  }

  /** Completes the open ones of the tasks as the user (like Tasklist), then runs the jobs as the system. */
  void completeAs(String user, String pi, String key, Map<String, Object> overrides) {
    Task task = driver.task(pi, key);
    assertThat(task).as("open: " + driver.openTaskKeys(pi)).isNotNull();
    Map<String, Object> data = new java.util.HashMap<>(driver.validData(key));
    data.putAll(overrides);
    login(user);
    try {
      tasks.complete(task.getId(), data);
    } finally {
      identity.clearAuthentication();
    }
    driver.runJobs(pi);
  }

  void completeAs(String user, String pi, String... keys) {
    for (String key : keys) {
      Task task = driver.task(pi, key);
      if (task == null) {
        continue;
      }
      login(user);
      try {
        tasks.complete(task.getId(), driver.validData(key));
      } finally {
        identity.clearAuthentication();
      }
      driver.runJobs(pi);
    }
  }

  @Test
  void startingAMigrationTellsTheDistrictOnlyWithTextHtmlAndLinks() {
    ProcessInstance pi = driver.start("SWT", true);
    assertThat(deliver()).isZero();
    assertThat(recipients()).as("the district group's members with an address, once each").isEqualTo(SWT);
    Received mail = mailTo("swt-water@example.mil");
    assertThat(mail.subject()).startsWith("[CWBI migration SWT] New task: ");
    assertThat(mail.hasHtml()).isTrue();
    assertThat(mail.text()).contains("has started").contains("Office: SWT")
        .contains("Phase 1: Pre-Migration (CWBI-DEV), Step 1").contains("Due: ");
    for (String key : new String[] {"task_1_1_convert_scripts", "task_1_2_usgs_scripts", "task_1_3_critimport"}) {
      Task t = driver.task(pi.getId(), key);
      assertThat(mail.text()).contains(t.getName())
          .contains(properties.getTasklistBaseUrl() + "/camunda/app/tasklist/default/#/?task=" + t.getId());
    }
  }

  @Test
  void districtToHecAtStep4MailsEveryHecMemberAndTellsTheDistrictOfItsPart() {
    ProcessInstance pi = startAndClearInbox();
    completeAs("swt-water", pi.getId(), STEP_1);
    completeAs("swt-water", pi.getId(), STEP_2_3);
    assertThat(deliver()).isZero();

    assertThat(recipients()).as("one mail per HEC member and per SWT member with an address; nobody else")
        .isEqualTo(HEC_AND_SWT);
    Task comments = driver.task(pi.getId(), "task_4_district_comments");
    assertThat(mailTo("swt-water@example.mil").text()).contains(comments.getName())
        .contains("?task=" + comments.getId()).doesNotContain(driver.task(pi.getId(), "task_4_ldm_products").getName());
    assertThat(mailTo("hec-engineer@example.mil").text()).doesNotContain(comments.getName());
    Received mail = mailTo("hec-second@example.mil");
    assertThat(mail.text()).contains("Office: SWT").contains("Phase 2: Migration/Testing (CWBI-TEST), Step 4")
        .contains("Just finished: Task 3.1 – Test modeling operations in CAVI/CWMS-Vue (completed by swt-water)");
    for (String key : new String[] {"task_4_schema_functions", "task_4_ldm_products", "task_4_batch_scripts"}) {
      Task t = driver.task(pi.getId(), key);
      assertThat(mail.text()).contains(t.getName()).contains("?task=" + t.getId());
    }
  }

  @Test
  void hecToDistrictAtStep5MailsTheDistrictOnly() {
    ProcessInstance pi = startAndClearInbox();
    completeAs("swt-water", pi.getId(), STEP_1);
    completeAs("swt-water", pi.getId(), STEP_2_3);
    deliver();
    inbox.clear();

    completeAs("swt-water", pi.getId(), STEP_4_DISTRICT);
    deliver();
    inbox.clear();
    completeAs("hec-engineer", pi.getId(), STEP_4);
    assertThat(deliver()).isZero();
    assertThat(recipients()).isEqualTo(SWT);
    Received mail = mailTo("swt-water@example.mil");
    Task agree = driver.task(pi.getId(), "task_5_agree_test_period");
    assertThat(mail.text()).contains(agree.getName()).contains("?task=" + agree.getId())
        .contains("Phase 2: Migration/Testing (CWBI-TEST), Step 5").contains("(completed by hec-engineer)");
  }

  @Test
  void theDistrictsAnswersOnTheTestDurationAndOnStep6FixesAreHandedOffByMail() {
    verifier.pass(Environment.CWBI_DEV);
    ProcessInstance pi = startAndClearInbox();
    completeAs("swt-water", pi.getId(), STEP_1);
    completeAs("swt-water", pi.getId(), STEP_2_3);
    completeAs("swt-water", pi.getId(), STEP_4_DISTRICT);
    completeAs("hec-engineer", pi.getId(), STEP_4);
    deliver();
    inbox.clear();

    // the District proposes another duration: back to HEC, who is told
    completeAs("swt-water", pi.getId(), "task_5_agree_test_period", Map.of("testPeriodAgreed", false,
        "proposedTestPeriod", "P21D", "proposedTestPeriodReason", "Spring runoff"));
    assertThat(deliver()).isZero();
    assertThat(recipients()).isEqualTo(HEC);
    assertThat(mailTo("hec-engineer@example.mil").text()).contains(driver.task(pi.getId(), "task_5_set_test_period")
        .getName()).contains("(completed by swt-water)");
    inbox.clear();
    completeAs("hec-engineer", pi.getId(), "task_5_set_test_period", Map.of("testPeriod", "P21D"));
    deliver();
    assertThat(recipients()).as("the District is asked again").isEqualTo(SWT);
  }

  @Test
  void aFailedGateMailsTheResponsibleGroupWithTheFailedChecks() {
    verifier.fail(Environment.CWBI_DEV);
    ProcessInstance pi = startAndClearInbox();
    completeAs("swt-water", pi.getId(), STEP_1);
    completeAs("swt-water", pi.getId(), STEP_2_3);
    assertThat(deliver()).isZero();

    assertThat(recipients()).isEqualTo(SWT);
    Received mail = mailTo("swt-second@example.mil");
    Task fix = driver.task(pi.getId(), MigrationDriver.FIX_TASK);
    assertThat(mail.subject()).startsWith("[CWBI migration SWT] Check failed: Fix what the CWBI-DEV check found");
    // the fix task runs in the check the migration called; the mail says where that check is in the roadmap
    assertThat(mail.text()).contains("Phase 1: Pre-Migration (CWBI-DEV), Step 3: Test modeling operations "
        + "(CAVI/CWMS-Vue) (held at the Phase 1 gate (CWBI-DEV check))");
    // what failed, the evidence and what to do, in words; the passing checks counted
    assertThat(mail.text()).contains("automated check")
        .contains("CWBI-DEV check of SWT").contains("1 of 3 checks failed")
        .contains("1. Critical time series are not up to date in CWBI-DEV")
        .contains("Evidence: test decided: fail for SWT, stale 3 of 3: KEYS.Elev.Inst.1Hour.0.Ccp-Rev has no value since ")
        .contains("(10 days old > limit 3 h)")
        .contains("What to do: Check that the district's batch job / OpenDCS computation that writes them runs "
            + "against CWBI-DEV.")
        .contains("2 other checks passed.")
        .contains("?task=" + fix.getId());
    assertThat(mail.html()).contains("<b>Critical time series are not up to date in CWBI-DEV</b>")
        .contains("What to do:</span> Check that the district&#39;s batch job")
        .contains("2 other checks passed");
    for (String shown : List.of(mail.text(), mail.html())) {
      assertThat(shown).as("no JSON, no machine names").doesNotContain("{").doesNotContain("\"passed\"")
          .doesNotContain("verification_").doesNotContain("PT240H").doesNotContain("office known");
    }

    inbox.clear();
    // the gate re-checks on its own (re-check interval) and fails the same way: no news, no mail
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(7, ChronoUnit.HOURS)));
    List<Job> timers = management.createJobQuery().rootProcessInstanceId(pi.getId()).timers().executable().list();
    assertThat(timers).hasSize(1);
    management.executeJob(timers.get(0).getId());
    driver.runJobs(pi.getId());
    assertThat(driver.task(pi.getId(), MigrationDriver.FIX_TASK).getId()).isNotEqualTo(fix.getId());
    deliver();
    assertThat(recipients()).isEmpty();

    driver.complete(pi.getId(), MigrationDriver.FIX_TASK); // the district tried a fix; it fails again: told
    deliver();
    assertThat(recipients()).isEqualTo(SWT);
  }

  @Test
  void assigningATaskToSomeoneElseMailsThemButClaimingOnesOwnDoesNot() {
    ProcessInstance pi = startAndClearInbox();
    Task t = driver.task(pi.getId(), "task_1_3_critimport");
    login("swt-water");
    tasks.claim(t.getId(), "swt-water");
    tasks.setAssignee(driver.task(pi.getId(), "task_1_1_convert_scripts").getId(), "swt-second");
    identity.clearAuthentication();
    deliver();
    assertThat(recipients()).containsExactly("swt-second@example.mil");
    assertThat(inbox.get(0).subject()).startsWith("[CWBI migration SWT] Assigned to you: Task 1.1");
  }

  @Test
  void anOverdueTaskRemindsOnceThenEscalatesToHecAfterTheGracePeriod() {
    ProcessInstance pi = startAndClearInbox();
    Task critimport = driver.task(pi.getId(), "task_1_3_critimport");
    tasks.setAssignee(critimport.getId(), "lrl-water"); // an assignee outside the group is reminded too
    deliver();
    inbox.clear();
    Instant due = critimport.getDueDate().toInstant();

    ClockUtil.setCurrentTime(Date.from(due.plus(1, ChronoUnit.HOURS)));
    runReminders();
    deliver();
    assertThat(recipients()).as("group and assignee, one reminder each")
        .containsExactly("lrl-water@example.mil", "swt-second@example.mil", "swt-water@example.mil");
    assertThat(mailTo("swt-water@example.mil").subject()).startsWith("[CWBI migration SWT] Overdue: ");
    assertThat(mailTo("swt-water@example.mil").text()).contains("past its due date").contains(critimport.getName());

    inbox.clear();
    ClockUtil.setCurrentTime(Date.from(due.plus(2, ChronoUnit.HOURS)));
    runReminders();
    deliver();
    assertThat(recipients()).as("a reminder goes out once").isEmpty();

    ClockUtil.setCurrentTime(Date.from(due.plus(2, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS)));
    runReminders();
    deliver();
    assertThat(recipients()).as("escalation: HEC and the assignee")
        .containsExactly("hec-engineer@example.mil", "hec-second@example.mil", "lrl-water@example.mil");
    assertThat(mailTo("hec-engineer@example.mil").subject()).startsWith("[CWBI migration SWT] Escalated to HEC: ");
    assertThat(tasks.getIdentityLinksForTask(critimport.getId())).extracting(IdentityLink::getGroupId)
        .contains("hec", "district-swt");

    inbox.clear();
    ClockUtil.setCurrentTime(Date.from(due.plus(3, ChronoUnit.DAYS)));
    runReminders();
    deliver();
    assertThat(recipients()).as("an escalation goes out once").isEmpty();
  }

  /** The reminder process's timer job: due now or not, like the job executor at the next cycle. */
  void runReminders() {
    List<Job> timers = management.createJobQuery().processDefinitionKey("task-reminders").timers().list();
    assertThat(timers).hasSize(1);
    management.executeJob(timers.get(0).getId());
  }

  @Test
  void smtpDownWhileATaskIsCompletedTheCompletionSucceedsAndTheMailArrivesOnceWhenSmtpIsBack() {
    ProcessInstance pi = startAndClearInbox();
    completeAs("swt-water", pi.getId(), STEP_1);
    completeAs("swt-water", pi.getId(), "task_2_1_load_db_objects", "task_2_2_batch_scripts_dev",
        "task_2_3_ldm_products", "task_2_4_custom_schema");
    Task last = driver.task(pi.getId(), "task_3_1_modeling_ops");

    TestServers.stopSmtp();
    assertThatCode(() -> completeAs("swt-water", pi.getId(), "task_3_1_modeling_ops")).doesNotThrowAnyException();
    assertThat(history.createHistoricTaskInstanceQuery().taskId(last.getId()).finished().count()).isOne();
    assertThat(driver.openTaskKeys(pi.getId())).contains("task_4_schema_functions");

    assertThat(deliver()).as("all four deliveries (HEC's two, SWT's two) fail while SMTP is down").isEqualTo(4);
    assertThat(runtime.createIncidentQuery().processDefinitionKeyIn(Notifier.PROCESS_KEY).count()).isZero();
    assertThat(inbox).isEmpty();

    TestServers.restartSmtp();
    assertThat(deliver()).isZero();
    assertThat(recipients()).isEqualTo(HEC_AND_SWT);
    assertThat(deliver()).isZero();
    assertThat(recipients()).as("exactly once per recipient").isEqualTo(HEC_AND_SWT);
    assertThat(management.createJobQuery().processDefinitionKey(Notifier.PROCESS_KEY).count()).isZero();
  }

  @Test
  void aRetryResendsOnlyTheMailThatFailed() {
    ProcessInstance pi = startAndClearInbox();
    completeAs("swt-water", pi.getId(), STEP_1);
    completeAs("swt-water", pi.getId(), STEP_2_3);
    List<Job> jobs = management.createJobQuery().processDefinitionKey(Notifier.PROCESS_KEY).list();
    assertThat(jobs).hasSize(4);

    management.executeJob(jobs.get(0).getId()); // one recipient served
    collect();
    assertThat(inbox).hasSize(1);
    String first = inbox.get(0).to();

    TestServers.stopSmtp();
    assertThat(deliver()).as("the other recipient's delivery fails").isPositive();
    assertThat(inbox).hasSize(1);
    TestServers.restartSmtp();
    deliver();
    assertThat(recipients()).isEqualTo(HEC_AND_SWT);
    assertThat(inbox.stream().filter(r -> r.to().equals(first)).count()).isOne();
  }

  @Test
  void smtpDownForGoodBecomesAnIncidentAndNothingIsLost() {
    ProcessInstance pi = startAndClearInbox();
    TestServers.stopSmtp();
    completeAs("swt-water", pi.getId(), STEP_1);
    completeAs("swt-water", pi.getId(), STEP_2_3);

    int tries = 0;
    while (runtime.createIncidentQuery().processDefinitionKeyIn(Notifier.PROCESS_KEY).count() < 4 && tries < 10) {
      assertThat(deliver()).isEqualTo(4);
      tries++;
    }
    assertThat(tries).as("three tries each (retry cycle PT0S,PT0S), then an incident").isEqualTo(3);
    assertThat(runtime.createIncidentQuery().processDefinitionKeyIn(Notifier.PROCESS_KEY).list())
        .hasSize(4).allSatisfy(i -> assertThat(i.getIncidentType()).isEqualTo("failedJob"));
    assertThat(management.createJobQuery().processDefinitionKey(Notifier.PROCESS_KEY).executable().count()).isZero();

    // An operator fixes the mail server and retries the jobs in Cockpit: the kept mails go out, once each.
    TestServers.restartSmtp();
    management.createJobQuery().processDefinitionKey(Notifier.PROCESS_KEY).list()
        .forEach(j -> management.setJobRetries(j.getId(), 1));
    assertThat(deliver()).isZero();
    assertThat(recipients()).isEqualTo(HEC_AND_SWT);
    Map<String, Long> perRecipient = inbox.stream().collect(Collectors.groupingBy(Received::to,
        Collectors.counting()));
    assertThat(perRecipient.values()).containsOnly(1L);
  }
}
