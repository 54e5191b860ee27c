package mil.usace.cwbi.migration.verification;

import java.util.Locale;
import mil.usace.cwbi.migration.verification.checks.HistoryCoverageCheck;
import mil.usace.cwbi.migration.verification.checks.OfficeCheck;
import mil.usace.cwbi.migration.verification.checks.SeriesChecks;
import mil.usace.cwbi.migration.verification.checks.ServiceCheck;

/**
 * What a check looks at, told from its name, with what a failure means and what to do about it in the roadmap's
 * words. The one place that knows the remedy for each kind of check: the fix task, the mails and the audit trail
 * all read it through {@link Findings}.
 */
public enum CheckKind {
  CONFIGURATION,
  SERVICE,
  OFFICE,
  DATA_NOT_RUN,
  /** A data check that could not read CDA's answer (a CDA fault, not missing data). */
  UNREADABLE,
  CRITICAL_PRESENT,
  CRITICAL_FRESH,
  USGS_GROUP,
  SHEF_GROUP,
  PARITY_TIME_SERIES,
  PARITY_LOCATIONS,
  HISTORY_COVERAGE,
  VERIFICATION,
  OTHER;

  /**
   * The kind of a failed line: from its evidence when the check did not get to look at the data (not run, CDA's
   * answer unreadable), else from its name.
   */
  public static CheckKind of(CheckResult line) {
    String evidence = line.evidence() == null ? "" : line.evidence();
    CheckKind byName = of(line.check());
    if (byName == VERIFICATION) {
      return byName;
    }
    if (!line.passed() && evidence.startsWith("not run")) {
      return DATA_NOT_RUN;
    }
    if (!line.passed() && evidence.contains("could not be read")) {
      return UNREADABLE;
    }
    return byName;
  }

  /** The kind of a check from the name its check class gives it (e.g. "critical series fresh (CWBI-DEV)"). */
  public static CheckKind of(String checkName) {
    String n = checkName == null ? "" : checkName.toLowerCase(Locale.ROOT);
    if (n.startsWith("configuration")) {
      return CONFIGURATION;
    }
    if (n.startsWith(ServiceCheck.NAME.toLowerCase(Locale.ROOT))
        || n.startsWith(VerificationDelegate.REACHABLE.toLowerCase(Locale.ROOT))) {
      return SERVICE;
    }
    if (n.startsWith(OfficeCheck.NAME)) {
      return OFFICE;
    }
    if (n.startsWith("data checks")) {
      return DATA_NOT_RUN;
    }
    if (n.startsWith(SeriesChecks.PRESENT)) {
      return CRITICAL_PRESENT;
    }
    if (n.startsWith(SeriesChecks.FRESH)) {
      return CRITICAL_FRESH;
    }
    if (n.startsWith("parity of time series")) {
      return PARITY_TIME_SERIES;
    }
    if (n.startsWith("parity of locations")) {
      return PARITY_LOCATIONS;
    }
    if (n.startsWith(HistoryCoverageCheck.NAME.substring(0, 16).toLowerCase(Locale.ROOT))) {
      return HISTORY_COVERAGE;
    }
    if (n.contains("usgs")) {
      return USGS_GROUP;
    }
    if (n.contains("shef")) {
      return SHEF_GROUP;
    }
    if (n.startsWith("verification") || n.equals("report")) {
      return VERIFICATION;
    }
    return OTHER;
  }

  /**
   * The environment a check looked at: the label in its name's last parentheses (the target of a parity
   * "T7 -> CWBI-DEV"), else the report's.
   */
  public static String where(String checkName, String reportEnvironment) {
    if (checkName != null) {
      int open = checkName.lastIndexOf('(');
      int close = checkName.lastIndexOf(')');
      if (open >= 0 && close > open) {
        String inside = checkName.substring(open + 1, close);
        int arrow = inside.lastIndexOf("->");
        String label = (arrow >= 0 ? inside.substring(arrow + 2) : inside).strip();
        if (Environment.ofLabel(label) != null) {
          return label;
        }
      }
    }
    return reportEnvironment == null || reportEnvironment.isBlank() ? "the environment" : reportEnvironment;
  }

