package mil.usace.cwbi.migration.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.CwbiMigrationApplication;
import mil.usace.cwbi.migration.support.BenchSupport;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.support.TestServers;
import mil.usace.cwbi.migration.support.TestSupportConfig;
import mil.usace.cwbi.migration.verification.Environment;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark (not a test), issue 13: a simulated year of N offices on the embedded H2 file, with the production H2 URL
 * ({@code WRITE_DELAY=0}). Half the offices sit in a failing T7 check all year (re-checked every
 * {@code cwbi.recheck-interval}, 6 h), the other half in a year-long Step 5 (CWBI-TEST re-checked every day); the
 * task reminders run every 15 minutes and remind and escalate the overdue tasks. No wall-clock waiting: the engine
 * clock moves to the next due job and the jobs run directly. Prints, twelve times over the simulated period, the H2 file size, the
 * RSS and the checks run; at the end the time the application took to shut down and the size the same data
 * compacts to ({@code SHUTDOWN COMPACT}).
 *
 * <pre>mvn -B -ntp -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=mil.usace.cwbi.migration.storage.YearSimulationBenchmark -Dexec.args="38 365 after"</pre>
 * Arguments: offices (38), simulated days (365), {@code after} (H2 housekeeping on, the default) or {@code before}
 * (housekeeping off: H2 as it was before issue 13).
 */
public final class YearSimulationBenchmark {

  static final String[] STEPS_TO_5 = {"task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
      "task_1_5_export_shef_config", "task_1_6_opendcs_dev",
      "task_2_1_load_db_objects", "task_2_2_batch_scripts_dev", "task_2_3_ldm_products", "task_2_4_custom_schema",
      "task_3_1_modeling_ops", "task_4_schema_functions", "task_4_ldm_products", "task_4_batch_scripts",
      "task_4_opendcs_import", "task_4_district_comments"};

