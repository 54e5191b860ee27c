package mil.usace.cwbi.migration.forecast;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import mil.usace.cwbi.migration.dashboard.DashboardQueries;
import mil.usace.cwbi.migration.support.BenchSupport;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.verification.Environment;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark (not a test): what the forecast adds to the dashboard's reload. N offices on an H2 file of their own:
 * half walk the roadmap at different paces (a quarter to the end, a quarter to Step 4), half are held at a failing T7
 * check re-checked every 6 hours for D days (the history that grows fastest: each re-check adds activities). Then
 * {@code Forecasts#all()} and the dashboard's rows ({@code DashboardQueries#offices()}, forecast included) are timed.
 *
 * <pre>mvn -B -ntp -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=mil.usace.cwbi.migration.forecast.ForecastBenchmark -Dexec.args="38 30"</pre>
 */
public final class ForecastBenchmark {

  static final long[] BASE = {30, 30, 20, 30, 15, 0, 20, 30, 10};

  public static void main(String[] args) throws Exception {
    int officeCount = args.length > 0 ? Integer.parseInt(args[0]) : 38;
    int heldDays = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    List<String> offices = BenchSupport.offices(officeCount);
    Path dir = Path.of("target", "forecast-benchmark", String.valueOf(System.currentTimeMillis()));
    Files.createDirectories(dir);
    Instant t0 = Instant.parse("2027-01-04T12:00:00Z");
    BenchSupport.clock(Date.from(t0));
    ConfigurableApplicationContext app = BenchSupport.app(
        "jdbc:h2:file:" + dir.toAbsolutePath().resolve("cwbi-migration") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
        offices);
    try {
      ScriptedGateVerifier verifier = app.getBean(ScriptedGateVerifier.class);
      MigrationDriver driver = app.getBean(MigrationDriver.class);
      ManagementService management = app.getBean(ManagementService.class);
      HistoryService history = app.getBean(HistoryService.class);
      BenchSupport.people(app.getBean(IdentityService.class), offices);
      ForecastHistory h = new ForecastHistory(t0, driver, app.getBean(RuntimeService.class), history, management,
          app.getBean(JdbcTemplate.class));
      long s0 = System.nanoTime();
      verifier.passAll();
      for (int i = 1; i < offices.size(); i += 2) {
        double pace = 0.6 + (i % 7) * 0.15;
        ForecastHistory.Walk walk = h.start(offices.get(i), i % 20);
        int steps = i % 4 == 1 ? 9 : 3;
        for (int s = 1; s <= steps; s++) {
          walk.step(s, s == 5 ? Math.max(15, Math.round(BASE[4] * pace)) : Math.round(BASE[s - 1] * pace));
        }
      }
      verifier.fail(Environment.T7);
      for (int i = 0; i < offices.size(); i += 2) {
        ForecastHistory.Walk walk = h.start(offices.get(i), 0);
        driver.completeAll(walk.processInstanceId, ForecastHistory.STEP_1);
      }
      Instant end = t0.plus(Duration.ofDays(heldDays));
      long jobs = 0;
      while (true) {
        jobs += BenchSupport.drain(management);
        Date next = BenchSupport.nextDue(management);
        if (next == null || next.toInstant().isAfter(end)) {
          break;
        }
        BenchSupport.clock(next);
      }
      h.at(330);
      long activities = history.createHistoricActivityInstanceQuery().count();
      System.out.printf("%nForecast benchmark: %d offices, held %d days; %d jobs, %d T7 checks, %d historic activity "
              + "instances; set-up %.0f s%n", officeCount, heldDays, jobs, verifier.calls(Environment.T7), activities,
          (System.nanoTime() - s0) / 1e9);

      Forecasts forecasts = app.getBean(Forecasts.class);
      DashboardQueries rows = app.getBean(DashboardQueries.class);
      for (int i = 0; i < 5; i++) {
        forecasts.all();
        rows.offices();
      }
      List<Long> forecastNanos = new ArrayList<>();
      List<Long> rowNanos = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        long a = System.nanoTime();
        List<Forecast> all = forecasts.all();
        forecastNanos.add(System.nanoTime() - a);
        long b = System.nanoTime();
        rows.offices();
        rowNanos.add(System.nanoTime() - b);
        if (i == 0) {
          System.out.printf("Forecasts: %d with a date, %d without history, %d finished%n",
              all.stream().filter(f -> f.status() == Forecast.Status.FORECAST).count(),
              all.stream().filter(f -> f.status() == Forecast.Status.NO_HISTORY).count(),
              all.stream().filter(f -> f.status() == Forecast.Status.FINISHED).count());
        }
      }
      double[] f = BenchSupport.p50p95(forecastNanos);
      double[] r = BenchSupport.p50p95(rowNanos);
      System.out.printf("Forecasts#all(): p50 %.0f ms, p95 %.0f ms. Dashboard rows with forecasts: p50 %.0f ms, "
          + "p95 %.0f ms. RSS %.0f MB%n", f[0], f[1], r[0], r[1], BenchSupport.mb(BenchSupport.rssBytes()));
    } finally {
      app.close();
    }
    System.exit(0);
  }
}
