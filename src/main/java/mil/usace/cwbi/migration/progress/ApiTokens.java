package mil.usace.cwbi.migration.progress;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import mil.usace.cwbi.migration.storage.OwnTable;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Per-office API tokens for the district's tools ({@code cwms-cli}, batch jobs, CI pipelines), in a table of our own
 * ({@code cwbi_api_token}, beside Camunda's, created like {@code forecast.TargetDates}'). A token is
 * {@value #PREFIX} and 43 characters of a 256-bit random secret; only its SHA-256 is stored, so the secret is shown
 * once, when HEC issues it, and never again. A token names one office and authenticates nothing but
 * {@code POST /api/reports}: no engine user stands behind it.
 */
@Component
public class ApiTokens {

  /** Every token starts with it, so people (and secret scanners) recognise one. */
  public static final String PREFIX = "cwbi_";
  static final String TABLE = "cwbi_api_token";
  static final int NAME_MAX = 100;
  private static final Pattern TOKEN = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();
  /** A token as HEC sees it in the list (never its secret). */
  public record Token(String id, String office, String name, String issuedBy, Instant issuedAt, Instant lastUsedAt,
      String revokedBy, Instant revokedAt) {
    public boolean revoked() {
      return revokedAt != null;
    }
  }

  /** A token just issued: its secret, shown this once. */
  public record Issued(Token token, String secret) {}

  private static final RowMapper<Token> ROW = (rs, i) -> new Token(rs.getString("id"), rs.getString("office"),
      rs.getString("name"), rs.getString("issued_by"), instant(rs.getTimestamp("issued_at")),
      instant(rs.getTimestamp("last_used_at")), rs.getString("revoked_by"), instant(rs.getTimestamp("revoked_at")));

  private final JdbcTemplate jdbc;
  private final OwnTable table;

  public ApiTokens(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.table = new OwnTable(jdbc, TABLE, ""
        + "id varchar(16) not null primary key, "
        + "office varchar(8) not null, "
        + "name varchar(" + NAME_MAX + ") not null, "
        + "secret_sha256 varchar(64) not null unique, "
        + "issued_by varchar(255) not null, "
        + "issued_at timestamp not null, "
        + "last_used_at timestamp, "
        + "revoked_by varchar(255), "
        + "revoked_at timestamp");
  }

  /** Creates the table if missing (at start-up and on first use); another node's simultaneous create is fine. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(Ordered.HIGHEST_PRECEDENCE)
  public void ensureTable() {
    table.ensure();
  }

  /** Issues a token for a (validated) office with a (validated) name. */
  public Issued issue(String office, String name, String user, Instant at) {
    ensureTable();
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    byte[] id = new byte[6];
    RANDOM.nextBytes(id);
    String tokenId = HexFormat.of().formatHex(id);
    jdbc.update("insert into " + TABLE + " (id, office, name, secret_sha256, issued_by, issued_at) "
        + "values (?, ?, ?, ?, ?, ?)", tokenId, office, name, sha256(token), user, Timestamp.from(at));
    return new Issued(new Token(tokenId, office, name, user, at, null, null, null), token);
  }

  /** Every token, newest first. */
  public List<Token> list() {
    ensureTable();
    return jdbc.query("select * from " + TABLE + " order by issued_at desc, id", ROW);
  }

  public Optional<Token> find(String id) {
    ensureTable();
    return jdbc.query("select * from " + TABLE + " where id = ?", ROW, id).stream().findFirst();
  }

  /** Revokes a token; false when it was already revoked. */
  public boolean revoke(String id, String user, Instant at) {
    ensureTable();
    return jdbc.update("update " + TABLE + " set revoked_by = ?, revoked_at = ? where id = ? and revoked_at is null",
        user, Timestamp.from(at), id) == 1;
  }

  /**
   * The live token a caller presented, or empty (malformed, unknown or revoked). Looked up by its hash, then the
   * hashes compared in constant time.
   */
  public Optional<Token> authenticate(String presented) {
    if (presented == null || !TOKEN.matcher(presented).matches()) {
      return Optional.empty();
    }
    ensureTable();
    String hash = sha256(presented);
    List<String[]> rows = jdbc.query("select id, secret_sha256 from " + TABLE + " where secret_sha256 = ? "
        + "and revoked_at is null", (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, hash);
    for (String[] row : rows) {
      if (MessageDigest.isEqual(row[1].getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII))) {
        return find(row[0]).filter(t -> !t.revoked());
      }
    }
    return Optional.empty();
  }

  /** Notes when a token was last used (shown to HEC, so unused tokens can be revoked). */
  public void used(String id, Instant at) {
    jdbc.update("update " + TABLE + " set last_used_at = ? where id = ?", Timestamp.from(at), id);
  }

  static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
