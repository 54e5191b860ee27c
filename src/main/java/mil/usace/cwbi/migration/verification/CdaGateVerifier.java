package mil.usace.cwbi.migration.verification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mil.usace.cwbi.migration.cda.CdaClient;
import mil.usace.cwbi.migration.cda.CdaClientFactory;
import mil.usace.cwbi.migration.cda.CdaException;
import mil.usace.cwbi.migration.cda.CdaProperties;
import mil.usace.cwbi.migration.cda.GroupMember;
import mil.usace.cwbi.migration.verification.checks.CatalogScan;
import mil.usace.cwbi.migration.verification.checks.Freshness;
import mil.usace.cwbi.migration.verification.checks.HistoryCoverageCheck;
import mil.usace.cwbi.migration.verification.checks.OfficeCheck;
import mil.usace.cwbi.migration.verification.checks.ParityCheck;
import mil.usace.cwbi.migration.verification.checks.SeriesChecks;
import mil.usace.cwbi.migration.verification.checks.SeriesExtent;
import mil.usace.cwbi.migration.verification.checks.ServiceCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The gates' checks against the CDA of each environment:
 * <ul>
 *   <li>T7 (after Step 1), CWBI-TEST (during Step 5): service, office, critical series present and fresh,
 *       acquisition groups;</li>
 *   <li>CWBI-DEV (after Step 2) and CWBI-PROD (after Step 7): the same, plus parity of time series ids and
 *       locations with T7;</li>
 *   <li>HISTORY (after Step 8): CWBI-PROD's critical series reach back as far as T7's, and are fresh.</li>
 * </ul>
 * Fails closed: each CDA answer that fails a check is a failed line naming the request and the reason. A CDA that
 * does not answer (refused, time-out, 429, 502/503/504) throws {@link mil.usace.cwbi.migration.cda.CdaUnreachableException}
 * and a bug of ours its own exception: both are the job's to retry ({@link VerificationDelegate}).
 */
@Component
public class CdaGateVerifier implements GateVerifier {

  private static final Logger log = LoggerFactory.getLogger(CdaGateVerifier.class);

  static final String NOT_RUN = "not run: the service or office check failed";

  private final CdaClientFactory clients;
  private final CdaProperties properties;
  private final Freshness freshness;
  private final CatalogScan scan;
  private final Clock clock;

  @Autowired
  public CdaGateVerifier(CdaClientFactory clients) {
    this(clients, Clock.systemUTC());
  }

  public CdaGateVerifier(CdaClientFactory clients, Clock clock) {
    this.clients = clients;
    this.properties = clients.properties();
    this.freshness = new Freshness(properties.getFreshness());
    this.scan = new CatalogScan(properties);
    this.clock = clock;
  }

  @Override
  public VerificationReport verify(Environment environment, MigrationSubject subject) {
    List<CheckResult> checks = new ArrayList<>();
    // No catch-all: a CDA answer that fails a check is a failed line; a CDA that may come back
    // (CdaUnreachableException) and a bug of ours leave here, so the job retries and, for a bug, ends in an incident.
    switch (environment) {
      case T7 -> environmentChecks(Environment.T7, subject, false, checks);
      case CWBI_DEV -> environmentChecks(Environment.CWBI_DEV, subject, true, checks);
      case CWBI_TEST -> environmentChecks(Environment.CWBI_TEST, subject, false, checks);
      case CWBI_PROD -> environmentChecks(Environment.CWBI_PROD, subject, true, checks);
      case HISTORY -> historyChecks(subject, checks);
    }
    VerificationReport report = fitted(new VerificationReport(environment, subject.office(), clock.instant(), checks));
    log.info("verified {} for {}: {} ({} checks, {} failed)", environment.label(), subject.office(),
        report.passed() ? "passed" : "FAILED", checks.size(), report.failures().size());
    return report;
  }