  public static void main(String[] args) throws Exception {
    int officeCount = args.length > 0 ? Integer.parseInt(args[0]) : 38;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 365;
    boolean housekeeping = args.length <= 2 || !"before".equals(args[2]);
    int every = Math.max(1, days / 12);
    List<String> offices = BenchSupport.offices(officeCount);
    Path dir = Path.of("target", "year-simulation", (housekeeping ? "after-" : "before-") + System.currentTimeMillis());
    Files.createDirectories(dir);
    String file = dir.toAbsolutePath().resolve("cwbi-migration").toString();
    Path mvFile = Path.of(file + ".mv.db");
    Instant t0 = Instant.parse("2027-01-04T06:00:00Z");
    BenchSupport.clock(Date.from(t0));
    long wall0 = System.nanoTime();
    ConfigurableApplicationContext app = new SpringApplicationBuilder(CwbiMigrationApplication.class,
        TestSupportConfig.class).profiles("test").run(
            "--server.port=0",
            // the test servers' properties come from the test framework, which does not run here
            "--spring.mail.port=" + TestServers.smtp().getSmtp().getPort(),
            // the production H2 URL (application.yaml), on a file of its own
            // -Dh2.extra: what the URL carries beyond WRITE_DELAY (after: application.yaml's settings)
            "--spring.datasource.url=jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0" + (housekeeping
                ? ";RETENTION_TIME=" + System.getProperty("retention", "1000") + ";QUERY_CACHE_SIZE=256"
                    + System.getProperty("h2.extra", ";COMPRESS=TRUE") : ""),
            "--cwbi.h2.housekeeping-interval=" + (housekeeping ? System.getProperty("interval", "PT0.5S") : "PT0S"),
            "--cwbi.offices=" + String.join(",", offices),
            "--cwbi.recheck.min-interval=PT15M",
            "--cwbi.notification.reminder-cycle=R/PT15M",
            "--cwbi.notification.retry-cycle=PT1M,PT5M",
            "--logging.level.root=WARN",
            "--logging.level.mil.usace.cwbi=WARN",
            "--logging.level.mil.usace.cwbi.migration.storage=" + System.getProperty("storage.log", "WARN"));
    long shutdownMillis;
    long checks;
    long lastFile = 0;
    long maxFile = 0;
    long settledFile = 0;
    try {
      ScriptedGateVerifier verifier = app.getBean(ScriptedGateVerifier.class);
      MigrationDriver driver = app.getBean(MigrationDriver.class);
      ManagementService management = app.getBean(ManagementService.class);
      BenchSupport.people(app.getBean(IdentityService.class), offices);

      // odd offices: through Steps 1-4 into a test period as long as the simulation; even offices: T7 fails all year
      verifier.passAll();
      verifier.fail(Environment.CWBI_TEST);
      for (int i = 1; i < offices.size(); i += 2) {
        ProcessInstance pi = driver.start(offices.get(i), false);
        for (String key : STEPS_TO_5) {
          driver.complete(pi.getId(), key);
        }
        driver.complete(pi.getId(), "task_5_set_test_period", Map.of("testPeriod", "P" + days + "D"));
        driver.complete(pi.getId(), "task_5_agree_test_period", Map.of("testPeriodAgreed", true));
      }
      verifier.fail(Environment.T7);
      for (int i = 0; i < offices.size(); i += 2) {
        ProcessInstance pi = driver.start(offices.get(i), false);
        driver.completeAll(pi.getId(), "task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser",
      "task_1_5_export_shef_config", "task_1_6_opendcs_dev",
            "task_1_5_export_shef_config", "task_1_6_opendcs_dev");
      }
      BenchSupport.drain(management);
      System.out.printf("%nYear simulation: %d offices, %d days, H2 housekeeping %s; set-up %.0f s%n", officeCount,
          days, housekeeping ? "ON" : "OFF", (System.nanoTime() - wall0) / 1e9);
      System.out.println("day | H2 file MB | RSS MB | checks (T7 + CWBI-TEST) | jobs run | wall s");
      Instant end = t0.plus(Duration.ofDays(days));
      long jobs = 0;
      int reported = 0;
      long loop0 = System.nanoTime();
      while (true) {
        jobs += BenchSupport.drain(management);
        Date next = BenchSupport.nextDue(management);
        Instant simulated = next == null ? end : next.toInstant();
        boolean over = next == null || simulated.isAfter(end);
        int day = (int) Duration.between(t0, over ? end : simulated).toDays();
        if (day / every > reported || over) {
          reported = day / every;
          lastFile = Files.size(mvFile);
          maxFile = Math.max(maxFile, lastFile);
          System.out.printf("%3d | %8.1f | %6.0f | %6d | %7d | %5.0f%n", day, BenchSupport.mb(lastFile),
              BenchSupport.mb(BenchSupport.rssBytes()), verifier.calls(Environment.T7) + verifier.calls(
                  Environment.CWBI_TEST), jobs, (System.nanoTime() - loop0) / 1e9);
        }
        if (over) {
          break;
        }
        BenchSupport.clock(next);
      }
      checks = verifier.calls(Environment.T7) + verifier.calls(Environment.CWBI_TEST);
      // The simulation runs a year's jobs back to back (tens per second); in real time they are minutes apart.
      // What the file is between two jobs: after a few idle housekeeping rounds.
      Thread.sleep(12_000);
      settledFile = Files.size(mvFile);
    } finally {
      long s0 = System.nanoTime();
      app.close();
      shutdownMillis = (System.nanoTime() - s0) / 1_000_000;
    }
    long fileBytes = Files.size(mvFile);
    // Is the baseline fair? SHUTDOWN COMPACT writes its copy LZF-compressed, whatever the URL says; the same copy
    // without compression shows what the data takes in pages like the live file's when it has no COMPRESS=TRUE.
    Path plainCopy = Path.of(file + ".plain.mv.db");
    org.h2.mvstore.MVStoreTool.compact(mvFile.toString(), plainCopy.toString(), false);
    long compactedPlain = Files.size(plainCopy);
    Files.delete(plainCopy);
    long c0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file, "sa", "");
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN COMPACT");
    }
    long compactMillis = (System.nanoTime() - c0) / 1_000_000;
    long compacted = Files.size(mvFile);
    // what the data is: the largest tables by rows, and the byte arrays (job stack traces, serialized variables)
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file, "sa", "");
        Statement s = c.createStatement()) {
      StringBuilder rows = new StringBuilder("Rows:");
      try (var rs = s.executeQuery("select table_name, row_count_estimate from information_schema.tables "
          + "where table_schema = 'PUBLIC' order by row_count_estimate desc limit 8")) {
        while (rs.next()) {
          rows.append(' ').append(rs.getString(1)).append(' ').append(rs.getLong(2)).append(',');
        }
      }
      try (var rs = s.executeQuery("select type_, count(*), sum(octet_length(bytes_)) from act_ge_bytearray "
          + "group by type_")) {
        rows.append(" byte arrays by type (rows, bytes):");
        while (rs.next()) {
          rows.append(' ').append(rs.getString(1)).append(' ').append(rs.getLong(2)).append(' ')
              .append(rs.getLong(3)).append(',');
        }
      }
      System.out.println(rows);
    }
    System.out.printf("Checks run: %d. H2 file at the end %.1f MB (largest seen %.1f MB), after 12 s idle %.1f MB, "
            + "after shutdown %.1f MB; the same data compacted (SHUTDOWN COMPACT, %.1f s) %.1f MB: ratio at the end "
            + "%.2f, largest %.2f, idle %.2f. Application shutdown %.1f s; total wall %.0f s%n",
        checks, BenchSupport.mb(lastFile), BenchSupport.mb(maxFile), BenchSupport.mb(settledFile),
        BenchSupport.mb(fileBytes), compactMillis / 1e3, BenchSupport.mb(compacted), (double) lastFile / compacted,
        (double) maxFile / compacted, (double) settledFile / compacted, shutdownMillis / 1e3,
        (System.nanoTime() - wall0) / 1e9);
    System.out.printf("The same data compacted without compression: %.1f MB (end / that %.2f, idle / that %.2f)%n",
        BenchSupport.mb(compactedPlain), (double) lastFile / compactedPlain, (double) settledFile / compactedPlain);
    System.exit(0);
  }
}
