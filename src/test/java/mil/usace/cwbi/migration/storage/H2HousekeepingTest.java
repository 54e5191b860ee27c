package mil.usace.cwbi.migration.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: with {@code WRITE_DELAY=0} (the application's H2 URL) H2 never compacts its file on its own; every commit
 * leaves a chunk that keeps a few live pages. One housekeeping round brings the file back near its data.
 */
class H2HousekeepingTest {

  @Test
  void aRoundShrinksAFileFragmentedByCommitsOfOneRowEach() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "h2-housekeeping-test", String.valueOf(System.nanoTime())));
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db")
        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;RETENTION_TIME=0";
    Path file = dir.resolve("db.mv.db");
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    ds.setUser("sa");
    try (Connection keepOpen = ds.getConnection()) {
      try (Statement s = keepOpen.createStatement()) {
        s.execute("create table t(id int primary key, v varchar(400))");
        s.execute("insert into t select x, repeat('x', 300) from system_range(1, 4000)");
      }
      // a commit per row, as a commit per job: chunk after chunk, each leaving old chunks partly live
      Random random = new Random(13);
      try (Connection c = ds.getConnection();
          PreparedStatement update = c.prepareStatement("update t set v = ? where id = ?")) {
        for (int i = 0; i < 3000; i++) {
          update.setString(1, "y".repeat(300) + i);
          update.setInt(2, 1 + random.nextInt(4000));
          update.executeUpdate();
        }
      }
      long fragmented = Files.size(file);

      H2Housekeeping housekeeping = new H2Housekeeping(ds, url, Duration.ofSeconds(2), 80, 8, Duration.ofMillis(200));
      long after = fragmented;
      for (int round = 0; round < 10; round++) {
        after = housekeeping.runOnce();
      }
      assertThat(after).as("file after housekeeping (was " + fragmented + " bytes)").isPositive()
          .isLessThan(fragmented / 3);
      try (Statement s = keepOpen.createStatement()) {
        var rs = s.executeQuery("select count(*), sum(length(v)) from t");
        rs.next();
        assertThat(rs.getInt(1)).as("no row lost").isEqualTo(4000);
      }
    }
  }

  @Test
  void doesNothingOnPostgresqlOrInMemory() {
    assertThat(housekeeping("jdbc:postgresql://db/cwbi").applies()).isFalse();
    assertThat(housekeeping("jdbc:h2:mem:x").applies()).isFalse();
    assertThat(housekeeping("jdbc:h2:file:./data/x;WRITE_DELAY=0").applies()).isTrue();
  }

  private static H2Housekeeping housekeeping(String url) {
    return new H2Housekeeping(null, url, Duration.ofSeconds(2), 80, 8, Duration.ofMillis(200));
  }
}