  /**
   * The stored report is a String variable: Camunda keeps it in a VARCHAR(4000) column (H2, PostgreSQL; Oracle counts
   * bytes), and a longer value fails the job with "value too long". Longest evidence is shortened in the middle
   * (the counts are at its start, "first 50 of N" at its end) until the JSON fits; the full text goes to the log.
   */
  static VerificationReport fitted(VerificationReport report) {
    List<CheckResult> checks = new ArrayList<>(report.checks());
    int excess = report.toJson().length() - MAX_REPORT_CHARS;
    for (int round = 0; excess > 0 && round < 20; round++) {
      int longest = 0;
      for (int i = 1; i < checks.size(); i++) {
        if (checks.get(i).evidence().length() > checks.get(longest).evidence().length()) {
          longest = i;
        }
      }
      CheckResult c = checks.get(longest);
      String text = c.evidence();
      int keep = Math.max(240, text.length() - excess - CUT_MARK.length() - 16);
      if (keep >= text.length()) {
        break;
      }
      log.info("{} for {}, full evidence of '{}': {}", report.environment().label(), report.office(), c.check(), text);
      int head = keep - 80;
      String shorter = text.substring(0, head) + CUT_MARK + text.substring(text.length() - 80);
      checks.set(longest, new CheckResult(c.check(), c.passed(), shorter));
      report = new VerificationReport(report.environment(), report.office(), report.time(), checks);
      excess = report.toJson().length() - MAX_REPORT_CHARS;
    }
    return report;
  }

  /** Below Camunda's 4000-character String variable limit, leaving room for multi-byte characters' escapes. */
  static final int MAX_REPORT_CHARS = 3800;

  static final String CUT_MARK = " [...shortened to fit the process variable; full list in the application log...] ";

  /** A client for an environment, or a failed "configuration" line when it has no usable URL. */
  private CdaClient client(Environment env, MigrationSubject subject, List<CheckResult> checks) {
    String url = switch (env) {
      case T7 -> subject.t7CdaUrl();
      case CWBI_DEV -> configured("cwbi-dev");
      case CWBI_TEST -> configured("cwbi-test");
      case CWBI_PROD, HISTORY -> configured("cwbi-prod");
    };
    try {
      return env == Environment.T7 ? clients.t7(url, subject.office()) : clients.cwbi(url);
    } catch (IllegalArgumentException e) {
      String where = env == Environment.T7 ? "the migration's t7CdaUrl"
          : "cwbi.cda.environments." + env.name().toLowerCase().replace('_', '-') + ".base-url";
      checks.add(CheckResult.fail("configuration (" + env.label() + ")", where + ": " + e.getMessage()));
      return null;
    }
  }

  private String configured(String key) {
    CdaProperties.EnvironmentConfig c = properties.getEnvironments().get(key);
    return c == null ? null : c.getBaseUrl();
  }

  private boolean reachable(String label, CdaClient client, String office, List<CheckResult> checks) {
    CheckResult service = ServiceCheck.run(label, client);
    checks.add(service);
    if (!service.passed()) {
      return false;
    }
    CheckResult known = OfficeCheck.run(label, client, office);
    checks.add(known);
    return known.passed();
  }