  /** What failed, in a few words: "Critical time series are not up to date in CWBI-DEV". */
  public String headline(String checkName, String env, String office) {
    String of = office == null ? "the office" : "office " + office;
    return switch (this) {
      case CONFIGURATION -> "The address of " + env + "'s CWMS Data API (CDA) is missing or unusable";
      case SERVICE -> env + "'s CWMS Data API (CDA) did not answer";
      case OFFICE -> env + "'s CDA does not know " + of;
      case DATA_NOT_RUN -> "The data checks on " + env + " could not run";
      case UNREADABLE -> env + "'s CDA could not be read for the check \"" + checkName + "\"";
      case CRITICAL_PRESENT -> "Critical time series are missing in " + env;
      case CRITICAL_FRESH -> "Critical time series are not up to date in " + env;
      case USGS_GROUP -> "USGS data (getUSGS, group " + group(checkName) + ") is missing or not up to date in " + env;
      case SHEF_GROUP -> "SHEF data (group " + group(checkName) + ") is missing or not up to date in " + env;
      case PARITY_TIME_SERIES -> "Time series ids of T7 are missing in " + env;
      case PARITY_LOCATIONS -> "Locations of T7 are missing in " + env;
      case HISTORY_COVERAGE -> "CWBI-PROD's history does not reach back as far as T7's";
      case VERIFICATION -> "The check itself could not complete";
      case OTHER -> "Check failed: " + checkName;
    };
  }

  /** What to do about a failure, in the roadmap's words, for the environment the check looked at. */
  public String remedy(String env, String office) {
    String of = office == null ? "the office" : "office " + office;
    boolean t7 = "T7".equals(env);
    boolean dev = "CWBI-DEV".equals(env);
    String migrateStep = "CWBI-PROD".equals(env) ? "Step 7" : "Step 4";
    return switch (this) {
      case CONFIGURATION -> t7
          ? "Check the T7 CDA URL given when the migration started; HEC can correct it."
          : "HEC: set the address of " + env + "'s CDA in the application's configuration "
              + "(cwbi.cda.environments.*.base-url).";
      case SERVICE -> t7
          ? "Check that CDA runs on the T7 server and answers at the T7 CDA URL given when the migration started."
          : env + "'s CDA is run by CWBI: tell HEC, quoting the evidence (and CDA's incident id if there is one). "
              + "The check re-runs on its own.";
      case OFFICE -> t7
          ? "Check the office id the migration was started with, and that T7's database holds " + of + "."
          : dev
              ? "Load the office's database objects into CWBI-DEV with cwms-cli (Task 2.1)."
              : "HEC: configure " + of + " in " + env + " (" + migrateStep + ").";
      case DATA_NOT_RUN -> "Fix the failures above first: the data checks run once CDA answers and knows the office.";
      case UNREADABLE -> SERVICE.remedy(env, office);
      case CRITICAL_PRESENT -> t7
          ? "Check the critical time series ids given at the start (exactly as in T7's catalog) or their group."
          : dev
              ? "Load the missing time series ids into CWBI-DEV with cwms-cli (Task 2.1), and check that the "
                  + "district's batch job / OpenDCS computation that writes them runs against CWBI-DEV."
              : "Check that the migrated CWMS-Batch scripts and OpenDCS configurations write them in " + env + " ("
                  + migrateStep + ").";
      case CRITICAL_FRESH -> t7
          ? "Check that the district's batch job / OpenDCS computation that writes them runs on T7."
          : "Check that the district's batch job / OpenDCS computation that writes them runs against " + env + ".";
      case USGS_GROUP -> t7
          ? "Check that the new getUSGS scripts in cwms-cli run for " + of + " on T7 (Task 1.2) and that the "
              + "group lists the office's series."
          : "Check that the office is configured for USGS data processes in " + env + " (" + migrateStep + ": "
              + "getUSGS in cwms-cli) and that the group lists the office's series.";
      case SHEF_GROUP -> "Check that the SHEF files are processed into " + env + " (critimport, Task 1.3; the python "
          + "shef-parser, Task 1.4) and that the group lists the office's series.";
      case PARITY_TIME_SERIES -> dev
          ? "Load them into CWBI-DEV with cwms-cli (Task 2.1), or retire them on T7 if they are no longer needed."
          : "Migrate them to " + env + " (" + migrateStep + ": CWMS-Batch scripts, OpenDCS configurations), or "
              + "retire them on T7 if they are no longer needed.";
      case PARITY_LOCATIONS -> dev
          ? "Load the locations into CWBI-DEV with cwms-cli (Task 2.1)."
          : "Load the locations into " + env + " (" + migrateStep + ").";
      case HISTORY_COVERAGE -> "Import the missing time series data into the CWBI-PROD database: at least the past "
          + "2 years, then all historical data (Step 8).";
      case VERIFICATION -> "A fault of the check, not of the district's data: HEC looks at the application log. "
          + "The check re-runs on its own.";
      case OTHER -> "See the evidence; the check runs again when this task is completed.";
    };
  }

  private static String group(String checkName) {
    int open = checkName.lastIndexOf(" (");
    return open > 0 ? checkName.substring(0, open) : checkName;
  }
}
