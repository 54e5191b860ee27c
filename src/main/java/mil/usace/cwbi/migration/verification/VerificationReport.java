package mil.usace.cwbi.migration.verification;

import java.time.Instant;
import java.util.List;

/**
 * The result of verifying one environment, stored on the process instance as JSON in
 * {@code verification_<env>}. It passes only when there is at least one check and every check passed:
 * an empty report fails closed.
 */
public record VerificationReport(Environment environment, String office, Instant time, List<CheckResult> checks) {

  public VerificationReport {
    checks = checks == null ? List.of() : List.copyOf(checks);
  }

  public boolean passed() {
    return !checks.isEmpty() && checks.stream().allMatch(CheckResult::passed);
  }

  public List<CheckResult> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }
}