  private void environmentChecks(Environment env, MigrationSubject subject, boolean parity, List<CheckResult> checks) {
    String label = env.label();
    String office = subject.office();
    CdaClient target = client(env, subject, checks);
    if (target == null) {
      return;
    }
    if (!reachable(label, target, office, checks)) {
      checks.add(CheckResult.fail("data checks (" + label + ")", NOT_RUN));
      return;
    }
    Instant now = clock.instant();

    // what to watch: the critical series and the acquisition groups' members of this office
    Set<String> critical = criticalSeries(label, target, subject, checks);
    Map<String, List<String>> groups = acquisitionGroups(label, target, subject, checks);
    Set<String> watched = new LinkedHashSet<>(critical == null ? Set.of() : critical);
    groups.values().forEach(watched::addAll);

    Map<String, SeriesExtent> found;
    String scanned;
    Set<String> missingTs = null;
    int sourceTsCount = 0;
    long[] targetTsCount = {0};
    String sourceProblem = null;
    Set<String> targetLocationsWithSeries = new HashSet<>();
    if (parity) {
      CdaClient t7 = client(Environment.T7, subject, checks);
      Set<String> sourceIds = null;
      if (t7 != null) {
        try {
          sourceIds = scan.allIds(t7, CatalogScan.TIMESERIES, office);
          sourceTsCount = sourceIds.size();
        } catch (CdaException e) {
          sourceProblem = "T7's catalog could not be read: " + e.getMessage();
        }
      } else {
        sourceProblem = "T7 has no usable CDA URL";
      }
      Set<String> remaining = sourceIds == null ? new HashSet<>() : sourceIds;
      int before = requests(target);
      try {
        found = scan.watched(target, office, watched, e -> {
          remaining.remove(CatalogScan.key(e.name()));
          targetLocationsWithSeries.add(CatalogScan.locationOf(e.name()));
          targetTsCount[0]++;
        });
      } catch (CdaException e) {
        dataUnreadable(label, critical, groups, e, checks);
        checks.add(CheckResult.fail(ParityCheck.name("time series ids", "T7", label), e.getMessage()));
        return;
      }
      scanned = "catalog of " + targetTsCount[0] + " series read in " + (requests(target) - before) + " requests";
      missingTs = remaining;
    } else {
      int before = requests(target);
      try {
        found = scan.watched(target, office, watched, null);
      } catch (CdaException e) {
        dataUnreadable(label, critical, groups, e, checks);
        return;
      }
      scanned = "read in " + (requests(target) - before) + " catalog requests";
    }

    if (critical != null) {
      checks.add(SeriesChecks.present(label, critical, found, scanned));
      checks.add(SeriesChecks.fresh(label, critical, found, freshness, now));
    }
    groups.forEach((group, members) -> checks.add(
        SeriesChecks.group(group + " (" + label + ")", office, members, found, freshness, now)));

    if (parity) {
      if (sourceProblem != null) {
        checks.add(CheckResult.fail(ParityCheck.name("time series ids", "T7", label), sourceProblem));
      } else {
        checks.add(ParityCheck.result("time series ids", "T7", label, sourceTsCount, missingTs, targetTsCount[0]));
      }
      checks.add(locationParity(label, subject, target, targetLocationsWithSeries));
    }
  }

  private static int requests(CdaClient c) {
    return c.requestCount();
  }

  private void dataUnreadable(String label, Set<String> critical, Map<String, List<String>> groups, CdaException e,
      List<CheckResult> checks) {
    String why = "the catalog could not be read: " + e.getMessage();
    if (critical != null) {
      checks.add(CheckResult.fail(SeriesChecks.PRESENT + " (" + label + ")", why));
      checks.add(CheckResult.fail(SeriesChecks.FRESH + " (" + label + ")", why));
    }
    groups.keySet().forEach(g -> checks.add(CheckResult.fail(g + " (" + label + ")", why)));
  }

  /**
   * Every location of T7 is in the target. A location that carries a time series in the target's catalog (walked
   * already) is there; the target's location catalog is read only when some T7 location is not among those
   * (issue 13: one request fewer per parity gate when everything is migrated).
   */
  private CheckResult locationParity(String label, MigrationSubject subject, CdaClient target,
      Set<String> targetLocationsWithSeries) {
    String name = ParityCheck.name("locations", "T7", label);
    CdaClient t7;
    try {
      t7 = clients.t7(subject.t7CdaUrl(), subject.office());
    } catch (IllegalArgumentException e) {
      return CheckResult.fail(name, "the migration's t7CdaUrl: " + e.getMessage());
    }
    try {
      Set<String> remaining = scan.allIds(t7, CatalogScan.LOCATIONS, subject.office());
      int sourceCount = remaining.size();
      if (sourceCount > 0 && targetLocationsWithSeries.containsAll(remaining)) {
        return ParityCheck.result("locations", "T7", label, sourceCount, Set.of(),
            targetLocationsWithSeries.size());
      }
      long[] targetCount = {0};
      target.catalog(CatalogScan.LOCATIONS, subject.office(), null, false, e -> {
        remaining.remove(CatalogScan.key(e.name()));
        targetCount[0]++;
      });
      return ParityCheck.result("locations", "T7", label, sourceCount, remaining, targetCount[0]);
    } catch (CdaException e) {
      return CheckResult.fail(name, e.getMessage());
    }
  }

