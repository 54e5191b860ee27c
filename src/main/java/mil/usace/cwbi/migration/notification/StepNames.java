package mil.usace.cwbi.migration.notification;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The roadmap's phase and step of a task, from its definition key (design contract: task_<step>_...). */
public final class StepNames {

  private static final Pattern STEP = Pattern.compile("^task_(\\d)_.*");

  private StepNames() {}

  public static int step(String taskKey) {
    if (taskKey == null) {
      return 0;
    }
    Matcher m = STEP.matcher(taskKey);
    if (m.matches()) {
      return Integer.parseInt(m.group(1));
    }
    return switch (taskKey) {
      case "task_fix_t7_findings" -> 1;
      case "task_fix_phase_1_findings" -> 3;
      default -> 0;
    };
  }

  public static String phase(String taskKey) {
    int step = step(taskKey);
    if (step >= 1 && step <= 3) {
      return "Phase 1: Pre-Migration (CWBI-DEV)";
    }
    if (step >= 4 && step <= 6) {
      return "Phase 2: Migration/Testing (CWBI-TEST)";
    }
    if (step >= 7) {
      return "Phase 3: Complete Migration (CWBI-PROD)";
    }
    return "Migration";
  }

  /** "Phase 2: Migration/Testing (CWBI-TEST), Step 4", with the gate named for fix tasks. */
  public static String phaseAndStep(String taskKey) {
    String where = phase(taskKey) + ", Step " + step(taskKey);
    return switch (taskKey == null ? "" : taskKey) {
      case "task_fix_t7_findings" -> where + " (T7 check)";
      case "task_fix_phase_1_findings" -> where + " (Phase 1 gate: CWBI-DEV check)";
      case "task_6_fix_issues" -> where + " (Phase 2 gate: CWBI-TEST check)";
      case "task_7_fix_prod_findings" -> where + " (CWBI-PROD check)";
      case "task_8_fix_history_findings" -> where + " (Phase 3 gate: history check)";
      default -> where;
    };
  }
}
