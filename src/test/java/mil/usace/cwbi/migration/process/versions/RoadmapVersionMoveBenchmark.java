package mil.usace.cwbi.migration.process.versions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import mil.usace.cwbi.migration.support.BenchSupport;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.verification.Environment;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark (not a test): how long moving running offices from roadmap version 1 to version 2 takes, per office and
 * in all, on an H2 file. Offices are started on the copy of version 1 at five points in turn (Step 1 untouched,
 * Step 1 with a token at the join, held at the Phase 1 gate, in Step 4, at Step 8), version 2 is deployed again, and
 * the application's {@link RunningOfficesMover} moves them all (its start-up run is switched off here so the
 * benchmark times it).
 *
 * <pre>mvn -B -ntp -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=mil.usace.cwbi.migration.process.versions.RoadmapVersionMoveBenchmark -Dexec.args="40"</pre>
 */
public final class RoadmapVersionMoveBenchmark {

  private RoadmapVersionMoveBenchmark() {}

  static final String[] STEP_1 = {"task_1_1_convert_scripts", "task_1_3_critimport", "task_1_4_shef_parser"};
  static final String[] TO_STEP_3 = {"task_2_1_load_db_objects", "task_2_2_batch_scripts_dev",
      "task_2_3_ldm_products", "task_2_4_custom_schema", "task_3_1_modeling_ops"};
  static final String[] IN_STEP_4 = {"task_4_batch_scripts", "task_4_opendcs_import", "task_4_district_comments"};
  static final String[] TO_STEP_8 = {"task_4_schema_functions", "task_4_ldm_products", "task_5_set_test_period",
      "task_5_agree_test_period", "task_5_confirm_data_processes", "task_5_rts_forecasts"};

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    List<String> offices = BenchSupport.offices(n);
    Path dir = Path.of("target", "roadmap-move-bench", "h2-" + System.currentTimeMillis());
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("cwbi-migration")
        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;RETENTION_TIME=1000;QUERY_CACHE_SIZE=256";
    try (ConfigurableApplicationContext app = BenchSupport.app(url, offices, "--cwbi.roadmap.migrate-running=false")) {
      RepositoryService repository = app.getBean(RepositoryService.class);
      RuntimeService runtime = app.getBean(RuntimeService.class);
      MigrationDriver driver = app.getBean(MigrationDriver.class);
      ScriptedGateVerifier verifier = app.getBean(ScriptedGateVerifier.class);
      // version 2 as production holds it (the plans run 1 -> 2 -> 3), then version 1 to start the offices on
      repository.createDeployment().addClasspathResource("roadmap-versions/cwbi-migration-v2.bpmn").deploy();
      String v1 = repository.createProcessDefinitionQuery().deploymentId(repository.createDeployment()
          .addClasspathResource("roadmap-versions/cwbi-migration-v1.bpmn").deploy().getId()).singleResult().getId();

      long setup = System.nanoTime();
      for (int i = 0; i < n; i++) {
        String office = offices.get(i);
        int kind = i % 5;
        verifier.passAll();
        if (kind == 2) {
          verifier.fail(Environment.CWBI_DEV);
        }
        String pi = runtime.startProcessInstanceById(v1, driver.startData(office, i % 2 == 0)).getId();
        switch (kind) {
          case 1 -> driver.completeAll(pi, "task_1_3_critimport", "task_1_4_shef_parser");
          case 2 -> {
            driver.completeAll(pi, STEP_1);
            driver.completeAll(pi, "task_1_2_usgs_scripts");
            driver.completeAll(pi, TO_STEP_3);
          }
          case 3, 4 -> {
            driver.completeAll(pi, STEP_1);
            driver.completeAll(pi, "task_1_2_usgs_scripts");
            driver.completeAll(pi, TO_STEP_3);
            driver.completeAll(pi, IN_STEP_4);
            if (kind == 4) {
              driver.completeAll(pi, "task_4_usgs_config");
              driver.completeAll(pi, TO_STEP_8);
            }
          }
          default -> { }
        }
      }
      System.out.printf("%d offices started on version 1 in %.0f s%n", n, (System.nanoTime() - setup) / 1e9);
      repository.createDeployment().addClasspathResource("bpmn/cwbi-migration.bpmn").deploy();

      long all = System.nanoTime();
      RunningOfficesMover.Report report = app.getBean(RunningOfficesMover.class).moveAll();
      double total = (System.nanoTime() - all) / 1e6;
      List<Long> ms = new ArrayList<>(report.millis());
      Collections.sort(ms);
      System.out.printf("moved %d, failed %d %s%n", report.moved().size(), report.failed().size(), report.failed());
      System.out.printf("per move (one office, one version): p50 %d ms, p95 %d ms, max %d ms; all %d offices %.0f ms (%.0f ms per office)%n",
          ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1), ms.get(ms.size() - 1), n, total,
          total / n);
    }
    System.exit(0);
  }
}
