package mil.usace.cwbi.migration.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged application run as a child process, as it runs in production: its own JVM, port and log. */
final class AppNode {

  final String name;
  final int port;
  private final List<String> args;
  private final Path log;
  private Process process;

  AppNode(String name, int port, List<String> args) {
    this.name = name;
    this.port = port;
    this.args = args;
    this.log = Path.of("target/cluster", name + ".log");
    try {
      Files.deleteIfExists(log); // a fresh log per test run; a restart of this node appends to it
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The demo run on its embedded H2 file under {@code dataDir}, with a free demo SMTP port, plus {@code extra}. */
  static AppNode demoOnH2(String name, int port, Path dataDir, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "--spring.profiles.active=demo",
        "--cwbi.data-dir=" + dataDir.toAbsolutePath(),
        "--cwbi.demo.mail.smtp-port=0",
        "--logging.level.root=WARN"));
    args.addAll(List.of(extra));
    return new AppNode(name, port, args);
  }

  static Path jar() throws IOException {
    try (var files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("cwbi-migration-.*\\.jar"))
          .filter(p -> !p.getFileName().toString().endsWith(".original"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no packaged jar in target/: run mvn verify (the IT phase)"));
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  AppNode start() throws IOException {
    Files.createDirectories(log.getParent());
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-jar", jar().toAbsolutePath().toString(),
        "--server.port=" + port, "--server.address=127.0.0.1"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().remove("SPRING_PROFILES_ACTIVE");
    process = pb.start();
    return this;
  }

  /** Until the readiness probe (the chart's) answers 200; fails early when the process died. */
  AppNode awaitReady(Duration timeout) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " died at start-up (exit " + process.exitValue() + "):\n" + tail());
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + ClusterIT.READINESS))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError(name + " not ready after " + timeout + ":\n" + tail());
  }

  /** SIGKILL: no shutdown hook, no graceful stop; whatever was in flight is cut. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
