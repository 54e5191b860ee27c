package mil.usace.cwbi.migration.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import mil.usace.cwbi.migration.progress.ApiTokens;
import mil.usace.cwbi.migration.progress.ProgressReports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The tables of API tokens and reports on a real PostgreSQL 15 (the production database; H2 is every other test's):
 * created twice without harm (every node creates them at start-up), a token issued, found by its hash, revoked, and
 * the report table's unique keys refusing a replay as a duplicate key, which the endpoint answers "already recorded".
 */
class ProgressTablesOnPostgresTest {

  static ThrowawayPostgres postgres;
  static JdbcTemplate jdbc;

  @BeforeAll
  static void start() throws Exception {
    postgres = ThrowawayPostgres.start(Path.of("target/progress-postgres"));
    postgres.createDatabase("cwbi");
    jdbc = new JdbcTemplate(new DriverManagerDataSource(postgres.jdbcUrl("cwbi"), "postgres", ""));
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void tokensAndReportsOnPostgres() {
    ApiTokens tokens = new ApiTokens(jdbc);
    tokens.ensureTable();
    new ApiTokens(jdbc).ensureTable(); // another node at start-up
    Instant now = Instant.parse("2026-11-30T10:00:00Z");
    ApiTokens.Issued issued = tokens.issue("SWT", "SWT cwms-cli on batch host", "hec-engineer", now);
    assertThat(tokens.authenticate(issued.secret())).get().extracting(ApiTokens.Token::office).isEqualTo("SWT");
    assertThat(tokens.authenticate(issued.secret().substring(0, 47) + "x")).isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from cwbi_api_token where secret_sha256 like ?", Integer.class,
        "%" + issued.secret().substring(5) + "%")).isZero();
    tokens.used(issued.token().id(), now);
    assertThat(tokens.revoke(issued.token().id(), "hec-engineer", now)).isTrue();
    assertThat(tokens.revoke(issued.token().id(), "hec-engineer", now)).isFalse();
    assertThat(tokens.authenticate(issued.secret())).isEmpty();
    assertThat(tokens.list()).singleElement().satisfies(t -> {
      assertThat(t.revoked()).isTrue();
      assertThat(t.lastUsedAt()).isEqualTo(now);
    });

    ProgressReports reports = new ProgressReports(jdbc, null, new DataSourceTransactionManager(jdbc.getDataSource()));
    reports.ensureTable();
    new ProgressReports(jdbc, null, new DataSourceTransactionManager(jdbc.getDataSource())).ensureTable();
    String insert = "insert into cwbi_progress_report (process_instance_id, office, report_id, fact_sha256, token_id, "
        + "received_at) values (?, 'SWT', ?, ?, 'abc', ?)";
    Timestamp at = Timestamp.from(now);
    jdbc.update(insert, "pi-1", "r-1", "fact-1", at);
    assertThatThrownBy(() -> jdbc.update(insert, "pi-1", "r-1", "fact-2", at)).isInstanceOf(DuplicateKeyException.class);
    assertThatThrownBy(() -> jdbc.update(insert, "pi-1", "r-2", "fact-1", at)).isInstanceOf(DuplicateKeyException.class);
    jdbc.update(insert, "pi-2", "r-1", "fact-1", at); // another migration of the office: its own reports
    assertThat(jdbc.queryForObject("select count(*) from cwbi_progress_report", Integer.class)).isEqualTo(2);
  }
}
