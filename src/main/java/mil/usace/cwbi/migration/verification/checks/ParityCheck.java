package mil.usace.cwbi.migration.verification.checks;

import java.util.Set;
import mil.usace.cwbi.migration.verification.CheckResult;

/** Inventory parity: every id the source has, the target has too. */
public final class ParityCheck {

  private ParityCheck() {}

  public static String name(String what, String source, String target) {
    return "parity of " + what + " (" + source + " -> " + target + ")";
  }

  /**
   * @param sourceCount ids the source has
   * @param missing the source's ids the target lacks (what was left after the target walk)
   */
  public static CheckResult result(String what, String source, String target, int sourceCount, Set<String> missing,
      long targetCount) {
    String name = name(what, source, target);
    if (sourceCount == 0) {
      return CheckResult.fail(name, source + " lists no " + what + ": nothing to compare (an empty catalog is not "
          + "evidence)");
    }
    if (!missing.isEmpty()) {
      return CheckResult.fail(name, target + " lacks " + missing.size() + " of " + sourceCount + " " + what + " of "
          + source + ": " + Evidence.list(missing));
    }
    return CheckResult.pass(name, "all " + sourceCount + " " + what + " of " + source + " are in " + target
        + " (" + targetCount + " there)");
  }
}
