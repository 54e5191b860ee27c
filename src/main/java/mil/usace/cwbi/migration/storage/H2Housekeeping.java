package mil.usace.cwbi.migration.storage;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the H2 file in proportion to its data (issue 13).
 *
 * <p>Why: {@code WRITE_DELAY=0} (a commit reaches the file before the call returns; H2CrashIT) switches off H2's
 * background writer thread, and that thread is also what compacts the MVStore: it rewrites the live pages of
 * sparsely used chunks and moves chunks together. Without it every commit appends a chunk, old chunks keep a few live
 * pages each and are never reclaimed, and the file grew without bound (5,000 re-checks: 11 MB to 2.7 GB), and closing
 * it took minutes. This does, on a timer, what H2's background thread does when it runs: the same two public MVStore
 * operations, under H2's own store lock, so the durability of every commit is unchanged. Each round first forces the
 * file to disk, which lets the URL's {@code RETENTION_TIME} be a few seconds instead of H2's 45 s: under a burst of
 * commits (one chunk each, tens of KB) 45 s of dead chunks alone made tens of MB. Each step repeats within
 * {@code cwbi.h2.round-budget}, so a round catches up after a burst without holding the store for long. The other
 * half of keeping the file near its compacted size is the URL's {@code COMPRESS=TRUE} (application.yaml).
 *
 * <p>Only for an H2 file whose write delay is 0 (with a delay H2's own thread does it); nothing on PostgreSQL.
 * H2 internals ({@code org.h2.engine}, {@code org.h2.mvstore}) are used because H2 offers no SQL for online
 * compaction; H2's version is pinned by Spring Boot's dependency management.
 */
@Component
public class H2Housekeeping implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

  private final DataSource dataSource;
  private final String url;
  private final Duration interval;
  private final int fillRate;
  private final int writeLimit;
  private final Duration budget;
  private volatile ScheduledExecutorService timer;
  private volatile boolean unavailable;

  public H2Housekeeping(DataSource dataSource,
      @Value("${spring.datasource.url:}") String url,
      @Value("${cwbi.h2.housekeeping-interval:PT0.5S}") Duration interval,
      @Value("${cwbi.h2.fill-rate:80}") int fillRate,
      @Value("${cwbi.h2.write-limit-mb:8}") int writeLimitMb,
      @Value("${cwbi.h2.round-budget:PT0.2S}") Duration budget) {
    this.dataSource = dataSource;
    this.url = url == null ? "" : url;
    this.interval = interval;
    this.fillRate = Math.max(10, Math.min(95, fillRate));
    this.writeLimit = Math.max(1, writeLimitMb) * 1024 * 1024;
    // at least one pass a round
    this.budget = budget == null || budget.toMillis() < 10 ? Duration.ofMillis(10) : budget;
  }

  boolean applies() {
    return url.startsWith("jdbc:h2:file:") || (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:")
        && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:"));
  }

  @Override
  public void start() {
    if (!applies() || interval.isZero() || interval.isNegative()) {
      return;
    }
    ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "h2-housekeeping");
      thread.setDaemon(true);
      return thread;
    });
    t.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    timer = t;
  }

  /** Stopped first on shutdown (highest phase), so no compaction runs while H2 closes. */
  @Override
  public void stop() {
    ScheduledExecutorService t = timer;
    timer = null;
    if (t != null) {
      // no interrupt: a thread interrupted in NIO file I/O closes the channel, and H2's file with it
      t.shutdown();
      try {
        t.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return timer != null;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }

  /** One round: rewrite sparse chunks, then move chunks together and truncate the file. Returns the file size. */
  public long runOnce() {
    if (unavailable) {
      return -1;
    }
    try (Connection c = dataSource.getConnection()) {
      MVStore store = ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore()
          .getMvStore();
      if (store.getAutoCommitDelay() > 0 || store.isClosed()) {
        return -1; // H2's own background thread compacts
      }
      FileStore<?> file = store.getFileStore();
      long before = file.size();
      int chunksFill = file.getChunksFillRate();
      int fileFill = file instanceof RandomAccessStore r ? r.getFillRate() : -1;
      long started = System.nanoTime();
      long stopAt = started + budget.toNanos();
      // everything written so far reaches the disk (fsync): chunks dead for longer than the URL's RETENTION_TIME
      // (which must exceed this interval) may then be overwritten safely, even on a power loss
      store.sync();
      // the same as H2's background housekeeping: live pages of chunks below the fill rate into a new chunk...
      // Repeated within the round's time budget, so a round catches up after a burst rather than one writeLimit a
      // round. H2 gives up after 10 ms waiting for its store lock, which a burst of commits keeps busy: a few tries.
      int misses = 0;
      while (file.getChunksFillRate() < fillRate && misses < 5 && System.nanoTime() - stopAt < 0) {
        if (store.compact(fillRate, writeLimit)) {
          store.commit(); // the rewritten pages into a new chunk (H2's thread: its next tryCommit); old ones now dead
        } else {
          misses++;
        }
      }
      // ...then dead chunks dropped and chunks moved towards the start of the file, which is truncated behind them.
      // Always called once: it drops the dead chunks first (otherwise only a commit does, and an idle store has
      // none); it moves only while the file's fill rate is below ours, again within the budget.
      if (file instanceof RandomAccessStore ras) {
        long size;
        do {
          size = file.size();
          ras.compactMoveChunks(fillRate, writeLimit, store);
        } while (ras.getFillRate() < fillRate && file.size() < size && System.nanoTime() - stopAt < 0);
      }
      long after = file.size();
      if (log.isDebugEnabled()) {
        log.debug("H2 housekeeping: file {} -> {} KB in {} ms (fill rates before: chunks {}%, file {}%)",
            before / 1024, after / 1024, (System.nanoTime() - started) / 1_000_000, chunksFill, fileFill);
      }
      return after;
    } catch (ClassCastException | LinkageError e) {
      // a pooled wrapper or another H2 build: log once, leave H2 as it is
      unavailable = true;
      log.warn("H2 housekeeping not available ({}); the H2 file is compacted only on close", e.toString());
      return -1;
    } catch (Exception e) {
      log.warn("H2 housekeeping round failed: {}", e.toString());
      return -1;
    }
  }
}
