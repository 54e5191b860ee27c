package mil.usace.cwbi.migration.forecast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How long one office's migration has spent in each roadmap step, from its activity history. At every moment the
 * office is in the earliest step that has something going on (a task, a check, a timer): the same rule as the
 * dashboard's current step, so the parallel parts of a step and HEC's and the District's work beside each other are
 * counted once, and the Step 6 to Step 5 loop adds to both steps. A moment with nothing going on (a check waiting for
 * its job) belongs to the step that comes next.
 */
public final class StepTimeline {

  /** One activity of the history: a step's work or check, from start to end (null while it runs). */
  public record Activity(String activityId, String activityType, Instant start, Instant end) {}

  private final long[] elapsedMs;
  private final Set<Integer> worked;
  private final Integer current;
  private final boolean finished;

  private StepTimeline(long[] elapsedMs, Set<Integer> worked, Integer current, boolean finished) {
    this.elapsedMs = elapsedMs;
    this.worked = worked;
    this.current = current;
    this.finished = finished;
  }

  /**
   * @param activities the migration's activity instances (any order; those outside a step are ignored)
   * @param now the engine's clock: the end of what still runs
   * @param ended when the migration finished, or null while it runs
   */
  public static StepTimeline of(List<Activity> activities, Instant now, Instant ended) {
    int count = StepFacts.count();
    long[] elapsed = new long[count + 1];
    Set<Integer> worked = new TreeSet<>();
    record Event(long time, int step, int delta) {}
    List<Event> events = new ArrayList<>();
    Instant until = ended != null ? ended : now;
    for (Activity a : activities) {
      Integer step = StepFacts.stepOf(a.activityId());
      if (step == null || a.start() == null) {
        continue;
      }
      if (StepFacts.isWork(a.activityId(), a.activityType())) {
        worked.add(step);
      }
      long start = a.start().toEpochMilli();
      long end = Math.max(start, (a.end() != null ? a.end() : until).toEpochMilli());
      events.add(new Event(start, step, +1));
      events.add(new Event(end, step, -1));
    }
    // at one instant, starts before ends: an activity that ends as the next begins leaves no gap
    events.sort(Comparator.comparingLong(Event::time).thenComparing(e -> -e.delta()));
    int[] active = new int[count + 1];
    int lastEnded = 0;
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      active[e.step()] += e.delta();
      if (e.delta() < 0) {
        lastEnded = e.step();
      }
      long next = i + 1 < events.size() ? events.get(i + 1).time() : e.time();
      if (next > e.time()) {
        int step = lowest(active);
        if (step == 0) {
          // nothing going on: the moment belongs to what starts next (the earliest step starting then)
          step = count;
          for (int j = i + 1; j < events.size() && events.get(j).time() == next; j++) {
            if (events.get(j).delta() > 0) {
              step = Math.min(step, events.get(j).step());
            }
          }
        }
        elapsed[step] += next - e.time();
      }
    }
    Integer current = null;
    if (ended == null) {
      int step = lowest(active);
      if (step == 0 && !events.isEmpty()) {
        // something waits for a job after the last activity ended: the time since counts to that step
        step = lastEnded;
        long last = events.get(events.size() - 1).time();
        elapsed[step] += Math.max(0, now.toEpochMilli() - last);
      }
      current = step == 0 ? 1 : step;
    }
    return new StepTimeline(elapsed, worked, current, ended != null);
  }

  private static int lowest(int[] active) {
    for (int s = 1; s < active.length; s++) {
      if (active[s] > 0) {
        return s;
      }
    }
    return 0;
  }

  /** Time spent in the step so far (all its visits), in milliseconds. */
  public long elapsedMs(int step) {
    return elapsedMs[step];
  }

  /** The step the office is in now; null when the migration finished. */
  public Integer current() {
    return current;
  }

  public boolean finished() {
    return finished;
  }

  /**
   * The steps this office has finished in this application, from the first step where someone worked: a step
   * between two worked steps that the office passed without work (Step 6 when Step 5 passed) counts with the time
   * it took, usually none. Steps it may go through again (Step 5 while in Step 6) are not finished yet.
   */
  public Set<Integer> finishedSteps() {
    Set<Integer> done = new TreeSet<>();
    if (worked.isEmpty()) {
      return done;
    }
    int first = worked.iterator().next();
    int last = finished ? StepFacts.count() : current - 1;
    for (int s = first; s <= last; s++) {
      done.add(s);
    }
    if (!finished) {
      done.removeAll(StepFacts.reopenedBy(current));
    }
    return done;
  }

  /** Steps still ahead, the current one and any it may reopen included; empty when finished. */
  public Set<Integer> openSteps() {
    Set<Integer> open = new TreeSet<>();
    if (finished) {
      return open;
    }
    for (int s = current; s <= StepFacts.count(); s++) {
      open.add(s);
    }
    open.addAll(StepFacts.reopenedBy(current));
    return open;
  }
}