  /**
   * The critical ids: the migration's list, else the members of its {@code tsGroup} (written {@code group} or
   * {@code category/group}) in this environment. Null (with a failed line) when the group cannot be read.
   */
  private Set<String> criticalSeries(String label, CdaClient client, MigrationSubject subject,
      List<CheckResult> checks) {
    Set<String> ids = new LinkedHashSet<>(subject.criticalTimeSeries());
    if (!ids.isEmpty() || subject.tsGroup() == null || subject.tsGroup().isBlank()) {
      return ids;
    }
    String group = subject.tsGroup().strip();
    String category = properties.getGroups().getCriticalCategory();
    int slash = group.indexOf('/');
    if (slash > 0) {
      category = group.substring(0, slash);
      group = group.substring(slash + 1);
    }
    try {
      for (GroupMember m : client.groupMembers(group, category, subject.office(), subject.office())) {
        if (subject.office().equalsIgnoreCase(m.officeId()) && m.timeseriesId() != null) {
          ids.add(m.timeseriesId());
        }
      }
      return ids;
    } catch (CdaException e) {
      checks.add(CheckResult.fail(SeriesChecks.PRESENT + " (" + label + ")",
          "the critical series group " + category + "/" + group + " could not be read: " + e.getMessage()));
      return null;
    }
  }

  /** The office's members of the USGS (when used) and SHEF acquisition groups; a group not read is a failed line. */
  private Map<String, List<String>> acquisitionGroups(String label, CdaClient client, MigrationSubject subject,
      List<CheckResult> checks) {
    CdaProperties.Groups g = properties.getGroups();
    List<String> names = new ArrayList<>();
    if (subject.usesUsgsData()) {
      names.add(g.getUsgs());
    }
    if (g.isCheckShef()) {
      names.add(g.getShef());
    }
    Map<String, List<String>> members = new java.util.LinkedHashMap<>();
    for (String name : names) {
      try {
        members.put(name, client.groupMembers(name, g.getAcquisitionCategory(), g.getOwner(), subject.office())
            .stream()
            .filter(m -> subject.office().equalsIgnoreCase(m.officeId()) && m.timeseriesId() != null)
            .map(GroupMember::timeseriesId)
            .toList());
      } catch (CdaException e) {
        checks.add(CheckResult.fail(name + " (" + label + ")", "the group could not be read: " + e.getMessage()));
      }
    }
    return members;
  }

  private void historyChecks(MigrationSubject subject, List<CheckResult> checks) {
    String office = subject.office();
    CdaClient prod = client(Environment.CWBI_PROD, subject, checks);
    CdaClient t7 = client(Environment.T7, subject, checks);
    if (prod == null || t7 == null) {
      return;
    }
    boolean prodUp = reachable(Environment.CWBI_PROD.label(), prod, office, checks);
    CheckResult t7Up = ServiceCheck.run(Environment.T7.label(), t7);
    checks.add(t7Up);
    if (!prodUp || !t7Up.passed()) {
      checks.add(CheckResult.fail(HistoryCoverageCheck.NAME, NOT_RUN));
      return;
    }
    Set<String> critical = criticalSeries(Environment.CWBI_PROD.label(), prod, subject, checks);
    if (critical == null) {
      return;
    }
    Map<String, SeriesExtent> onT7;
    Map<String, SeriesExtent> onProd;
    try {
      onT7 = scan.watched(t7, office, critical, null);
    } catch (CdaException e) {
      checks.add(CheckResult.fail(HistoryCoverageCheck.NAME, "T7's catalog could not be read: " + e.getMessage()));
      return;
    }
    try {
      onProd = scan.watched(prod, office, critical, null);
    } catch (CdaException e) {
      checks.add(CheckResult.fail(HistoryCoverageCheck.NAME, "CWBI-PROD's catalog could not be read: "
          + e.getMessage()));
      return;
    }
    Instant now = clock.instant();
    checks.add(HistoryCoverageCheck.run(critical, onT7, onProd, properties.getHistoryTolerance(),
        properties.getHistoryMinimum(), now));
    checks.add(SeriesChecks.fresh(Environment.CWBI_PROD.label(), critical, onProd, freshness, now));
  }
}
