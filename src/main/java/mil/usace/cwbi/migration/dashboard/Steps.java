package mil.usace.cwbi.migration.dashboard;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which roadmap step (1-9) an activity of the migration belongs to, from its id alone: user tasks are named
 * {@code task_<step>_...}; fix tasks, checks, gates and timers are listed. Steps 1-3 are Phase 1, 4-6 Phase 2,
 * 7-9 Phase 3.
 */
public final class Steps {

  public static final int COUNT = 9;

  private static final Pattern TASK = Pattern.compile("task_(\\d)_.*");
  private static final Pattern STEP_GATEWAY = Pattern.compile("(?:split|join)_step_(\\d)");

  private static final Map<String, Integer> LISTED = Map.ofEntries(
      Map.entry("task_fix_t7_findings", 1),
      Map.entry("recommend_script_targets", 1),
      Map.entry("gw_scripts_done", 1),
      Map.entry("verify_t7", 1),
      Map.entry("gw_t7_passed", 1),
      Map.entry("timer_recheck_fix_t7", 1),
      Map.entry("verify_cwbi_dev", 3),
      Map.entry("gate_phase_1", 3),
      Map.entry("task_fix_phase_1_findings", 3),
      Map.entry("timer_recheck_fix_phase_1", 3),
      Map.entry("verify_cwbi_test", 5),
      Map.entry("timer_recheck_cwbi_test", 5),
      Map.entry("gw_test_period_over", 5),
      Map.entry("gate_phase_2", 6),
      Map.entry("verify_cwbi_prod", 7),
      Map.entry("gw_cwbi_prod_passed", 7),
      Map.entry("timer_recheck_7_fix_prod", 7),
      Map.entry("verify_history", 8),
      Map.entry("gate_phase_3", 8),
      Map.entry("timer_recheck_8_fix_history", 8),
      // issue 13: a completed fix task waits here for its check (process.RecheckPolicy)
      Map.entry("wait_verify_t7", 1),
      Map.entry("wait_verify_cwbi_dev", 3),
      Map.entry("wait_verify_cwbi_prod", 7),
      Map.entry("wait_verify_history", 8));

  /** The names HEC reads on the dashboard (roadmap.txt). */
  private static final String[] NAMES = {
      "Convert/test all data processes on T7",
      "Test custom data processes in CWBI-DEV",
      "Test modeling operations (CAVI/CWMS-Vue)",
      "Migrate all processes to CWBI-TEST",
      "Fully test in CWBI-TEST",
      "Fix issues found in Step 5",
      "Migrate to CWBI-PROD and verify",
      "Goldengate off, migrate historical data",
      "Decommission T7"};

  private static final String[] PHASES = {
      "Phase 1: Pre-Migration (CWBI-DEV)", "Phase 2: Migration/Testing (CWBI-TEST)",
      "Phase 3: Complete Migration (CWBI-PROD)"};

  private Steps() {}

  /** The step of an activity, or null for those outside any step (start, end). */
  public static Integer of(String activityId) {
    if (activityId == null) {
      return null;
    }
    Integer listed = LISTED.get(activityId);
    if (listed != null) {
      return listed;
    }
    Matcher m = TASK.matcher(activityId);
    if (m.matches()) {
      return Integer.valueOf(m.group(1));
    }
    m = STEP_GATEWAY.matcher(activityId);
    return m.matches() ? Integer.valueOf(m.group(1)) : null;
  }

  public static int phase(int step) {
    return (step - 1) / 3 + 1;
  }

  public static String phaseName(int phase) {
    return PHASES[phase - 1];
  }

  public static String name(int step) {
    return NAMES[step - 1];
  }

  /** A failed check's fix task: its open presence means the office is held at a gate. */
  public static boolean isFixTask(String taskKey) {
    return taskKey != null && (taskKey.startsWith("task_fix_") || taskKey.equals("task_6_fix_issues")
        || taskKey.endsWith("_fix_prod_findings") || taskKey.endsWith("_fix_history_findings"));
  }

  /** The gate a fix task holds the office at, in words. */
  public static String gateOf(String fixTaskKey) {
    return switch (fixTaskKey) {
      case "task_fix_t7_findings" -> "T7 check (Step 1)";
      case "task_fix_phase_1_findings" -> "Phase 1 gate (CWBI-DEV check)";
      case "task_6_fix_issues" -> "Phase 2 gate (Step 5 results)";
      case "task_7_fix_prod_findings" -> "CWBI-PROD check (Step 7)";
      case "task_8_fix_history_findings" -> "Phase 3 gate (history check)";
      default -> fixTaskKey;
    };
  }
}
