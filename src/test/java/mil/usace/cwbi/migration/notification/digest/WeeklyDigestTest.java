package mil.usace.cwbi.migration.notification.digest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import mil.usace.cwbi.migration.forecast.TargetDates;
import mil.usace.cwbi.migration.notification.Notifier;
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
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * HEC's weekly digest over a prepared portfolio on a moved clock, sent the way production sends it: the
 * {@code hec-weekly-digest} timer job runs, the delivery jobs run, GreenMail receives. Offices: one with overdue
 * Step 1 tasks, one held at the Phase 1 gate, one that finished Steps 2 and 3 this week, one that finished its
 * migration this week.
 */
class WeeklyDigestTest extends IntegrationTest {

  static final List<String> HEC = List.of("hec-digest-a@example.mil", "hec-engineer@example.mil");

  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired DigestProperties properties;
  @Autowired TargetDates targets;

  final List<String> started = new ArrayList<>();
  ZonedDateTime slot;

  @BeforeEach
  void setUp() {
    verifier.passAll();
    if (identity.createUserQuery().userId("hec-digest-a").count() == 0) {
      User u = identity.newUser("hec-digest-a");
      u.setFirstName("Digest");
      u.setLastName("Reader");
      u.setEmail(HEC.get(0));
      identity.saveUser(u);
      identity.createMembership("hec-digest-a", "hec");
    }
    TestServers.restartSmtp();
    // a digest day and hour far enough ahead that none of this test's history is in another test's week
    slot = DigestSchedule.lastSlot(properties, Instant.now().plus(Duration.ofDays(90)));
  }

  @AfterEach
  void tearDown() {
    verifier.reset();
    ClockUtil.reset();
    for (String id : started) {
      if (runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
        runtime.deleteProcessInstance(id, "test cleanup");
      } else {
        // a finished migration would stay its office's current one, on a clock other tests do not share
        history.deleteHistoricProcessInstanceIfExists(id);
      }
    }
    identity.deleteUser("hec-digest-a");
    targets.record("MVP", null, "hec-engineer", Instant.now());
    TestServers.restartSmtp();
  }

  @Test
  void hecGetsItsWeekOnceInTheRoadmapsWords() throws Exception {
    at(-62);
    start("MVP", false); // Step 1 due after 60 days: overdue at the digest

    at(-20);
    ProcessInstance held = start("LRN", false);
    driver.completeSteps(held.getId(), 1);
    verifier.fail(Environment.CWBI_DEV);
    driver.completeSteps(held.getId(), 2, 3);
    verifier.pass(Environment.CWBI_DEV);

    at(-30);
    ProcessInstance moving = start("SWF", false);
    driver.completeSteps(moving.getId(), 1);
    at(-3);
    driver.completeSteps(moving.getId(), 2, 3);

    at(-40);
    ProcessInstance done = start("NWDM", false);
    driver.completeSteps(done.getId(), 1, 2, 3, 4, 5);
    at(-24);
    runDueTimers(done.getId());
    at(-1);
    driver.completeSteps(done.getId(), 7, 8, 9);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(done.getId()).count()).isZero();

    deliver(); // the handoff mails of the work above
    // HEC wants MVP done by the digest's day: its forecast (Steps 2-9 still ahead) passes that
    targets.record("MVP", slot.toLocalDate(), "hec-engineer", slot.toInstant().minus(Duration.ofDays(2)));

    // Five minutes after the digest's hour: the timer's look finds it due.
    ClockUtil.setCurrentTime(Date.from(slot.toInstant().plus(Duration.ofMinutes(5))));
    look();
    List<Received> mails = deliver();
    assertThat(mails).extracting(Received::to).as("once to each HEC member with an address")
        .containsExactlyInAnyOrderElementsOf(HEC);
    Received mail = mails.stream().filter(m -> m.to().equals("hec-engineer@example.mil")).findFirst().orElseThrow();

    assertThat(mail.subject()).startsWith("[CWBI migration] HEC's week to ")
        .contains("1 at risk").contains("1 held at a gate").contains("steps finished");
    String text = mail.text();
    // for people to read what HEC gets (target/ only)
    java.nio.file.Files.writeString(java.nio.file.Path.of("target", "weekly-digest-sample.txt"),
        mail.subject() + "\n\n" + text);
    assertThat(text).contains(DigestComposer.AT_RISK).contains(DigestComposer.HELD).contains(DigestComposer.OVERDUE)
        .contains(DigestComposer.FINISHED);
    assertThat(section(text, DigestComposer.AT_RISK)).contains("* MVP: forecast ")
        .contains(" is after the target " + slot.getDayOfMonth() + " ").contains("(range ")
        .doesNotContain("LRN", "SWF", "NWDM");
    assertThat(section(text, DigestComposer.HELD))
        .contains("* LRN: held at the Phase 1 gate (CWBI-DEV check) in Step 3: Test modeling operations (CAVI/CWMS-Vue)")
        .contains("CWBI-DEV: Critical time series are not up to date in CWBI-DEV")
        .doesNotContain("SWF", "MVP");
    assertThat(section(text, DigestComposer.OVERDUE))
        .contains("* MVP: Task 1.1 – Convert custom scripts to cwms-python/CDA/OpenDCS (District, unclaimed), due ")
        .contains("2 days late").contains("Open in Tasklist: http")
        .contains("* LRN: Fix what the CWBI-DEV check found (District, unclaimed), due ")
        .doesNotContain("SWF", "NWDM");
    assertThat(section(text, DigestComposer.FINISHED))
        .contains("* SWF: finished Step 2: Test custom data processes in CWBI-DEV on ")
        .contains("* SWF: finished Step 3: Test modeling operations (CAVI/CWMS-Vue) on ")
        .contains("* NWDM: finished Step 7: Migrate to CWBI-PROD and verify on ")
        .contains("* NWDM: finished Step 9: Decommission T7 on ")
        .contains("* NWDM: finished the whole migration (all 9 steps) on ")
        .doesNotContain("SWF: finished Step 1", "NWDM: finished Step 4", "NWDM: finished Step 6", "MVP", "LRN");
    assertThat(text).as("people's words only").doesNotContain("task_", "cwbi_dev", "verification_", "{", "null")
        .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:");
    assertThat(mail.html()).contains("<h3>" + DigestComposer.HELD + "</h3>").contains("<b>LRN</b>")
        .contains("Critical time series are not up to date in CWBI-DEV").contains("href=\"http");

