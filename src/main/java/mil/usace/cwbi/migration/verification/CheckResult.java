package mil.usace.cwbi.migration.verification;

/**
 * One line of a verification: which check, whether it passed, and its evidence in words
 * (counts, newest times, what is missing or stale, the request that failed and CDA's incident id).
 */
public record CheckResult(String check, boolean passed, String evidence) {

  public static CheckResult pass(String check, String evidence) {
    return new CheckResult(check, true, evidence);
  }

  public static CheckResult fail(String check, String evidence) {
    return new CheckResult(check, false, evidence);
  }
}
