package mil.usace.cwbi.migration.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Serializes the start-up of the nodes of a cluster on one PostgreSQL database. Two nodes building the engine at the
 * same moment on an empty database both try to create the schema and one dies ("duplicate key ...
 * pg_type_typname_nsp_index"); the start-up bootstraps that follow (users, grants, filters, deployment) race the
 * same way. So a node takes a PostgreSQL session-level advisory lock before the engine is built (schema creation
 * and update happen during the build) and lets it go when the application is ready: the next node then finds the
 * schema and the bootstrapped rows in place. A node that dies while holding it releases it with its connection.
 */
@Component
@Profile("postgres")
public class StartupLock extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(StartupLock.class);
  /** Any constant shared by every node of this application: "cwbi-mig" as a number. */
  public static final long LOCK_KEY = 0x637762692d6d6967L;

  private final DataSource dataSource;
  private Connection held;

  public StartupLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    acquire();
  }

  synchronized void acquire() {
    if (held != null) {
      return;
    }
    long start = System.nanoTime();
    try {
      Connection c = dataSource.getConnection();
      c.setAutoCommit(true);
      try (PreparedStatement lock = c.prepareStatement("select pg_advisory_lock(?)")) {
        lock.setLong(1, LOCK_KEY);
        lock.execute();
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      held = c;
      LOG.info("Start-up lock taken after {} ms", (System.nanoTime() - start) / 1_000_000);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot take the cluster start-up lock on the database", e);
    }
  }

  /** Last of the ready listeners, so the bootstraps (users, grants, filters) ran under the lock. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(Ordered.LOWEST_PRECEDENCE)
  public void onReady() {
    release();
  }

  @EventListener({ApplicationFailedEvent.class, ContextClosedEvent.class})
  public void onStop() {
    release();
  }

  public synchronized boolean isHeld() {
    return held != null;
  }

  synchronized void release() {
    if (held == null) {
      return;
    }
    // Unlock before the connection goes back to the pool: a session lock outlives a pooled connection's borrower.
    try (Connection c = held; PreparedStatement unlock = c.prepareStatement("select pg_advisory_unlock(?)")) {
      unlock.setLong(1, LOCK_KEY);
      unlock.execute();
      LOG.info("Start-up lock released");
    } catch (SQLException e) {
      LOG.warn("Releasing the start-up lock failed; it goes with the connection: {}", e.getMessage());
    } finally {
      held = null;
    }
  }
}
