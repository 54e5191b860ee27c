package mil.usace.cwbi.migration.verification;

import java.util.Locale;

/**
 * The places a district's data must be verified in. {@link #HISTORY} is not a server of its own:
 * it is the history-coverage check of CWBI-PROD against T7 after Step 8.
 */
public enum Environment {
  T7("T7"),
  CWBI_DEV("CWBI-DEV"),
  CWBI_TEST("CWBI-TEST"),
  CWBI_PROD("CWBI-PROD"),
  HISTORY("CWBI-PROD history");

  private final String label;

  Environment(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The environment a label names ({@code CWBI-DEV}), or its enum name ({@code CWBI_DEV}); null when none. */
  public static Environment ofLabel(String label) {
    for (Environment e : values()) {
      if (e.label.equalsIgnoreCase(String.valueOf(label)) || e.name().equalsIgnoreCase(String.valueOf(label))) {
        return e;
      }
    }
    return null;
  }

  /** Prefix of every check's process variables ({@code verification_<env>}, {@code verification_<env>_passed}). */
  public static final String VARIABLE_PREFIX = "verification_";

  /** Suffix of the process variables {@code verification_<env>} and {@code verification_<env>_passed}. */
  public String variableSuffix() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The variable holding this environment's stored {@link VerificationReport} (JSON). */
  public String resultVariable() {
    return VARIABLE_PREFIX + variableSuffix();
  }

  /** The variable holding its verdict, which the gates read. */
  public String passedVariable() {
    return VARIABLE_PREFIX + variableSuffix() + "_passed";
  }

  /** The environment whose report a variable holds ({@code verification_cwbi_dev}); null for any other name. */
  public static Environment ofResultVariable(String name) {
    for (Environment e : values()) {
      if (e.resultVariable().equals(name)) {
        return e;
      }
    }
    return null;
  }

  /** Whether a variable belongs to the checks (a report, a verdict, or one a later check adds): the process owns it. */
  public static boolean isCheckVariable(String name) {
    return name != null && name.startsWith(VARIABLE_PREFIX);
  }
}
