package mil.usace.cwbi.migration.notification.digest;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import mil.usace.cwbi.migration.dashboard.DashboardQueries;
import mil.usace.cwbi.migration.dashboard.DoneBeforeEntries;
import mil.usace.cwbi.migration.dashboard.OfficeRow;
import mil.usace.cwbi.migration.dashboard.RoadmapItems;
import mil.usace.cwbi.migration.notification.digest.WeeklyDigest.Finished;
import mil.usace.cwbi.migration.notification.digest.WeeklyDigest.Held;
import mil.usace.cwbi.migration.notification.digest.WeeklyDigest.Overdue;
import mil.usace.cwbi.migration.verification.Findings;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gathers the digest from what the dashboard already knows (held offices, overdue tasks: {@link DashboardQueries}),
 * the forecast ({@link AtRiskOffices}) and the activity history of the offices' current migrations (the steps
 * finished in the week).
 */
@Component
public class WeeklyDigestQueries {

  private final DashboardQueries dashboard;
  private final HistoryService history;
  private final RoadmapItems roadmap;
  private final ObjectProvider<AtRiskOffices> forecast;
  private final DoneBeforeEntries doneBefore;

  public WeeklyDigestQueries(DashboardQueries dashboard, HistoryService history, RoadmapItems roadmap,
      ObjectProvider<AtRiskOffices> forecast, DoneBeforeEntries doneBefore) {
    this.doneBefore = doneBefore;
    this.dashboard = dashboard;
    this.history = history;
    this.roadmap = roadmap;
    this.forecast = forecast;
  }

  public WeeklyDigest digest(ZonedDateTime slot) {
    List<OfficeRow> rows = dashboard.offices().stream().sorted(Comparator.comparing(OfficeRow::office)).toList();
    AtRiskOffices risks = forecast.getIfAvailable();
    return new WeeklyDigest(slot, risks == null ? null : risks.atRisk(), held(rows), overdue(rows),
        finished(rows, slot.minusWeeks(1).toInstant(), slot.toInstant()));
  }

  private List<Held> held(List<OfficeRow> rows) {
    List<Held> held = new ArrayList<>();
    for (OfficeRow r : rows) {
      if (r.blockedAt() == null) {
        continue;
      }
      Instant since = r.openTasks().stream().filter(t -> roadmap.isFixTask(t.key())).map(OfficeRow.OpenTask::created)
          .min(Comparator.naturalOrder()).orElse(null);
      // what the failing checks found, in the findings' words (verification.CheckKind's headlines)
      List<String> failing = new ArrayList<>();
      for (OfficeRow.CheckStatus c : r.checks().values()) {
        Findings f = c.findings();
        if (!c.passed() && f != null) {
          f.failed().forEach(x -> failing.add(c.environment() + ": " + x.what()));
        }
      }
      if (failing.isEmpty()) {
        failing.add("the results reported in Step 5 need fixing (the last automated check passed)");
      }
      held.add(new Held(r.office(), r.blockedAt(), roadmap.stepTitle(r.step()), since, failing));
    }
    return held;
  }

  private static List<Overdue> overdue(List<OfficeRow> rows) {
    List<Overdue> overdue = new ArrayList<>();
    for (OfficeRow r : rows) {
      for (OfficeRow.OpenTask t : r.openTasks()) {
        if (t.overdue()) {
          overdue.add(new Overdue(r.office(), t.id(), t.name(), t.lane(), t.assignee(), t.due()));
        }
      }
    }
    overdue.sort(Comparator.comparing(Overdue::due).thenComparing(Overdue::office));
    return overdue;
  }

