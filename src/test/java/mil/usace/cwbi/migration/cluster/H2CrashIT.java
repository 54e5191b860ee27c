package mil.usace.cwbi.migration.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

/**
 * The demo run (one node, H2 file, demo profile) killed with SIGKILL right after a task completion, and restarted on
 * the same file: every migration is where it was, down to its variables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2CrashIT {

  static final Path DATA = Path.of("target/h2-crash/data");
  AppNode node;

  @AfterAll
  void stop() throws Exception {
    if (node != null) {
      node.stop();
    }
  }

  AppNode newNode(String name, int port) {
    return AppNode.demoOnH2(name, port, DATA, "--camunda.bpm.job-execution.max-wait=2000");
  }

  @Test
  void everyMigrationIsWhereItWasAfterAKill() throws Exception {
    FileSystemUtils.deleteRecursively(DATA);
    int port = ThrowawayPostgres.freePort();
    node = newNode("h2-demo", port).start().awaitReady(Duration.ofMinutes(3));
    MigrationRest rest = new MigrationRest("admin", "demo");
    Map<String, String> instances = new LinkedHashMap<>();
    for (String office : List.of("SWT", "LRL", "MVS")) {
      instances.put(office, rest.start(node, office, node.baseUrl() + "/cda-sim/t7-" + office.toLowerCase() + "/"));
    }
    for (String office : List.of("SWT", "LRL")) {
      for (String task : ClusterIT.STEP_1) {
        rest.complete(node, instances.get(office), task);
      }
    }
    awaitNoMessageJobs(rest);
    // the last act before the crash: a completion answered 204
    rest.complete(node, instances.get("MVS"), "task_1_3_critimport");
    Map<String, Object> before = snapshot(rest, instances);
    assertThat(before.toString()).contains("task_1_4_shef_parser").contains("verification_t7");

    node.kill();
    node = newNode("h2-demo-restarted", port).start().awaitReady(Duration.ofMinutes(3));
    awaitNoMessageJobs(rest);
    assertThat(snapshot(rest, instances)).isEqualTo(before);
  }

  /** Per migration: its open tasks and every variable with its value as stored (JSON as its serialized text). */
  Map<String, Object> snapshot(MigrationRest rest, Map<String, String> instances) throws Exception {
    Map<String, Object> all = new TreeMap<>();
    for (Map.Entry<String, String> e : instances.entrySet()) {
      List<String> tasks = new ArrayList<>();
      rest.get(node, "/engine-rest/task?processInstanceId=" + e.getValue())
          .forEach(t -> tasks.add(t.path("taskDefinitionKey").asText()));
      tasks.sort(null);
      Map<String, String> vars = new TreeMap<>();
      JsonNode v = rest.get(node, "/engine-rest/process-instance/" + e.getValue() + "/variables?deserializeValues=false");
      v.fieldNames().forEachRemaining(name -> vars.put(name, v.get(name).path("value").toString()));
      all.put(e.getKey(), Map.of("tasks", tasks, "variables", vars));
    }
    return all;
  }

  void awaitNoMessageJobs(MigrationRest rest) throws Exception {
    long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (rest.get(node, "/engine-rest/job/count?messages=true").path("count").asLong() > 0) {
      if (System.nanoTime() > end) {
        throw new AssertionError("jobs left:\n" + node.tail());
      }
      Thread.sleep(500);
    }
  }
}
