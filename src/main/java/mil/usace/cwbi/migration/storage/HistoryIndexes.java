package mil.usace.cwbi.migration.storage;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Our own index on Camunda's history, made at start-up when missing (H2 and PostgreSQL; issue 13, item 3).
 *
 * <p>{@link #PARENT} on {@code ACT_HI_ACTINST(PARENT_ACT_INST_ID_)}: the dashboard and the forecast read each
 * migration's top-level activities (the step and check sub-processes, whose parent is the process instance) to know
 * its current step and since when ({@code roadmap.StepHistory}). Camunda has no index that finds them: by
 * {@code ACT_IDX_HI_ACT_INST_PROCINST} the database walked every activity of the migration, a year of re-checks
 * (H2 scanCount 132,906 for 38 offices). By parent, it reads the top-level rows only.
 *
 * <p>{@code create index if not exists} (both databases): idempotent, so every start may run it, and a second node
 * starting at the same time at worst logs that its attempt failed; the queries stay correct without the index, only
 * slower, so a failure is logged and never stops the start. Camunda's schema scripts neither know nor drop it.
 */
@Component
public class HistoryIndexes implements SmartInitializingSingleton {

  /** Name of the index on the activity history's parent column. */
  public static final String PARENT = "CWBI_IDX_HI_ACTINST_PARENT";

  private static final Logger LOG = LoggerFactory.getLogger(HistoryIndexes.class);

  private final DataSource dataSource;
  private final ProcessEngine engine;

  public HistoryIndexes(DataSource dataSource, ProcessEngine engine) {
    this.dataSource = dataSource;
    this.engine = engine;
  }

  @Override
  public void afterSingletonsInstantiated() {
    String table = engine.getManagementService().getTableName(HistoricActivityInstance.class);
    String sql = "create index if not exists " + PARENT + " on " + table + " (PARENT_ACT_INST_ID_)";
    long t0 = System.nanoTime();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
      if (!c.getAutoCommit()) {
        c.commit();
      }
      LOG.info("History index {} ready ({} ms)", PARENT, (System.nanoTime() - t0) / 1_000_000);
    } catch (Exception e) {
      LOG.warn("Could not create history index {} ({}): the dashboard works, more slowly", PARENT, e.toString());
    }
  }
}
