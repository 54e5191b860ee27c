package mil.usace.cwbi.migration.verification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A check report for people: what failed, the evidence, and what to do, per failed check; the passing checks only
 * counted. Built from the typed {@link VerificationReport}; {@link FindingsRenderer} turns it into text, HTML or
 * the fix task's markdown, and the audit trail's JSON carries it as is.
 *
 * @param environment the environment's label ("CWBI-DEV"), or null when the report did not say
 * @param failed one entry per failed check, in the order the checks ran
 * @param passedChecks the names of the checks that passed
 */
public record Findings(String environment, String office, Instant time, boolean passed, List<Finding> failed,
    List<String> passedChecks) {

  /**
   * One failed check.
   *
   * @param check the check's name ("critical series fresh (CWBI-DEV)")
   * @param what what failed, in a sentence
   * @param evidence what the check saw (counts, ids, times made readable)
   * @param todo what to do about it, in the roadmap's words
   */
  public record Finding(String check, String what, String evidence, String todo) {}

  public Findings {
    failed = List.copyOf(failed);
    passedChecks = List.copyOf(passedChecks);
  }

  /** The findings of a report; null for no report. */
  public static Findings of(VerificationReport report) {
    if (report == null) {
      return null;
    }
    String env = report.environment() == null ? null : report.environment().label();
    List<Finding> failed = new ArrayList<>();
    List<String> passed = new ArrayList<>();
    for (CheckResult c : report.checks()) {
      if (c.passed()) {
        passed.add(c.check());
        continue;
      }
      CheckKind kind = CheckKind.of(c);
      String where = CheckKind.where(c.check(), env);
      failed.add(new Finding(c.check(), kind.headline(c.check(), where, report.office()),
          Readable.evidence(c.evidence()), kind.remedy(where, report.office())));
    }
    return new Findings(env, report.office(), report.time(), report.passed(), failed, passed);
  }

  /** The findings of a stored report (JSON); null for none. */
  public static Findings ofJson(String storedReport) {
    return of(VerificationReport.fromJson(storedReport));
  }

  /** The findings of a report as a variable holds it ({@link VerificationReport#read(Object)}); null for none. */
  public static Findings ofStored(Object storedReport) {
    return of(VerificationReport.read(storedReport));
  }

  /** "2 of 9 checks failed" / "all 9 checks passed". */
  public String verdict() {
    int total = failed.size() + passedChecks.size();
    if (passed) {
      return "All " + total + (total == 1 ? " check" : " checks") + " passed";
    }
    if (failed.isEmpty()) {
      return "Failed: the check reported nothing to verify";
    }
    return failed.size() + " of " + total + (total == 1 ? " check" : " checks") + " failed";
  }

  /** "7 other checks passed", or null when none passed. */
  public String othersPassed() {
    if (passedChecks.isEmpty() || passed) {
      return null;
    }
    return passedChecks.size() + (passedChecks.size() == 1 ? " other check passed" : " other checks passed");
  }

  /** "CWBI-DEV check of SWT, 25 Nov 2026 06:28 UTC". */
  public String title() {
    StringBuilder s = new StringBuilder(environment == null ? "Automated check" : environment + " check");
    if (office != null) {
      s.append(" of ").append(office);
    }
    if (time != null) {
      s.append(", ").append(Readable.time(time));
    }
    return s.toString();
  }
}