    // Another look within the hour (a second node, a retried job): nothing more.
    ClockUtil.setCurrentTime(Date.from(slot.toInstant().plus(Duration.ofMinutes(50))));
    look();
    assertThat(deliver()).as("the digest of this day and hour went out already").isEmpty();
    assertThat(history.createHistoricVariableInstanceQuery().processDefinitionKey(WeeklyDigestDelegate.PROCESS_KEY)
        .variableValueEquals(WeeklyDigestDelegate.DIGEST_FOR, slot.toOffsetDateTime().toString()).count())
        .isEqualTo(1);

    // A look past the late limit does not send last week's digest; the next day and hour does.
    ClockUtil.setCurrentTime(Date.from(slot.toInstant().plus(properties.getLateLimit()).plusSeconds(60)));
    look();
    assertThat(deliver()).isEmpty();
    ClockUtil.setCurrentTime(Date.from(slot.plusWeeks(1).toInstant().plusSeconds(1)));
    look();
    assertThat(deliver()).extracting(Received::to).containsExactlyInAnyOrderElementsOf(HEC);
  }

  @Test
  void aDistrictCanNeitherStartNorReadTheDigestProcess() throws Exception {
    long before = history.createHistoricProcessInstanceQuery().processDefinitionKey(WeeklyDigestDelegate.PROCESS_KEY)
        .count();
    String auth = "Basic " + java.util.Base64.getEncoder().encodeToString(
        "swt-water:demo".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    var start = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl()
            + "/engine-rest/process-definition/key/" + WeeklyDigestDelegate.PROCESS_KEY + "/start"))
        .header("Authorization", auth).header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(start.statusCode()).as("refused: the district cannot even see the definition " + start.body())
        .isIn(403, 404);
    var list = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl()
            + "/engine-rest/history/variable-instance?processDefinitionKey=" + WeeklyDigestDelegate.PROCESS_KEY))
        .header("Authorization", auth).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).as("nothing of HEC's digest is visible to a district").isEqualTo("[]");
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(WeeklyDigestDelegate.PROCESS_KEY)
        .count()).isEqualTo(before);
  }

  /** The digest process's timer job, executed as the job executor would (the test profile runs none). */
  void look() {
    List<Job> timers = management.createJobQuery().processDefinitionKey(WeeklyDigestDelegate.PROCESS_KEY).timers()
        .list();
    assertThat(timers).as("one timer of the latest hec-weekly-digest").hasSize(1);
    management.executeJob(timers.get(0).getId());
  }

  record Received(String to, String subject, String text, String html) {}

  List<Received> deliver() throws Exception {
    for (int round = 0; round < 10; round++) {
      List<Job> jobs = management.createJobQuery().processDefinitionKey(Notifier.PROCESS_KEY).executable().list();
      if (jobs.isEmpty()) {
        break;
      }
      jobs.forEach(j -> management.executeJob(j.getId()));
    }
    List<Received> received = new ArrayList<>();
    for (MimeMessage m : TestServers.smtp().getReceivedMessages()) {
      received.add(new Received(m.getAllRecipients()[0].toString(), m.getSubject(),
          MailViewerController.text(m).replace("\r\n", "\n"), html(m)));
    }
    TestServers.smtp().purgeEmailFromAllMailboxes();
    return received;
  }

  static String html(Part part) throws Exception {
    if (part.isMimeType("text/html")) {
      return part.getContent().toString();
    }
    if (part.getContent() instanceof Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        String html = html(mp.getBodyPart(i));
        if (!html.isEmpty()) {
          return html;
        }
      }
    }
    return "";
  }

  /** The text of one section: from its title to the next blank line after its list. */
  static String section(String text, String title) {
    int start = text.indexOf(title);
    assertThat(start).as("section " + title).isNotNegative();
    int end = text.indexOf("\n\n", start);
    return text.substring(start, end < 0 ? text.length() : end);
  }

  ProcessInstance start(String office, boolean usgs) {
    ProcessInstance pi = driver.start(office, usgs);
    started.add(pi.getId());
    return pi;
  }

  void at(long days) {
    ClockUtil.setCurrentTime(Date.from(slot.toInstant().plus(Duration.ofDays(days))));
  }

  void runDueTimers(String pi) {
    for (Job job : management.createJobQuery().processInstanceId(pi).timers().executable().list()) {
      management.executeJob(job.getId());
    }
    driver.runJobs(pi);
  }
}
