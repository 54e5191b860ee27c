package mil.usace.cwbi.migration.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import mil.usace.cwbi.migration.dashboard.DashboardQueries;
import mil.usace.cwbi.migration.demo.TasklistFilters;
import mil.usace.cwbi.migration.support.BenchSupport;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.verification.Environment;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark (not a test), issue 13: the latency of what a district's inbox and HEC's dashboard ask the engine, as
 * migrations and their history grow: 11, 38 and 200 offices, each held at a failing T7 check with
 * {@code cycles} re-checks of history (each: the re-check timer, the check, a new fix task), on H2 (file) and on a
 * throwaway PostgreSQL 15. Queries, as a district user with authorization checks on (as Tasklist sends them):
 * <ul>
 *   <li>{@code candidateGroup}: {@code GET /task?candidateGroup=district-x&sortBy=created&maxResults=15} and its count;</li>
 *   <li>{@code filter}: Tasklist's "My group's tasks" filter, first page and count;</li>
 *   <li>{@code businessKey}: the tasks of the office's migration by business key (the reference);</li>
 *   <li>{@code dashboard}: every office's row (HEC's Cockpit plugin).</li>
 * </ul>
 *
 * <pre>mvn -B -ntp -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=mil.usace.cwbi.migration.cluster.InboxLatencyBenchmark -Dexec.args="h2,postgres 11,38,200 8"</pre>
 */
public final class InboxLatencyBenchmark {

  public static void main(String[] args) {
    try {
      benchmark(args);
    } catch (Throwable e) {
      // exec:java would otherwise wait for the test servers' threads and never report it
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  static void benchmark(String[] args) throws Exception {
    List<String> dbs = List.of((args.length > 0 ? args[0] : "h2,postgres").split(","));
    List<Integer> sizes = new ArrayList<>();
    for (String s : (args.length > 1 ? args[1] : "11,38,200").split(",")) {
      sizes.add(Integer.parseInt(s));
    }
    int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int samples = args.length > 3 ? Integer.parseInt(args[3]) : 40;
    List<String> offices = BenchSupport.offices(sizes.get(sizes.size() - 1));
    List<String> results = new ArrayList<>();
    for (String db : dbs) {
      Path dir = Path.of("target", "inbox-bench", db + "-" + System.currentTimeMillis());
      ThrowawayPostgres pg = null;
      String url;
      if (db.equals("postgres")) {
        pg = ThrowawayPostgres.start(dir);
        pg.createDatabase("cwbi");
        url = pg.jdbcUrl("cwbi");
      } else {
        url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("cwbi-migration") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
            + ";RETENTION_TIME=1000" + System.getProperty("h2.url.extra", ";QUERY_CACHE_SIZE=256");
      }
      try (ConfigurableApplicationContext app = BenchSupport.app(url, offices)) {
        run(app, db, offices, sizes, cycles, samples, results);
      } finally {
        if (pg != null) {
          pg.close();
        }
      }
    }
    System.out.println();
    System.out.println("db | offices | history rows | query | p50 ms | p95 ms");
    results.forEach(System.out::println);
  }

  static void run(ConfigurableApplicationContext app, String db, List<String> offices, List<Integer> sizes,
      int cycles, int samples, List<String> results) {
    ScriptedGateVerifier verifier = app.getBean(ScriptedGateVerifier.class);
    MigrationDriver driver = app.getBean(MigrationDriver.class);
    ManagementService management = app.getBean(ManagementService.class);
    TaskService tasks = app.getBean(TaskService.class);
    FilterService filters = app.getBean(FilterService.class);
    IdentityService identity = app.getBean(IdentityService.class);
    DashboardQueries dashboard = app.getBean(DashboardQueries.class);
    BenchSupport.people(identity, offices);
    String groupFilter = filters.createFilterQuery().filterName(TasklistFilters.MY_GROUPS_TASKS).singleResult().getId();
    verifier.passAll();
    verifier.fail(Environment.T7);
    int started = 0;
    Random random = new Random(13);
    for (int size : sizes) {
      long t0 = System.nanoTime();
      for (; started < size; started++) {
        ProcessInstance pi = driver.start(offices.get(started), false);
        driver.completeAll(pi.getId(), "task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
            "task_1_5_export_shef_config", "task_1_6_opendcs_dev");
        for (int c = 0; c < cycles; c++) {
          // the re-check timer fires (run now, whatever its due date), then the check, then a new fix task
          Job timer = management.createJobQuery().processInstanceId(pi.getId()).activityId("timer_recheck_fix_t7")
              .singleResult();
          management.executeJob(timer.getId());
          driver.runJobs(pi.getId());
        }
      }
      long history = app.getBean(org.camunda.bpm.engine.HistoryService.class).createHistoricActivityInstanceQuery()
          .count();
      System.out.printf("%s: %d offices ready (%.0f s), %d historic activity instances%n", db, size,
          (System.nanoTime() - t0) / 1e9, history);
      int n = size;
      List<String> measured = offices.subList(0, n);
      for (int warm = 0; warm < 2; warm++) {
        measure(measured, random, samples / 4, identity, o -> candidateGroup(tasks, o));
        measure(measured, random, samples / 4, identity, o -> filter(filters, groupFilter));
      }
      report(results, db, n, history, "candidateGroup", measure(measured, random, samples, identity,
          o -> candidateGroup(tasks, o)));
      report(results, db, n, history, "filter", measure(measured, random, samples, identity,
          o -> filter(filters, groupFilter)));
      report(results, db, n, history, "businessKey", measure(measured, random, samples, identity,
          o -> (long) tasks.createTaskQuery().processInstanceBusinessKey(o).list().size()));
      List<Long> dash = new ArrayList<>();
      for (int i = 0; i < Math.max(5, samples / 4); i++) {
        long s = System.nanoTime();
        dashboard.offices();
        dash.add(System.nanoTime() - s);
      }
      report(results, db, n, history, "dashboard", dash);
    }
  }

  static long candidateGroup(TaskService tasks, String office) {
    String group = "district-" + office.toLowerCase(Locale.ROOT);
    return tasks.createTaskQuery().taskCandidateGroup(group).orderByTaskCreateTime().desc().listPage(0, 15).size()
        + tasks.createTaskQuery().taskCandidateGroup(group).count();
  }

  static long filter(FilterService filters, String filterId) {
    return filters.listPage(filterId, 0, 15).size() + filters.count(filterId);
  }

  interface Query {
    long run(String office);
  }

  /** Samples of the query, each as a random office's district user (authorization checks on). */
  static List<Long> measure(List<String> offices, Random random, int n, IdentityService identity, Query q) {
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String office = offices.get(random.nextInt(offices.size()));
      identity.setAuthentication(office.toLowerCase(Locale.ROOT) + "-a",
          List.of("district-" + office.toLowerCase(Locale.ROOT)));
      try {
        long s = System.nanoTime();
        long found = q.run(office);
        nanos.add(System.nanoTime() - s);
        if (found == 0) {
          throw new IllegalStateException("the query found nothing for " + office);
        }
      } finally {
        identity.clearAuthentication();
      }
    }
    return nanos;
  }

  static void report(List<String> results, String db, int offices, long history, String query, List<Long> nanos) {
    double[] p = BenchSupport.p50p95(nanos);
    String line = String.format("%s | %d | %d | %s | %.1f | %.1f", db, offices, history, query, p[0], p[1]);
    results.add(line);
    System.out.println(line);
  }

}