  /**
   * Steps finished in [from, to): a step is finished when the office's work first moves past it, i.e. when a task
   * or check of a later step starts. Step 6 (fixing what Step 5 found) loops back to Step 5: both count as
   * finished when Phase 3 begins; Step 6 only if the office went through it. The last step is finished when the
   * migration ends.
   */
  List<Finished> finished(List<OfficeRow> rows, Instant from, Instant to) {
    Map<String, String> officeOf = new HashMap<>();
    for (OfficeRow r : rows) {
      if (r.processInstanceId() != null) {
        officeOf.put(r.processInstanceId(), r.office());
      }
    }
    List<Finished> finished = new ArrayList<>();
    if (officeOf.isEmpty()) {
      return finished;
    }
    List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
        .processInstanceIds(officeOf.keySet()).list();
    Set<String> definitions = instances.stream().map(HistoricProcessInstance::getProcessDefinitionId)
        .collect(Collectors.toSet());
    Set<String> endedInstances = instances.stream().filter(p -> p.getEndTime() != null)
        .map(HistoricProcessInstance::getId).collect(Collectors.toSet());
    // the top-level activities only (issue 13): a step's sub-process starts with its first task and ends with its
    // last (a check's with its last re-check), so it gives the same finish, without the year of re-checks
    Map<String, List<HistoricActivityInstance>> byInstance = new HashMap<>();
    dashboard.topLevelActivities(officeOf.keySet(), definitions).forEach((pi, acts) -> {
      for (HistoricActivityInstance a : acts) {
        if (officeOf.containsKey(pi) && isWork(a)) {
          byInstance.computeIfAbsent(pi, k -> new ArrayList<>()).add(a);
        }
      }
    });
    Map<String, Integer> startSteps = doneBefore.startSteps(officeOf.keySet());
    byInstance.forEach((pi, acts) -> {
      String office = officeOf.get(pi);
      int startStep = startSteps.getOrDefault(pi, 1);
      stepsFinished(acts, endedInstances.contains(pi)).forEach((step, when) -> {
        // a step done before this application was not finished this week, though its check may have run now
        if (step >= startStep && !when.isBefore(from) && when.isBefore(to)) {
          finished.add(new Finished(office, step, roadmap.stepTitle(step), when));
        }
      });
    });
    for (OfficeRow r : rows) {
      if ("FINISHED".equals(r.state()) && r.ended() != null && !r.ended().isBefore(from) && r.ended().isBefore(to)) {
        finished.add(new Finished(r.office(), null, "the whole migration (all " + roadmap.stepCount() + " steps)",
            r.ended()));
      }
    }
    finished.sort(Comparator.comparing(Finished::office).thenComparing(Finished::when)
        .thenComparing(f -> f.step() == null ? Integer.MAX_VALUE : f.step()));
    return finished;
  }

  /**
   * The finish time of each step the activities show finished: no task or check of the step open, and work of a
   * later step begun (for Steps 5 and 6, which loop, work of Phase 3), or the migration ended. It finished when its
   * last task or check ended (Step 4's work with HEC may go on while Step 5's test duration is being agreed).
   */
  Map<Integer, Instant> stepsFinished(List<HistoricActivityInstance> acts, boolean ended) {
    Map<Integer, Instant> lastEnd = new TreeMap<>();
    Set<Integer> open = new java.util.HashSet<>();
    int latest = 0;
    for (HistoricActivityInstance a : acts) {
      Integer step = roadmap.stepOf(a.getActivityId());
      if (step == null) {
        continue;
      }
      latest = Math.max(latest, step);
      if (a.getEndTime() == null) {
        open.add(step);
      } else {
        lastEnd.merge(step, a.getEndTime().toInstant(), (x, y) -> x.isAfter(y) ? x : y);
      }
    }
    Map<Integer, Instant> finished = new TreeMap<>();
    for (Map.Entry<Integer, Instant> e : lastEnd.entrySet()) {
      int step = e.getKey();
      boolean movedOn = ended || latest > (step == LOOP_STEP - 1 || step == LOOP_STEP ? LOOP_STEP : step);
      if (movedOn && !open.contains(step)) {
        finished.put(step, e.getValue());
      }
    }
    return finished;
  }

  /** Step 6 (fix what Step 5 found) returns to Step 5: only Phase 3 moves past both. */
  private static final int LOOP_STEP = 6;

  /**
   * Tasks and checks, and the step and check sub-processes (or called processes) that hold them: gateways and events
   * are instants that do not show work in a step.
   */
  private static boolean isWork(HistoricActivityInstance a) {
    String type = a.getActivityType();
    return "userTask".equals(type) || "serviceTask".equals(type) || "subProcess".equals(type)
        || "callActivity".equals(type);
  }
}
