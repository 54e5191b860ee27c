package mil.usace.cwbi.migration.forecast;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import mil.usace.cwbi.migration.roadmap.RoadmapFacts;
import org.camunda.bpm.model.bpmn.Bpmn;

/**
 * The roadmap facts the forecast needs, in ONE place: which step an activity belongs to, whether it is a person's
 * roadmap work, the steps' names and count, and which earlier step a step can send the office back to. They come
 * from the roadmap's model (the extension properties, {@link RoadmapFacts}) as shipped: the forecast compares
 * offices step by step, so it reads the steps of the newest version, which keeps every id of the older one.
 */
public final class StepFacts {

  private static final String MODEL = "bpmn/cwbi-migration.bpmn";
  private static final RoadmapFacts FACTS = load();

  private StepFacts() {}

  private static RoadmapFacts load() {
    try (InputStream in = StepFacts.class.getClassLoader().getResourceAsStream(MODEL)) {
      if (in == null) {
        throw new IllegalStateException(MODEL + " is not on the classpath");
      }
      return RoadmapFacts.read(Bpmn.readModelFromStream(in), "cwbi-migration");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The roadmap step (1..{@link #count()}) of an activity id, or null (start, end, outside any step). */
  public static Integer stepOf(String activityId) {
    return activityId == null ? null : FACTS.step(activityId);
  }

  /**
   * A person's work on the step (a user task): a step counts as done by this application only when an office did
   * such work in it, so an office started part-way (issue 14) or a check of a phase it passed over adds no invented
   * durations to the portfolio.
   */
  public static boolean isWork(String activityId, String activityType) {
    // a fix task is not the step's work: an office started at Step 5 and held at the Phase 1 gate has not worked
    // in Step 3 (and the zero-length Step 4 it passed by must not become its own pace)
    return "userTask".equals(activityType) && stepOf(activityId) != null && !FACTS.isFixTask(activityId);
  }

  /** The ids of the user tasks that belong to a step: those {@link #isWork} can be true of. */
  public static java.util.Set<String> userTasks() {
    return FACTS.activityIds().stream().filter(id -> FACTS.isUserTask(id) && FACTS.step(id) != null)
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  /** A fix task of a check (it comes back with every failed re-check). */
  public static boolean isFixTask(String activityId) {
    return FACTS.isFixTask(activityId);
  }

  public static int count() {
    return FACTS.stepCount();
  }

  /** The roadmap's name of a step ("Test custom data processes in CWBI-DEV"). */
  public static String name(int step) {
    return FACTS.stepName(step);
  }

  /** Earlier steps an office in {@code step} may go through again: Step 6 returns to Step 5 (test again). */
  public static Set<Integer> reopenedBy(int step) {
    return step == 6 ? Set.of(5) : Set.of();
  }
}
