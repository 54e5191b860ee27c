package mil.usace.cwbi.migration.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A table of ours beside Camunda's (target dates, API tokens, progress reports), created if missing on H2 and
 * PostgreSQL: at start-up (before the cluster start-up lock is released) and on first use. Two nodes creating it at
 * once on PostgreSQL: the loser's error is ignored once the table is there.
 */
public final class OwnTable {

  private static final Logger LOG = LoggerFactory.getLogger(OwnTable.class);

  private final JdbcTemplate jdbc;
  private final String name;
  private final String columns;
  private volatile boolean ready;

  /** {@code columns}: what goes between the parentheses of {@code create table}. */
  public OwnTable(JdbcTemplate jdbc, String name, String columns) {
    this.jdbc = jdbc;
    this.name = name;
    this.columns = columns;
  }

  public synchronized void ensure() {
    if (ready) {
      return;
    }
    try {
      jdbc.execute("create table if not exists " + name + " (" + columns + ")");
    } catch (DataAccessException e) {
      jdbc.queryForObject("select count(*) from " + name + " where 1 = 0", Integer.class); // still fails: not there
      LOG.info("Table {} was created by another node at the same time", name);
    }
    ready = true;
  }
}
