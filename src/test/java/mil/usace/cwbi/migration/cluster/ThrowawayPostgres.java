package mil.usace.cwbi.migration.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL (Debian's 15) for the cluster tests: a fresh cluster initdb'd under target/, started on a free
 * loopback port, stopped at the end. initdb refuses root, so as root it runs as the {@code postgres} user.
 */
final class ThrowawayPostgres implements AutoCloseable {

  static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  final Path dir;
  final int port;

  private ThrowawayPostgres(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  static ThrowawayPostgres start(Path dir) throws Exception {
    if (!Files.isExecutable(BIN.resolve("initdb"))) {
      throw new IllegalStateException("PostgreSQL 15 is not installed: apt-get install -y postgresql");
    }
    Path abs = dir.toAbsolutePath();
    if (Files.exists(abs)) {
      run(List.of("rm", "-rf", abs.toString()), false);
    }
    Files.createDirectories(abs);
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      run(List.of("chown", "postgres:postgres", abs.toString()), false);
    }
    int port = freePort();
    run(List.of(BIN.resolve("initdb").toString(), "-D", abs.resolve("data").toString(), "-U", "postgres", "-A", "trust",
        "-E", "UTF8", "--locale=C.UTF-8"), root);
    run(List.of(BIN.resolve("pg_ctl").toString(), "-D", abs.resolve("data").toString(), "-l",
        abs.resolve("pg.log").toString(), "-o", "-p " + port + " -k " + abs + " -c listen_addresses=127.0.0.1"
            + " -c max_connections=100 -c fsync=off", "-w", "start"), root);
    return new ThrowawayPostgres(abs, port);
  }

  /** Starts the cluster an earlier {@link #start} left in {@code dir} (its data kept), on a new free port. */
  static ThrowawayPostgres restart(Path dir) throws Exception {
    Path abs = dir.toAbsolutePath();
    int port = freePort();
    run(List.of(BIN.resolve("pg_ctl").toString(), "-D", abs.resolve("data").toString(), "-l",
        abs.resolve("pg.log").toString(), "-o", "-p " + port + " -k " + abs + " -c listen_addresses=127.0.0.1"
            + " -c max_connections=100 -c fsync=off", "-w", "start"), "root".equals(System.getProperty("user.name")));
    return new ThrowawayPostgres(abs, port);
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
  }

  void createDatabase(String name) throws SQLException {
    try (Connection c = connect("postgres")) {
      c.createStatement().execute("create database " + name);
    }
  }

  @Override
  public void close() throws Exception {
    run(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"),
        "root".equals(System.getProperty("user.name")));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void run(List<String> command, boolean asPostgres) throws Exception {
    List<String> cmd = new ArrayList<>();
    if (asPostgres) {
      // runuser keeps the argument list intact (no shell quoting of the -o options)
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(command);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
    }
  }
}
