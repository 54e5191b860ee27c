package mil.usace.cwbi.migration.notification;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.CwbiMigrationApplication;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.support.TestSupportConfig;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark (not a test): how long completing a task (or starting a migration) takes while the SMTP server needs
 * 2 s per message, against a fast one. The application runs with its job executor on, so the mail of every handoff
 * is really delivered meanwhile (3 job threads). Per office: start (the district is told), Steps 1-3 (the Step 4
 * handoff to HEC happens in the gate's job), Step 4 (its last completion hands Step 5 to the district in the
 * user's transaction). Prints median and 95th percentile of the engine calls' latency per SMTP server.
 *
 * <pre>mvn -B -ntp -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=mil.usace.cwbi.migration.notification.NotificationBenchmark [-Dexec.args="10 2000"]</pre>
 */
public final class NotificationBenchmark {

  static final String[] TASKS = {"task_1_1_convert_scripts", "task_1_2_usgs_scripts", "task_1_3_critimport",
      "task_1_4_shef_parser", "task_1_5_export_shef_config", "task_1_6_opendcs_dev",
      "task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products",
      "task_2_4_custom_schema", "task_3_1_modeling_ops", "task_4_schema_functions", "task_4_ldm_products",
      "task_4_usgs_config", "task_4_batch_scripts", "task_4_opendcs_import", "task_4_district_comments",
      "task_5_set_test_period", "task_5_agree_test_period"};

  public static void main(String[] args) throws Exception {
    int officesPerRun = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    long slowMillis = args.length > 1 ? Long.parseLong(args[1]) : 2000;
    List<String> offices = new ArrayList<>();
    for (int i = 0; i < 3 * officesPerRun; i++) {
      offices.add("B" + (char) ('A' + i / 26) + (char) ('A' + i % 26));
    }
    try (SlowSmtpServer smtp = new SlowSmtpServer();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(CwbiMigrationApplication.class,
            TestSupportConfig.class).profiles("test").run(
                // arguments: they win over application*.yaml
                "--server.port=0",
                "--camunda.bpm.job-execution.enabled=true",
                "--spring.mail.port=" + smtp.port(),
                "--cwbi.offices=" + String.join(",", offices),
                "--cwbi.notification.retry-cycle=PT1S,PT5S,PT30S",
                "--logging.level.root=WARN")) {
      ScriptedGateVerifier verifier = app.getBean(ScriptedGateVerifier.class);
      verifier.passAll();
      people(app.getBean(IdentityService.class), offices);
      MigrationDriver driver = app.getBean(MigrationDriver.class);
      TaskService tasks = app.getBean(TaskService.class);
      ManagementService management = app.getBean(ManagementService.class);

      // warm-up (JIT, caches), fast server; then the two measured runs
      smtp.delayMillis = 0;
      run(driver, tasks, management, offices.subList(0, officesPerRun / 2));
      drain(management);
      int before = smtp.received();
      List<Long> fast = run(driver, tasks, management, offices.subList(officesPerRun, 2 * officesPerRun));
      int fastMails = smtp.received() - before;
      drain(management);
      smtp.delayMillis = slowMillis;
      before = smtp.received();
      List<Long> slow = run(driver, tasks, management, offices.subList(2 * officesPerRun, 3 * officesPerRun));
      int slowMailsDuring = smtp.received() - before;
      System.out.printf("%nNotification benchmark: %d offices per run, %d engine calls each%n", officesPerRun,
          fast.size());
      report("normal SMTP       ", fast, fastMails);
      report("SMTP " + slowMillis + " ms/message", slow, slowMailsDuring);
      long pending = management.createJobQuery().processDefinitionKey(Notifier.PROCESS_KEY).count();
      System.out.printf("Mail deliveries still queued behind the slow server when the run ended: %d%n", pending);
      smtp.delayMillis = 0;
    }
  }

  static void report(String label, List<Long> nanos, int mails) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    System.out.printf("%s: median %.1f ms, p95 %.1f ms, max %.1f ms (n=%d; mails delivered meanwhile %d)%n", label,
        ms(sorted.get(sorted.size() / 2)), ms(sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1)),
        ms(sorted.get(sorted.size() - 1)), sorted.size(), mails);
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** Latency of every start and completion (the user's transaction only; jobs run on the executor). */
  static List<Long> run(MigrationDriver driver, TaskService tasks, ManagementService management, List<String> offices)
      throws Exception {
    List<Long> latencies = new ArrayList<>();
    for (String office : offices) {
      long t0 = System.nanoTime();
      ProcessInstance pi = driver.start(office, true);
      latencies.add(System.nanoTime() - t0);
      for (String key : TASKS) {
        Task task = await(driver, pi.getId(), key);
        Map<String, Object> data = driver.validData(key);
        long t = System.nanoTime();
        tasks.complete(task.getId(), data);
        latencies.add(System.nanoTime() - t);
        // a person takes a moment before the next task: let the instance's own jobs (gates) run first
        for (int i = 0; i < 3000 && management.createJobQuery().processInstanceId(pi.getId()).executable().count() > 0;
            i++) {
          Thread.sleep(10);
        }
      }
    }
    return latencies;
  }

  /** The task, once the job executor has run the gate before it. */
  static Task await(MigrationDriver driver, String pi, String key) throws InterruptedException {
    for (int i = 0; i < 6000; i++) {
      Task t = driver.task(pi, key);
      if (t != null) {
        return t;
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("task " + key + " never came; open: " + driver.openTaskKeys(pi));
  }

  static void drain(ManagementService management) throws InterruptedException {
    for (int i = 0; i < 3000 && management.createJobQuery().processDefinitionKey(Notifier.PROCESS_KEY).count() > 0;
        i++) {
      Thread.sleep(20);
    }
  }

  /** Two members with an address per district group, three in hec. */
  static void people(IdentityService identity, List<String> offices) {
    for (int i = 1; i <= 3; i++) {
      user(identity, "hec-bench-" + i, "hec");
    }
    for (String office : offices) {
      String group = "district-" + office.toLowerCase(java.util.Locale.ROOT);
      if (identity.createGroupQuery().groupId(group).count() == 0) {
        identity.saveGroup(identity.newGroup(group));
      }
      user(identity, office.toLowerCase(java.util.Locale.ROOT) + "-a", group);
      user(identity, office.toLowerCase(java.util.Locale.ROOT) + "-b", group);
    }
  }

  static void user(IdentityService identity, String id, String group) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User u = identity.newUser(id);
      u.setEmail(id + "@example.mil");
      identity.saveUser(u);
      identity.createMembership(id, group);
    }
  }
}
