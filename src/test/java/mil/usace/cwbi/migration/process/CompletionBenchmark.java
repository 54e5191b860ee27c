package mil.usace.cwbi.migration.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mil.usace.cwbi.migration.support.BenchSupport;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark (not a test), issue 13: completing user tasks of our process (form rules, grants, mail outbox, handoff
 * and start listeners, the gateways and jobs they lead to) against completing the task of a minimal one-task process
 * (start, user task with a candidate group, end) on the same engine and database, alternately in one run, as district
 * and HEC users with authorization checks on, each with the same submitted values. Only the user's transaction is
 * timed; jobs run afterwards as the system.
 *
 * <pre>mvn -B -ntp -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=mil.usace.cwbi.migration.process.CompletionBenchmark -Dexec.args="12"</pre>
 * Argument: offices (each completes 15 tasks of Steps 1-5, and as many plain tasks).
 */
public final class CompletionBenchmark {

  static final String[] TASKS = {"task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
      "task_1_5_export_shef_config", "task_1_6_opendcs_dev",
      "task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products", "task_2_4_custom_schema",
      "task_3_1_modeling_ops", "task_4_schema_functions", "task_4_ldm_products", "task_4_batch_scripts",
      "task_4_opendcs_import", "task_5_set_test_period", "task_5_confirm_data_processes", "task_5_rts_forecasts"};

  public static void main(String[] args) throws Exception {
    int officeCount = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    List<String> offices = BenchSupport.offices(officeCount + 2);
    Path dir = Path.of("target", "completion-bench", "h2-" + System.currentTimeMillis());
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("cwbi-migration")
        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;RETENTION_TIME=1000;QUERY_CACHE_SIZE=256";
    try (ConfigurableApplicationContext app = BenchSupport.app(url, offices)) {
      RuntimeService runtime = app.getBean(RuntimeService.class);
      TaskService tasks = app.getBean(TaskService.class);
      IdentityService identity = app.getBean(IdentityService.class);
      ManagementService management = app.getBean(ManagementService.class);
      MigrationDriver driver = app.getBean(MigrationDriver.class);
      app.getBean(ScriptedGateVerifier.class).passAll();
      BenchSupport.people(identity, offices);
      BpmnModelInstance plain = Bpmn.createExecutableProcess("plain-one-task")
          .camundaHistoryTimeToLive(180)
          .startEvent()
          .userTask("plain_task").name("Plain task").camundaCandidateGroups("${group}")
          .endEvent()
          .done();
      app.getBean(RepositoryService.class).createDeployment().name("benchmark").addModelInstance(
          "plain-one-task.bpmn", plain).deploy();

      // warm-up: two offices, not counted
      List<Long> ours = new ArrayList<>();
      List<Long> base = new ArrayList<>();
      for (int i = 0; i < offices.size(); i++) {
        boolean counted = i >= 2;
        String office = offices.get(i);
        ProcessInstance pi = driver.start(office, false);
        for (String key : TASKS) {
          Task task = driver.task(pi.getId(), key);
          if (task == null) {
            throw new IllegalStateException(key + " not open for " + office + ": " + driver.openTaskKeys(pi.getId()));
          }
          Map<String, Object> data = new LinkedHashMap<>(driver.validData(key));
          if (key.equals("task_5_set_test_period")) {
            data.put("testPeriod", "P14D");
          }
          String taskGroup = candidateGroup(tasks, task);
          long t = timedComplete(identity, taskGroup, () -> tasks.complete(task.getId(), data));
          driver.runJobs(pi.getId());
          // the same values submitted to a plain task of the same group
          ProcessInstance p = runtime.startProcessInstanceByKey("plain-one-task", Map.of("group", taskGroup));
          Task plainTask = tasks.createTaskQuery().processInstanceId(p.getId()).singleResult();
          long b = timedComplete(identity, taskGroup, () -> tasks.complete(plainTask.getId(), data));
          if (counted) {
            ours.add(t);
            base.add(b);
          }
        }
        BenchSupport.drain(management);
      }
      double[] o = BenchSupport.p50p95(ours);
      double[] b = BenchSupport.p50p95(base);
      System.out.printf("%nCompletions, H2 file, %d each (offices %d x %d tasks of Steps 1-5), alternating:%n",
          ours.size(), officeCount, TASKS.length);
      System.out.printf("plain one-task process: p50 %.1f ms, p95 %.1f ms%n", b[0], b[1]);
      System.out.printf("our process:            p50 %.1f ms, p95 %.1f ms%n", o[0], o[1]);
      System.out.printf("ratio:                  p50 %.2f, p95 %.2f%n", o[0] / b[0], o[1] / b[1]);
    }
    System.exit(0);
  }

  /** The task's candidate group (a district or hec), so the plain task is completed by the same kind of user. */
  static String candidateGroup(TaskService tasks, Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId)
        .filter(g -> g != null).findFirst().orElse("hec");
  }

  static long timedComplete(IdentityService identity, String group, Runnable complete) {
    String user = group.equals("hec") ? "hec-bench-1" : group.substring("district-".length()) + "-a";
    identity.setAuthentication(user, List.of(group));
    try {
      long s = System.nanoTime();
      complete.run();
      return System.nanoTime() - s;
    } finally {
      identity.clearAuthentication();
    }
  }
}
