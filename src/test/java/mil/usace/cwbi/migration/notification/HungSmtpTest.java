package mil.usace.cwbi.migration.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A mail server that accepts the connection and never answers: the user's call still returns at once (mail goes
 * out in a job), each delivery attempt fails on the SMTP read time-out, the job retries and ends in an incident,
 * and no thread is left waiting on the socket.
 */
class HungSmtpTest extends IntegrationTest {

  static final String OFFICE = "SWT";

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired JavaMailSender mailSender;

  SlowSmtpServer hung;
  int normalPort;
  Set<String> notificationsBefore;

  @BeforeEach
  void pointTheMailAtAHungServer() throws Exception {
    deleteMigrations();
    verifier.passAll();
    notificationsBefore = notifications();
    hung = SlowSmtpServer.hung();
    JavaMailSenderImpl sender = (JavaMailSenderImpl) mailSender;
    normalPort = sender.getPort();
    sender.setPort(hung.port());
  }

  @AfterEach
  void restore() throws Exception {
    ((JavaMailSenderImpl) mailSender).setPort(normalPort);
    hung.close();
    verifier.reset();
    // this test's deliveries (and their incidents) must not count in other tests
    for (String id : notifications()) {
      if (!notificationsBefore.contains(id)) {
        runtime.deleteProcessInstance(id, "test cleanup");
      }
    }
    deleteMigrations();
  }

  void deleteMigrations() {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(OFFICE).rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  Set<String> notifications() {
    Set<String> ids = new HashSet<>();
    runtime.createProcessInstanceQuery().processDefinitionKey(Notifier.PROCESS_KEY).list()
        .forEach(p -> ids.add(p.getId()));
    return ids;
  }

  static Map<String, Object> variables(Map<String, Object> values) {
    Map<String, Object> vars = new LinkedHashMap<>();
    values.forEach((k, v) -> vars.put(k, Map.of("value", v)));
    return vars;
  }

  @Test
  void aHungMailServerFailsTheJobOnTheTimeOutThenAnIncidentAndHoldsNoThread() {
    // the district starts its migration and completes a task over REST: both return, mail or no mail
    ResponseEntity<String> started = http.withBasicAuth("swt-water", "demo").postForEntity(baseUrl()
            + "/engine-rest/process-definition/key/cwbi-migration/submit-form",
        Map.of("variables", variables(driver.startData(OFFICE, false)), "businessKey", OFFICE), String.class);
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
    ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(OFFICE).rootProcessInstances().singleResult();
    Task task = driver.task(pi.getId(), "task_1_3_critimport");
    ResponseEntity<String> completed = http.withBasicAuth("swt-water", "demo").postForEntity(baseUrl()
            + "/engine-rest/task/" + task.getId() + "/complete",
        Map.of("variables", variables(driver.validData("task_1_3_critimport"))), String.class);
    assertThat(completed.getStatusCode()).as(completed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);

    Set<String> mine = notifications();
    mine.removeAll(notificationsBefore);
    assertThat(mine).as("the start's handoff mail waits in a delivery job").isNotEmpty();
    List<Job> jobs = management.createJobQuery().processInstanceIds(mine).list();
    assertThat(jobs).isNotEmpty();
    Job job = jobs.get(0);

    int attempts = 0;
    while (runtime.createIncidentQuery().processInstanceId(job.getProcessInstanceId()).count() == 0
        && attempts < 5) {
      String id = job.getId();
      // generous bound against a hang on shared cores; the failure itself comes from mail.smtp.timeout
      Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
        try {
          management.executeJob(id);
          return null;
        } catch (RuntimeException e) {
          return e;
        }
      });
      assertThat(failure).as("attempt " + (attempts + 1) + " fails").isNotNull();
      assertThat(rootCause(failure)).as("on the SMTP read time-out").isInstanceOf(SocketTimeoutException.class);
      attempts++;
    }
    assertThat(attempts).as("three tries (test retry cycle PT0S,PT0S), then an incident").isEqualTo(3);
    assertThat(hung.connections()).isGreaterThanOrEqualTo(3);
    assertThat(runtime.createIncidentQuery().processInstanceId(job.getProcessInstanceId()).list())
        .singleElement().extracting(Incident::getIncidentType).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    assertThat(threadsInSmtp()).as("no thread left in an SMTP socket").isEmpty();
  }

  static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }

  /** Threads whose stack is inside Jakarta Mail's SMTP transport (e.g. blocked reading the server's greeting). */
  static List<String> threadsInSmtp() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().isAlive())
        .filter(e -> java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().contains(".mail.smtp.")))
        .map(e -> e.getKey().getName() + " " + java.util.Arrays.toString(e.getValue()))
        .toList();
  }
}
