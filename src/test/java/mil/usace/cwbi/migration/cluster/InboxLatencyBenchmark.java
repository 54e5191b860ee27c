package mil.usace.cwbi.migration.cluster;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import mil.usace.cwbi.migration.dashboard.DashboardQueries;
import mil.usace.cwbi.migration.process.TasklistFilters;
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
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark (not a test), issue 13: the latency of what a district's inbox and HEC's dashboard ask the engine, as
 * migrations and their history grow, on H2 (file) and on a throwaway PostgreSQL 15. Queries, as a district user
 * with authorization checks on (as Tasklist sends them):
 * <ul>
 *   <li>{@code candidateGroup}: {@code GET /task?candidateGroup=district-x&sortBy=created&maxResults=15} and its count;</li>
 *   <li>{@code filter}: Tasklist's "My group's tasks" filter, first page and count;</li>
 *   <li>{@code businessKey}: the tasks of the office's migration by business key (the reference);</li>
 *   <li>{@code dashboard}: every office's row (HEC's Cockpit plugin).</li>
 * </ul>
 * Two kinds of history:
 * <ul>
 *   <li>{@code cycles} a number (e.g. 8): 11, 38, 200 offices, each held at a failing T7 check with that many
 *       re-checks (each: the re-check timer, the check, a new fix task), measured as the offices are added;</li>
 *   <li>{@code cycles} a number of days (e.g. {@code 365d}): one size (e.g. 38 offices) lives a few simulated days
 *       ({@code -Dinbox.real-days}, 4 after the first) as {@code storage.YearSimulationBenchmark} lives them (half the
 *       offices held at a failing T7 check, re-checked every 6 h; half in a Step 5 test period, CWBI-TEST re-checked
 *       daily; the task reminders every 15 minutes), the engine clock moved from due job to due job and every job
 *       run; then {@link YearOfHistory} copies the history of those days until it spans that many days (all of a
 *       year's jobs took hours here). Measured at day 0, after the real days and at the end.</li>
 * </ul>
 * At the end it writes the SQL Camunda ran for the two inbox queries and the database's plan of it
 * ({@code EXPLAIN ANALYZE} on H2, {@code EXPLAIN (ANALYZE, BUFFERS)} on PostgreSQL) under target/inbox-bench, for each
 * of three variants, and measures the inbox queries in each, alternating on the same data ({@link Context#VARIANTS}):
 * at every size of a re-check run, at the end of a year run.
 *
 * <pre>mvn -B -ntp -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=mil.usace.cwbi.migration.cluster.InboxLatencyBenchmark -Dexec.args="h2,postgres 11,38,200 8 20"
 * ... -Dexec.args="h2,postgres 38 365d 20" -Dinbox.data=target/inbox-year   # keeps the data; a second run reuses it</pre>
 */
public final class InboxLatencyBenchmark {

  /** As storage.YearSimulationBenchmark: Steps 1-4 of an office that goes into a Step 5 test period. */
  static final String[] STEPS_TO_5 = {"task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
      "task_1_5_export_shef_config", "task_1_6_opendcs_dev", "task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products", "task_2_4_custom_schema",
      "task_3_1_modeling_ops", "task_4_schema_functions", "task_4_ldm_products", "task_4_batch_scripts",
      "task_4_opendcs_import", "task_4_district_comments"};

  static final List<String> TABLES = List.of("ACT_HI_ACTINST", "ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_HI_TASKINST",
      "ACT_HI_IDENTITYLINK", "ACT_HI_PROCINST", "ACT_HI_JOB_LOG", "ACT_RU_TASK", "ACT_RU_IDENTITYLINK",
      "ACT_RU_AUTHORIZATION", "ACT_RU_EXECUTION", "ACT_RU_JOB");

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
    String history = args.length > 2 ? args[2] : "8";
    int samples = args.length > 3 ? Integer.parseInt(args[3]) : 40;
    List<String> offices = BenchSupport.offices(sizes.get(sizes.size() - 1));
    List<String> results = new ArrayList<>();
    String keep = System.getProperty("inbox.data");
    for (String db : dbs) {
      Path dir = keep != null ? Path.of(keep, db) : Path.of("target", "inbox-bench", db + "-" + System.currentTimeMillis());
      Path populated = dir.resolve("populated.txt");
      boolean reuse = Files.exists(populated);
      ThrowawayPostgres pg = null;
      String url;
      if (db.equals("postgres")) {
        if (reuse) {
          pg = ThrowawayPostgres.restart(dir);
        } else {
          pg = ThrowawayPostgres.start(dir);
          pg.createDatabase("cwbi");
        }
        url = pg.jdbcUrl("cwbi");
      } else {
        Files.createDirectories(dir);
        url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("cwbi-migration") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
            + ";RETENTION_TIME=1000" + System.getProperty("h2.url.extra", ";QUERY_CACHE_SIZE=256;COMPRESS=TRUE");
      }
      Context c = new Context(db, dir, offices, samples, results);
      boolean year = history.endsWith("d");
      Instant t0 = Instant.parse("2027-01-04T06:00:00Z");
      if (year && !reuse) {
        BenchSupport.clock(Date.from(t0));
      }
      try (ConfigurableApplicationContext app = BenchSupport.app(url, offices,
          // as storage.YearSimulationBenchmark; the defaults of everything else (re-checks every 6 h, CWBI-TEST daily)
          "--cwbi.recheck.min-interval=PT15M", "--cwbi.notification.reminder-cycle=R/PT15M",
          "--cwbi.notification.retry-cycle=PT1M,PT5M")) {
        c.attach(app);
        if (reuse) {
          System.out.printf("%s: reusing %s (%s)%n", db, dir, Files.readString(populated).strip());
          c.measureAll(sizes.get(sizes.size() - 1), "reused");
        } else if (year) {
          year(c, sizes.get(0), Integer.parseInt(history.substring(0, history.length() - 1)),
              Integer.getInteger("inbox.real-days", 4), t0);
          Files.writeString(populated, sizes.get(0) + " offices, " + history + " simulated");
        } else {
          cycles(c, sizes, Integer.parseInt(history));
          Files.writeString(populated, sizes + " offices, " + history + " re-checks each");
        }
        boolean inbox = !"dashboard".equals(System.getProperty("inbox.only"));
        if (inbox) {
          c.explain();
        }
        if (inbox && !"false".equals(System.getProperty("inbox.compare")) && (reuse || year)) {
          c.compareVariants(sizes.get(sizes.size() - 1));
        }
      } finally {
        if (pg != null) {
          pg.close();
        }
      }
    }
    System.out.println();
    System.out.println("db | offices | history | query | p50 ms | p95 ms | load average (1 min)");
    results.forEach(System.out::println);
  }

  /** 11, 38, 200 offices held at a failing T7 check, {@code cycles} re-checks each; measured at each size. */
  static void cycles(Context c, List<Integer> sizes, int cycles) {
    c.verifier.passAll();
    c.verifier.fail(Environment.T7);
    int started = 0;
    for (int size : sizes) {
      long t0 = System.nanoTime();
      for (; started < size; started++) {
        ProcessInstance pi = c.driver.start(c.offices.get(started), false);
        c.driver.completeAll(pi.getId(), "task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
            "task_1_5_export_shef_config", "task_1_6_opendcs_dev");
        for (int i = 0; i < cycles; i++) {
          // the re-check timer fires (run now, whatever its due date), then the check, then a new fix task
          Job timer = c.management.createJobQuery().rootProcessInstanceId(pi.getId()).activityId("timer_recheck_fix_findings")
              .singleResult();
          c.management.executeJob(timer.getId());
          c.driver.runJobs(pi.getId());
        }
      }
      System.out.printf("%s: %d offices ready (%.0f s)%n", c.db, size, (System.nanoTime() - t0) / 1e9);
      c.measureAll(size, cycles + " re-checks");
      if (!"false".equals(System.getProperty("inbox.compare"))) {
        c.compareVariants(size);
      }
    }
  }

  /**
   * {@code size} offices with a year of history: {@code realDays} simulated days of real jobs (as
   * storage.YearSimulationBenchmark lives them), then the history those days wrote copied until it spans
   * {@code days} ({@link YearOfHistory}). Running every job of a year took hours on the shared machine.
   */
  static void year(Context c, int size, int days, int realDays, Instant t0) throws Exception {
    List<String> offices = c.offices.subList(0, size);
    long wall0 = System.nanoTime();
    c.verifier.passAll();
    c.verifier.fail(Environment.CWBI_TEST);
    for (int i = 1; i < offices.size(); i += 2) {
      ProcessInstance pi = c.driver.start(offices.get(i), false);
      for (String key : STEPS_TO_5) {
        c.driver.complete(pi.getId(), key);
      }
      c.driver.complete(pi.getId(), "task_5_set_test_period", Map.of("testPeriod", "P" + days + "D"));
      c.driver.complete(pi.getId(), "task_5_agree_test_period", Map.of("testPeriodAgreed", true));
    }
    c.verifier.fail(Environment.T7);
    for (int i = 0; i < offices.size(); i += 2) {
      ProcessInstance pi = c.driver.start(offices.get(i), false);
      c.driver.completeAll(pi.getId(), "task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
          "task_1_5_export_shef_config", "task_1_6_opendcs_dev");
    }
    BenchSupport.drain(c.management);
    System.out.printf("%s: %d offices started (%.0f s)%n", c.db, size, (System.nanoTime() - wall0) / 1e9);
    c.measureAll(size, "day 0");
    // the window whose history is copied: whole days after the set-up
    Instant from = t0.plus(Duration.ofDays(1));
    Instant end = from.plus(Duration.ofDays(realDays));
    long jobs = 0;
    long loop0 = System.nanoTime();
    while (true) {
      jobs += BenchSupport.drain(c.management);
      Date next = BenchSupport.nextDue(c.management);
      if (next == null || next.toInstant().isAfter(end)) {
        break;
      }
      BenchSupport.clock(next);
    }
    BenchSupport.clock(Date.from(end));
    long checks = c.verifier.calls(Environment.T7) + c.verifier.calls(Environment.CWBI_TEST);
    System.out.printf("%s: %d simulated days of real jobs: %d jobs, %d checks in %.0f s (%.1f jobs/s)%n", c.db,
        Duration.between(t0, end).toDays(), jobs, checks, (System.nanoTime() - loop0) / 1e9,
        jobs / ((System.nanoTime() - loop0) / 1e9));
    c.measureAll(size, "day " + Duration.between(t0, end).toDays() + " (real jobs)");
    long copy0 = System.nanoTime();
    int copies = (days - 1) / realDays - 1;
    new YearOfHistory(c.dataSource, c.db, from, realDays).copy(copies);
    System.out.printf("%s: the history of days 1-%d copied %d times (%.0f s)%n", c.db, 1 + realDays, copies,
        (System.nanoTime() - copy0) / 1e9);
    c.measureAll(size, "a year (" + (realDays * (copies + 1) + 1) + " days of history)");
  }

  /** What one run measures, on one database. */
  static final class Context {
    final String db;
    final Path dir;
    final List<String> offices;
    final int samples;
    final List<String> results;
    final Random random = new Random(13);
    ScriptedGateVerifier verifier;
    MigrationDriver driver;
    ManagementService management;
    TaskService tasks;
    FilterService filters;
    IdentityService identity;
    DashboardQueries dashboard;
    DataSource dataSource;
    org.camunda.bpm.engine.ProcessEngine engine;
    String revokes;
    String groupFilter;
    int measuredSize;

    Context(String db, Path dir, List<String> offices, int samples, List<String> results) {
      this.db = db;
      this.dir = dir;
      this.offices = offices;
      this.samples = samples;
      this.results = results;
    }

    void attach(ConfigurableApplicationContext app) {
      verifier = app.getBean(ScriptedGateVerifier.class);
      driver = app.getBean(MigrationDriver.class);
      management = app.getBean(ManagementService.class);
      tasks = app.getBean(TaskService.class);
      filters = app.getBean(FilterService.class);
      identity = app.getBean(IdentityService.class);
      dashboard = app.getBean(DashboardQueries.class);
      dataSource = app.getBean(DataSource.class);
      engine = app.getBean(org.camunda.bpm.engine.ProcessEngine.class);
      revokes = engine.getProcessEngineConfiguration().getAuthorizationCheckRevokes();
      BenchSupport.people(identity, offices);
      groupFilter = filters.createFilterQuery().filterName(TasklistFilters.MY_GROUPS_TASKS).singleResult().getId();
    }

    /** The four queries at {@code size} offices; {@code label} says what history they have. */
    void measureAll(int size, String label) {
      measuredSize = size;
      List<String> measured = offices.subList(0, size);
      String history = label + ", " + rows();
      System.out.printf("%s: %d offices, %s%n", db, size, history);
      // -Dinbox.only=dashboard: the dashboard alone (e.g. on data whose offices hold no district task right now)
      if (!"dashboard".equals(System.getProperty("inbox.only"))) {
        for (int warm = 0; warm < 2; warm++) {
          measure(measured, samples / 4, o -> candidateGroup(tasks, o));
          measure(measured, samples / 4, o -> filter(filters, groupFilter));
        }
        report(size, label, "candidateGroup", measure(measured, samples, o -> candidateGroup(tasks, o)));
        report(size, label, "filter", measure(measured, samples, o -> filter(filters, groupFilter)));
        report(size, label, "businessKey", measure(measured, samples,
            o -> (long) tasks.createTaskQuery().processInstanceBusinessKey(o).list().size()));
      }
      // the first call apart: after a start or a long pause the database's pages are cold (H2's cache, the OS's)
      long cold = System.nanoTime();
      dashboard.offices();
      report(size, label, "dashboard (first call)", List.of(System.nanoTime() - cold));
      List<Long> dash = new ArrayList<>();
      for (int i = 0; i < Math.max(10, samples / 2); i++) {
        long s = System.nanoTime();
        dashboard.offices();
        dash.add(System.nanoTime() - s);
      }
      report(size, label, "dashboard", dash);
      // H2 keeps the result of a statement run again with the same parameters while none of its tables changed, so
      // calls in a row measure that cache. In use the engine writes between two dashboard reloads (jobs, mails,
      // tasks): one row of each table the dashboard reads is rewritten (unchanged) before each of these calls
      List<Long> afterWrite = new ArrayList<>();
      for (int i = 0; i < Math.max(10, samples / 2); i++) {
        touch();
        long s = System.nanoTime();
        dashboard.offices();
        afterWrite.add(System.nanoTime() - s);
      }
      report(size, label, "dashboard (after a write)", afterWrite);
      if (Boolean.getBoolean("inbox.plans")) {
        try {
          planDashboard(size, label);
        } catch (Exception e) {
          throw new IllegalStateException("the dashboard's plans", e);
        }
      }
    }

    /**
     * The inbox queries in each variant ({@link #VARIANTS}),
     * on the same data: four rounds, the order rotating, so a load spike of the shared machine hits all of them.
     */
    void compareVariants(int size) {
      List<String> measured = offices.subList(0, size);
      Map<String, Map<String, List<Long>>> byVariant = new LinkedHashMap<>();
      List<String> names = new ArrayList<>(VARIANTS);
      for (int round = 0; round < 4; round++) {
        for (String variant : names) {
          use(variant);
          Map<String, List<Long>> into = byVariant.computeIfAbsent(variant, k -> new LinkedHashMap<>());
          measure(measured, samples / 4, o -> candidateGroup(tasks, o)); // warm-up after the change
          into.computeIfAbsent("candidateGroup", k -> new ArrayList<>())
              .addAll(measure(measured, samples / 2, o -> candidateGroup(tasks, o)));
          into.computeIfAbsent("filter", k -> new ArrayList<>())
              .addAll(measure(measured, samples / 2, o -> filter(filters, groupFilter)));
        }
        names.add(names.remove(0));
      }
      restore();
      byVariant.forEach((variant, m) -> m.forEach((q, n) -> report(size, variant, q, n)));
    }

    /**
     * Camunda's defaults (revoke checks "auto": the authorization join), the same with a covering index for the
     * join's look-up by resource id (tried, not adopted), and revoke checks "always" (each task's grants checked by
     * index look-ups: H2's configuration since issue 13).
     */
    static final List<String> VARIANTS = List.of("revokes auto", "revokes auto + covering index", "revokes always");

    /** The index tried for the authorization join: everything its WHERE reads, after the resource id it joins on. */
    static final String INDEX = "CWBI_BENCH_AUTH_RESOURCE_CHECK";

    void index(boolean on) {
      String ddl = on ? "create index if not exists " + INDEX + " on ACT_RU_AUTHORIZATION (RESOURCE_ID_, TYPE_, "
          + "USER_ID_, GROUP_ID_, RESOURCE_TYPE_, PERMS_)" : "drop index if exists " + INDEX;
      try (Connection con = dataSource.getConnection(); Statement s = con.createStatement()) {
        s.execute(ddl);
        if (!con.getAutoCommit()) {
          con.commit();
        }
      } catch (Exception e) {
        throw new IllegalStateException(ddl, e);
      }
    }

    void use(String variant) {
      var config = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
      index(variant.equals(VARIANTS.get(1)));
      config.setAuthorizationCheckRevokes(variant.equals(VARIANTS.get(2)) ? "always" : "auto");
    }

    /** Exact row counts of the tables that grow with history. */
    String rows() {
      StringBuilder b = new StringBuilder();
      try (Connection con = dataSource.getConnection(); Statement s = con.createStatement()) {
        for (String table : TABLES) {
          try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            b.append(b.isEmpty() ? "" : ", ").append(table).append(' ').append(rs.getLong(1));
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return b.toString();
    }

    /**
     * The SQL Camunda runs for the two inbox queries (caught from MyBatis' debug log) and the database's plan of it,
     * with the parameters of a random office, written to target/inbox-bench.
     */
    void explain() throws Exception {
      String office = offices.get(random.nextInt(measuredSize));
      Map<String, Query> queries = new LinkedHashMap<>();
      queries.put("candidateGroup", o -> candidateGroup(tasks, o));
      queries.put("filter", o -> filter(filters, groupFilter));
      for (String variant : VARIANTS) {
        use(variant);
        for (Map.Entry<String, Query> q : queries.entrySet()) {
          List<String> sql = capture(office, q.getValue());
          StringBuilder out = new StringBuilder();
          for (String statement : sql) {
            out.append("-- ").append(statement).append("\n\n").append(plan(statement)).append("\n\n");
          }
          Path file = Path.of("target", "inbox-bench", "explain-" + db + "-" + measuredSize + "-" + q.getKey()
              + "-" + variant.replace(' ', '-') + ".txt");
          Files.createDirectories(file.getParent());
          Files.writeString(file, out);
          System.out.printf("%s: %d statement(s) of %s (%s), their plans in %s%n", db, sql.size(), q.getKey(),
              variant, file);
        }
      }
      restore();
    }

    /**
     * Every statement one dashboard call runs (caught from MyBatis' debug log of Camunda's entities, with the rows
     * each returned), and the database's plan of each: on H2 the rows it walked (the plans' scanCounts), on
     * PostgreSQL the execution time and the pages it touched. Written to target/inbox-bench; a summary printed.
     */
    void planDashboard(int size, String label) throws Exception {
      Logger logger = (Logger) LoggerFactory.getLogger("org.camunda.bpm.engine.impl.persistence.entity");
      Level level = logger.getLevel();
      ListAppender<ILoggingEvent> appender = new ListAppender<>();
      appender.start();
      logger.addAppender(appender);
      logger.setLevel(Level.DEBUG);
      String thread = Thread.currentThread().getName();
      try {
        dashboard.offices();
      } finally {
        logger.detachAppender(appender);
        logger.setLevel(level);
      }
      List<String> statements = new ArrayList<>();
      List<Long> returned = new ArrayList<>();
      String pending = null;
      for (ILoggingEvent e : appender.list) {
        if (!thread.equals(e.getThreadName())) {
          continue;
        }
        String m = e.getFormattedMessage();
        if (m.contains("Preparing: ")) {
          pending = m.substring(m.indexOf("Preparing: ") + 11).strip();
        } else if (m.contains("Parameters: ") && pending != null) {
          statements.add(bind(pending, m.substring(m.indexOf("Parameters: ") + 12)));
          pending = null;
        } else if (m.contains("Total: ") && returned.size() < statements.size()) {
          returned.add(Long.parseLong(m.substring(m.indexOf("Total: ") + 7).strip()));
        }
      }
      StringBuilder out = new StringBuilder();
      long rows = 0;
      long scanned = 0;
      double ms = 0;
      long hit = 0;
      long read = 0;
      List<String> heaviest = new ArrayList<>();
      Pattern scan = Pattern.compile("scanCount: (\\d+)");
      Pattern time = Pattern.compile("Execution Time: ([0-9.]+) ms");
      Pattern buffers = Pattern.compile("^\\S.*?Buffers: shared(?: hit=(\\d+))?(?: read=(\\d+))?");
      for (int i = 0; i < statements.size(); i++) {
        String sql = statements.get(i);
        long r = i < returned.size() ? returned.get(i) : 0;
        rows += r;
        if (!sql.regionMatches(true, 0, "select", 0, 6)) {
          continue;
        }
        String plan = plan(sql);
        long sc = 0;
        Matcher m = scan.matcher(plan);
        while (m.find()) {
          sc += Long.parseLong(m.group(1));
        }
        scanned += sc;
        m = time.matcher(plan);
        // PostgreSQL says how long the statement ran; H2 does not: the wall time of running it once more
        double t = m.find() ? Double.parseDouble(m.group(1)) : wallMs(sql);
        ms += t;
        for (String line : plan.split("\n")) {
          // the top node's buffers include its children's
          Matcher b = buffers.matcher(line.strip().startsWith("Buffers") ? "x " + line.strip() : "");
          if (b.find()) {
            hit += b.group(1) == null ? 0 : Long.parseLong(b.group(1));
            read += b.group(2) == null ? 0 : Long.parseLong(b.group(2));
            break;
          }
        }
        heaviest.add(String.format("%9d %9.2f %6d  %s", sc, t, r, sql.length() > 160 ? sql.substring(0, 160) + "..."
            : sql));
        out.append("-- rows returned ").append(r).append(", scanCount ").append(sc).append(", ms ")
            .append(String.format("%.2f", t)).append("\n").append(sql).append("\n\n").append(plan).append("\n\n");
      }
      Path file = Path.of("target", "inbox-bench", "explain-" + db + "-" + size + "-dashboard-"
          + label.replaceAll("[^A-Za-z0-9]+", "-") + ".txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, out);
      heaviest.sort(java.util.Comparator.reverseOrder());
      System.out.printf("%s: dashboard plans (%s): %d statements, %d rows returned; H2 scanCount %d; "
          + "execution %.1f ms in all (PostgreSQL: its plans' time; H2: run again), PostgreSQL shared buffers hit %d "
          + "read %d; in %s%n", db, label, statements.size(), rows,
          scanned, ms, hit, read, file);
      System.out.println("  scanCount   exec ms   rows  statement (the 5 heaviest by scanCount, then by time)");
      heaviest.stream().limit(5).forEach(h -> System.out.println("  " + h));
      heaviest.sort(java.util.Comparator.comparing((String h) -> h.substring(10, 19)).reversed());
      heaviest.stream().limit(5).forEach(h -> System.out.println("  " + h));
    }

    /** Rewrites one row (unchanged) of each table the dashboard reads: what any job or task completion does. */
    void touch() {
      try (Connection con = dataSource.getConnection(); Statement s = con.createStatement()) {
        for (String table : List.of("ACT_HI_ACTINST", "ACT_HI_PROCINST", "ACT_HI_VARINST", "ACT_HI_TASKINST",
            "ACT_HI_IDENTITYLINK", "ACT_RU_TASK", "ACT_RU_JOB", "ACT_RU_INCIDENT", "ACT_RU_EXECUTION")) {
          s.executeUpdate("update " + table + " set ID_ = ID_ where ID_ = (select min(ID_) from " + table + ")");
        }
        if (!con.getAutoCommit()) {
          con.commit();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /** The wall time of running a statement and reading all its rows, in ms. */
    double wallMs(String sql) throws Exception {
      try (Connection con = dataSource.getConnection(); Statement s = con.createStatement()) {
        long t0 = System.nanoTime();
        try (ResultSet rs = s.executeQuery(sql)) {
          while (rs.next()) {
            rs.getObject(1);
          }
        }
        return (System.nanoTime() - t0) / 1e6;
      }
    }

    /** Back to the application's configuration. */
    void restore() {
      index(false);
      ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
          .setAuthorizationCheckRevokes(revokes);
    }

    String plan(String sql) throws Exception {
      String explain = db.equals("postgres") ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN ANALYZE ";
      StringBuilder b = new StringBuilder();
      try (Connection con = dataSource.getConnection(); Statement s = con.createStatement();
          ResultSet rs = s.executeQuery(explain + sql)) {
        while (rs.next()) {
          b.append(rs.getString(1)).append('\n');
        }
      }
      return b.toString();
    }

    /** Runs the query as the office's district user and returns its statements, parameters bound as literals. */
    List<String> capture(String office, Query query) {
      Logger logger = (Logger) LoggerFactory.getLogger("org.camunda.bpm.engine.impl.persistence.entity.TaskEntity");
      Level level = logger.getLevel();
      ListAppender<ILoggingEvent> appender = new ListAppender<>();
      appender.start();
      logger.addAppender(appender);
      logger.setLevel(Level.DEBUG);
      try {
        measure(List.of(office), 1, query);
      } finally {
        logger.detachAppender(appender);
        logger.setLevel(level);
      }
      List<String> statements = new ArrayList<>();
      String pending = null;
      for (ILoggingEvent e : appender.list) {
        String m = e.getFormattedMessage();
        if (m.contains("Preparing: ")) {
          pending = m.substring(m.indexOf("Preparing: ") + 11).strip();
        } else if (m.contains("Parameters: ") && pending != null) {
          statements.add(bind(pending, m.substring(m.indexOf("Parameters: ") + 12)));
          pending = null;
        }
      }
      return statements;
    }

    /** {@code ?} replaced by MyBatis' logged parameters ("bae-a(String), 7(Integer)"), as SQL literals. */
    static String bind(String sql, String parameters) {
      List<String> values = new ArrayList<>();
      Matcher m = Pattern.compile("([^,]*?)\\((String|Integer|Long|Boolean|Timestamp|Date)\\)(, |$)")
          .matcher(parameters.strip());
      while (m.find()) {
        String type = m.group(2);
        values.add(type.equals("String") ? "'" + m.group(1).replace("'", "''") + "'"
            : type.equals("Timestamp") || type.equals("Date") ? "TIMESTAMP '" + m.group(1).strip() + "'" : m.group(1));
      }
      StringBuilder b = new StringBuilder();
      int v = 0;
      for (char ch : sql.toCharArray()) {
        b.append(ch == '?' ? values.get(v++) : String.valueOf(ch));
      }
      return b.toString();
    }

    /** Samples of the query, each as a random office's district user (authorization checks on). */
    List<Long> measure(List<String> among, int n, Query q) {
      List<Long> nanos = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String office = among.get(random.nextInt(among.size()));
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

    void report(int size, String history, String query, List<Long> nanos) {
      double[] p = BenchSupport.p50p95(nanos);
      String line = String.format("%s | %d | %s | %s | %.1f | %.1f | load %s", db, size, history, query, p[0], p[1],
          BenchSupport.loadAverage());
      results.add(line);
      System.out.println(line);
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
}
