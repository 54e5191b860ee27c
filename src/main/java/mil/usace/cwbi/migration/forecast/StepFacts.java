package mil.usace.cwbi.migration.forecast;

import java.util.Set;
import mil.usace.cwbi.migration.dashboard.Steps;

/**
 * The roadmap facts the forecast needs, in ONE place: which step an activity belongs to, whether it is a person's
 * roadmap work, the steps' names and count, and which earlier step a step can send the office back to. Today they
 * come from {@link Steps}; when the model's {@code Roadmap} (issue 12) lands, only this class changes.
 */
public final class StepFacts {

  private StepFacts() {}

  /** The roadmap step (1..{@link #count()}) of an activity id, or null (start, end, outside any step). */
  public static Integer stepOf(String activityId) {
    return Steps.of(activityId);
  }

  /**
   * A person's work on the step (a user task): a step counts as done by this application only when an office did
   * such work in it, so an office started part-way (issue 14) or a check of a phase it passed over adds no invented
   * durations to the portfolio.
   */
  public static boolean isWork(String activityId, String activityType) {
    return "userTask".equals(activityType) && stepOf(activityId) != null;
  }

  public static int count() {
    return Steps.COUNT;
  }

  /** The roadmap's name of a step ("Test custom data processes in CWBI-DEV"). */
  public static String name(int step) {
    return Steps.name(step);
  }

  /** Earlier steps an office in {@code step} may go through again: Step 6 returns to Step 5 (test again). */
  public static Set<Integer> reopenedBy(int step) {
    return step == 6 ? Set.of(5) : Set.of();
  }
}
