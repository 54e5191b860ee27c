package mil.usace.cwbi.migration.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two nodes of the packaged application on one real PostgreSQL (a throwaway cluster on loopback): started at the
 * same moment on an empty database, twenty office migrations driven through the REST API of both, one node killed
 * with SIGKILL while jobs are in flight, the other finishing the work, the killed one restarted. Counted from the
 * database: every asynchronous job succeeded exactly once, nothing lost, nothing duplicated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  static final String LIVENESS = "/actuator/health/liveness";
  static final String READINESS = "/actuator/health/readiness";
  static final List<String> OFFICES = List.of("SWT", "LRL", "LRN", "MVP", "MVS", "NAB", "SAJ", "SPK", "SWF", "NWDP",
      "NWDM", "LRH", "LRP", "MVK", "MVN", "NAE", "NAN", "NAP", "NWK", "NWO");
  /**
   * Step 1's tasks, 1.1 last: its completion starts the jobs of the migration (script recommendation, then the T7
   * check), so no later form submission of the test races them. (A user's submission racing a job of the same
   * migration is rolled back by optimistic locking and submitted again, or the job is retried: nothing is lost,
   * but the retry waits for the model's retry cycle.)
   */
  static final List<String> STEP_1 = List.of("task_1_3_critimport", "task_1_4_shef_parser", "task_1_1_convert_scripts",
      "task_1_5_export_shef_config", "task_1_6_opendcs_dev");
  /** The asynchronous jobs Step 1 makes per migration. */
  static final List<String> JOBS = List.of("recommend_script_targets", "verify_environment"); // the latter in the T7 check
  static final String DB = "cwbi_cluster";

  ThrowawayPostgres postgres;
  AppNode a;
  AppNode b;
  MigrationRest rest;
  final Map<String, String> instances = new LinkedHashMap<>();
  int jobsOutstandingAtKill;

  @BeforeAll
  void startDatabase() throws Exception {
    postgres = ThrowawayPostgres.start(Path.of("target/cluster/postgres"));
    postgres.createDatabase(DB);
    rest = new MigrationRest("admin", "demo");
    int portA = ThrowawayPostgres.freePort();
    int portB = ThrowawayPostgres.freePort();
    a = node("node-a", portA, portB);
    b = node("node-b", portB, portB);
  }

  AppNode node(String name, int port, int t7Port) {
    return new AppNode(name, port, List.of(
        // every migration's T7 is node B's simulator: an allowed T7 host for both nodes
        "--cwbi.cda.t7.allowed-hosts=127.0.0.1:" + t7Port + ",localhost:" + port,
        "--spring.profiles.active=postgres,demo",
        "--spring.datasource.url=" + postgres.jdbcUrl(DB),
        "--spring.datasource.username=postgres",
        "--spring.datasource.password=",
        "--spring.datasource.hikari.maximum-pool-size=5",
        "--cwbi.offices=" + String.join(",", OFFICES),
        "--cwbi.demo.mail.smtp-port=0",
        "--cwbi.data-dir=target/cluster/" + name,
        // the job log names the node that ran each job
        "--camunda.bpm.generic-properties.properties.hostname=" + name,
        // a job locked by a killed node is taken by the other after 15 s (production keeps Camunda's 5 min)
        "--camunda.bpm.job-execution.lock-time-in-millis=15000",
        "--camunda.bpm.job-execution.max-wait=2000",
        "--logging.level.root=WARN",
        "--logging.level.mil.usace.cwbi=INFO"));
  }

  @AfterAll
  void stopAll() throws Exception {
    for (AppNode n : new AppNode[] {a, b}) {
      if (n != null) {
        n.stop();
      }
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  @Order(1)
  void twoNodesStartedTogetherOnAnEmptyDatabaseBothComeUp() throws Exception {
    assertThat(count("select count(*) from pg_tables where schemaname = 'public'")).isZero();
    a.start();
    b.start();
    a.awaitReady(Duration.ofMinutes(4));
    b.awaitReady(Duration.ofMinutes(4));
    assertThat(count("select count(*) from act_ge_property where name_ = 'schema.version'")).isEqualTo(1);
    assertThat(count("select count(*) from act_id_user where id_ = 'admin'")).isEqualTo(1);
    assertThat(count("select count(*) from act_re_procdef where key_ = 'cwbi-migration'"))
        .as("one deployment of the process, not one per node").isEqualTo(1);
    // the chart's probe paths are served, anonymously, by every node
    HttpClient http = HttpClient.newHttpClient();
    for (AppNode n : List.of(a, b)) {
      for (String probe : List.of(LIVENESS, READINESS)) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(n.baseUrl() + probe)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(n.name + probe).isEqualTo(200);
        assertThat(r.body()).contains("\"UP\"");
      }
    }
  }

  @Test
  @Order(2)
  void twentyMigrationsOnTwoNodesWithOneKilledLoseAndDuplicateNothing() throws Exception {
    // every T7 is the surviving node's CDA simulator, so a check's outcome does not depend on which node runs it
    for (int i = 0; i < OFFICES.size(); i++) {
      String office = OFFICES.get(i);
      String t7 = b.baseUrl() + "/cda-sim/t7-" + office.toLowerCase() + "/";
      instances.put(office, rest.start(i % 2 == 0 ? a : b, office, t7));
    }
    List<String> offices = new ArrayList<>(instances.keySet());
    for (int i = 0; i < 10; i++) {
      for (String task : STEP_1) {
        rest.complete(i % 2 == 0 ? a : b, instances.get(offices.get(i)), task);
      }
    }
    jobsOutstandingAtKill = (int) count("select count(*) from act_ru_job where type_ = 'message'");
    a.kill();
    for (int i = 10; i < 20; i++) {
      for (String task : STEP_1) {
        rest.complete(b, instances.get(offices.get(i)), task);
      }
    }
    awaitNoMessageJobs(Duration.ofMinutes(3));

    assertExactlyOnceAndNothingLost();
    Map<String, Long> byNode = new TreeMap<>();
    query("select hostname_, count(*) from act_hi_job_log where job_state_ = 2 and process_def_key_ in ('cwbi-migration', 'verify-environment') group by hostname_",
        rs -> byNode.put(rs.getString(1), rs.getLong(2)));
    System.out.printf("cluster: %d jobs outstanding at the kill; successes per node %s; submissions retried %d%n",
        jobsOutstandingAtKill, byNode, rest.conflictsRetried);
    assertThat(byNode).as("both nodes executed jobs").containsKeys("node-a", "node-b");
    assertThat(byNode.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(JOBS.size() * 20L);
  }

  @Test
  @Order(3)
  void theKilledNodeRestartsAndNothingChanges() throws Exception {
    Map<String, List<String>> before = openTasks();
    long successes = count("select count(*) from act_hi_job_log where job_state_ = 2 and process_def_key_ in ('cwbi-migration', 'verify-environment')");
    a.start().awaitReady(Duration.ofMinutes(3));
    Thread.sleep(5000); // its job executor has polled by now
    assertThat(openTasks()).isEqualTo(before);
    assertThat(count("select count(*) from act_hi_job_log where job_state_ = 2 and process_def_key_ in ('cwbi-migration', 'verify-environment')")).isEqualTo(successes);
    assertExactlyOnceAndNothingLost();

    // and it serves the migrations again: a task completed through it moves its migration on
    String office = before.entrySet().stream().filter(e -> e.getValue().contains("task_2_1_load_db_objects"))
        .map(Map.Entry::getKey).findFirst().orElse(null);
    if (office == null) {
      office = before.keySet().iterator().next();
    }
    String taskKey = before.get(office).get(0);
    rest.complete(a, instances.get(office), taskKey);
    assertThat(openTasks().get(office)).doesNotContain(taskKey);
  }

  void assertExactlyOnceAndNothingLost() throws SQLException {
    assertThat(count("select count(*) from act_ru_execution e join act_re_procdef d on e.proc_def_id_ = d.id_ "
        + "where e.id_ = e.proc_inst_id_ and d.key_ = 'cwbi-migration'")).isEqualTo(20);
    List<String> keys = new ArrayList<>();
    query("select e.business_key_ from act_ru_execution e join act_re_procdef d on e.proc_def_id_ = d.id_ "
        + "where e.id_ = e.proc_inst_id_ and d.key_ = 'cwbi-migration' order by 1",
        rs -> keys.add(rs.getString(1)));
    assertThat(keys).containsExactlyInAnyOrderElementsOf(OFFICES);
    // exactly one success per migration and job, and per job id
    Map<String, Long> successes = new TreeMap<>();
    query("select root_proc_inst_id_ || '/' || act_id_, count(*) from act_hi_job_log where job_state_ = 2 and process_def_key_ in ('cwbi-migration', 'verify-environment') "
        + "group by root_proc_inst_id_, act_id_", rs -> successes.put(rs.getString(1), rs.getLong(2)));
    for (String pi : instances.values()) {
      for (String job : JOBS) {
        assertThat(successes.get(pi + "/" + job)).as("successes of %s in %s", job, pi).isEqualTo(1L);
      }
    }
    assertThat(count("select count(*) from (select job_id_ from act_hi_job_log where job_state_ = 2 "
        + "group by job_id_ having count(*) > 1) d")).isZero();
    assertThat(count("select count(*) from act_ru_incident")).isZero();
    // every handoff mail delivered (its send-notification instance ended), none sent twice (job ids above)
    assertThat(count("select count(*) from act_hi_job_log where job_state_ = 2 and process_def_key_ = 'send-notification'"))
        .as("handoff mails were sent").isPositive();
    assertThat(count("select count(*) from act_ru_execution e join act_re_procdef d on e.proc_def_id_ = d.id_ "
        + "where d.key_ = 'send-notification'")).as("mails still waiting").isZero();
    // the check's result stored once per migration, and each migration waits on a person again
    assertThat(count("select count(*) from act_ru_variable where name_ = 'verification_t7'")).isEqualTo(20);
    Map<String, List<String>> open = openTasks();
    assertThat(open).hasSize(20);
    open.forEach((office, tasks) -> assertThat(
        tasks.contains("task_fix_findings") || tasks.contains("task_2_1_load_db_objects"))
        .as("%s waits at the fix task or at Step 2: %s", office, tasks).isTrue());
  }

  Map<String, List<String>> openTasks() throws SQLException {
    Map<String, List<String>> open = new TreeMap<>();
    query("select e.business_key_, t.task_def_key_ from act_ru_task t join act_ru_execution e "
        + "on t.proc_inst_id_ = e.id_ order by 1, 2",
        rs -> open.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)));
    return open;
  }

  void awaitNoMessageJobs(Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (count("select count(*) from act_ru_job where type_ = 'message'") > 0) {
      if (System.nanoTime() > end) {
        throw new AssertionError("jobs left after " + timeout + "; node-b log:\n" + b.tail());
      }
      Thread.sleep(500);
    }
  }

  interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  void query(String sql, Row row) throws SQLException {
    try (Connection c = postgres.connect(DB); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        row.read(rs);
      }
    }
  }

  long count(String sql) throws SQLException {
    long[] n = {0};
    query(sql, rs -> n[0] = rs.getLong(1));
    return n[0];
  }
}
