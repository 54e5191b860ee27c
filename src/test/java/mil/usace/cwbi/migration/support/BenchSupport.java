package mil.usace.cwbi.migration.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;

/** Helpers of the issue-13 benchmarks (year simulation, inbox latency, completions): not tests. */
public final class BenchSupport {

  private BenchSupport() {}

  /**
   * The application as the tests run it (test profile, ScriptedGateVerifier, no job executor: the benchmark runs the
   * jobs), on the given database: an H2 file URL, or a PostgreSQL URL (then with the postgres profile).
   */
  public static org.springframework.context.ConfigurableApplicationContext app(String url, List<String> offices,
      String... extra) {
    boolean postgres = url.startsWith("jdbc:postgresql:");
    List<String> args = new ArrayList<>(List.of(
        "--server.port=0",
        "--spring.mail.port=" + TestServers.smtp().getSmtp().getPort(),
        "--spring.datasource.url=" + url,
        "--cwbi.offices=" + String.join(",", offices),
        "--camunda.bpm.job-execution.enabled=false",
        "--logging.level.root=WARN",
        "--logging.level.mil.usace.cwbi=WARN"));
    if (postgres) {
      args.add("--spring.datasource.username=postgres");
      args.add("--spring.datasource.password=");
    }
    args.addAll(List.of(extra));
    return new org.springframework.boot.builder.SpringApplicationBuilder(
        mil.usace.cwbi.migration.CwbiMigrationApplication.class, TestSupportConfig.class)
        .profiles(postgres ? new String[] {"test", "postgres"} : new String[] {"test"})
        .run(args.toArray(String[]::new));
  }

  /** n office ids of 3-4 letters (district-[a-z]{3,4} groups): BAA, BAB, ... */
  public static List<String> offices(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("B" + (char) ('A' + (i / 26) % 26) + (char) ('A' + i % 26) + (i >= 676 ? "X" : ""));
    }
    return ids;
  }

  /** Two members with an address per district group, two in hec. */
  public static void people(IdentityService identity, List<String> offices) {
    user(identity, "hec-bench-1", "hec");
    user(identity, "hec-bench-2", "hec");
    for (String office : offices) {
      String group = "district-" + office.toLowerCase(Locale.ROOT);
      if (identity.createGroupQuery().groupId(group).count() == 0) {
        identity.saveGroup(identity.newGroup(group));
      }
      user(identity, office.toLowerCase(Locale.ROOT) + "-a", group);
      user(identity, office.toLowerCase(Locale.ROOT) + "-b", group);
    }
  }

  static void user(IdentityService identity, String id, String group) {
    if (identity.createGroupQuery().groupId(group).count() == 0) {
      identity.saveGroup(identity.newGroup(group));
    }
    if (identity.createUserQuery().userId(id).count() == 0) {
      User u = identity.newUser(id);
      u.setEmail(id + "@example.mil");
      identity.saveUser(u);
      identity.createMembership(id, group);
    }
  }

  /** Runs every executable job (engine clock) until none is left; returns how many ran (failures count too). */
  public static int drain(ManagementService management) {
    int ran = 0;
    for (int round = 0; round < 10_000; round++) {
      List<Job> due = management.createJobQuery().executable().listPage(0, 200);
      if (due.isEmpty()) {
        return ran;
      }
      for (Job job : due) {
        try {
          management.executeJob(job.getId());
        } catch (RuntimeException e) {
          // a failing job gets its retry (or incident) from the engine, as on the executor
        }
        ran++;
      }
    }
    return ran;
  }

  /** The earliest due date of a job that still has retries, or null. */
  public static Date nextDue(ManagementService management) {
    List<Job> next = management.createJobQuery().withRetriesLeft().active().orderByJobDuedate().asc().listPage(0, 50);
    return next.stream().map(Job::getDuedate).filter(d -> d != null).min(Date::compareTo).orElse(null);
  }

  public static void clock(Date to) {
    ClockUtil.setCurrentTime(to);
  }

  /** Resident set size of this JVM, from /proc (0 where there is none). */
  public static long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return 0;
  }

  public static double mb(long bytes) {
    return bytes / 1024.0 / 1024.0;
  }

  /** {p50, p95} of nanosecond samples, in milliseconds. */
  /** The machine's load average over the last minute ("?" where /proc is not there): shared machine, context. */
  public static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }

  public static double[] p50p95(List<Long> nanos) {
    List<Long> s = new ArrayList<>(nanos);
    Collections.sort(s);
    return new double[] {s.get(s.size() / 2) / 1e6, s.get((int) Math.ceil(s.size() * 0.95) - 1) / 1e6};
  }
}
