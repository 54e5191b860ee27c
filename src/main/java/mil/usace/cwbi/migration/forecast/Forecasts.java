package mil.usace.cwbi.migration.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mil.usace.cwbi.migration.forecast.StepTimeline.Activity;
import mil.usace.cwbi.migration.process.MigrationProperties;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.roadmap.StepHistory;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import mil.usace.cwbi.migration.engine.EngineClock;
import org.springframework.stereotype.Component;

/**
 * Every office's forecast: when its migration is likely to finish, with a range, against HEC's target date
 * ({@link ForecastModel} for the method). Read from the engine's history in a fixed number of queries (the
 * migrations, their activities' outline ({@link StepHistory}, not every re-check), the targets), whatever the
 * number of offices. The portfolio is every office's current migration (the running one, else the last finished one; a
 * cancelled one does not count), as on the dashboard.
 */
@Component
public class Forecasts {

  static final String KEY = MigrationVariables.PROCESS_KEY;

  private final ProcessEngine engine;
  private final StepHistory stepHistory;
  private final MigrationProperties properties;
  private final TargetDates targets;

  public Forecasts(ProcessEngine engine, MigrationProperties properties, TargetDates targets) {
    this.engine = engine;
    this.stepHistory = new StepHistory(engine);
    this.properties = properties;
    this.targets = targets;
  }

  /** Every office (those of {@code cwbi.offices} and any with a migration), by office id. */
  public List<Forecast> all() {
    Instant now = EngineClock.getCurrentTime().toInstant();
    Map<String, HistoricProcessInstance> current = currentInstances();
    Map<String, StepTimeline> timelines = timelines(current, now);
    Map<Integer, StepStats> portfolio = portfolio(timelines.values());
    Map<String, LocalDate> inForce = targets.current();

    Set<String> offices = new TreeSet<>(properties.getOffices());
    offices.addAll(current.keySet());
    List<Forecast> result = new ArrayList<>();
    for (String office : offices) {
      TargetDates.Target target = TargetDates.applying(inForce, office);
      LocalDate date = target == null ? null : target.date();
      boolean forAll = target != null && target.forAll();
      HistoricProcessInstance pi = current.get(office);
      if (pi == null) {
        result.add(ForecastModel.notStarted(office, date, forAll));
      } else if (pi.getEndTime() != null) {
        result.add(ForecastModel.finished(office, pi.getEndTime().toInstant(), date, forAll));
      } else {
        result.add(ForecastModel.running(office, timelines.get(office), portfolio, now, date, forAll));
      }
    }
    return result;
  }

  /** One office's forecast (an office with no migration: NOT_STARTED). */
  public Forecast forOffice(String office) {
    String id = office.strip().toUpperCase(Locale.ROOT);
    return all().stream().filter(f -> f.office().equals(id)).findFirst()
        .orElseGet(() -> ForecastModel.notStarted(id, null, false));
  }

  /** The offices whose forecast is after their target, the latest first. */
  public List<Forecast> atRisk() {
    return all().stream().filter(Forecast::atRisk)
        .sorted(Comparator.comparingLong(Forecast::daysPastTarget).reversed().thenComparing(Forecast::office))
        .toList();
  }

  /** Per step, the time each office that finished it took. */
  static Map<Integer, StepStats> portfolio(Iterable<StepTimeline> timelines) {
    Map<Integer, List<Double>> days = new HashMap<>();
    for (StepTimeline t : timelines) {
      for (int s : t.finishedSteps()) {
        days.computeIfAbsent(s, k -> new ArrayList<>()).add(ForecastModel.days(t.elapsedMs(s)));
      }
    }
    Map<Integer, StepStats> stats = new HashMap<>();
    for (int s = 1; s <= StepFacts.count(); s++) {
      stats.put(s, StepStats.of(s, days.getOrDefault(s, List.of())));
    }
    return stats;
  }

  private Map<String, StepTimeline> timelines(Map<String, HistoricProcessInstance> current, Instant now) {
    Map<String, String> officeOf = new HashMap<>();
    Set<String> definitions = new TreeSet<>();
    current.forEach((office, pi) -> {
      officeOf.put(pi.getId(), office);
      definitions.add(pi.getProcessDefinitionId());
    });
    // Not every re-check (issue 13): the step and check sub-processes span all that is nested in them, in their
    // step, so they give each step's time; one instance of each user task says whether a step saw a person's work.
    Map<String, List<Activity>> byInstance = new HashMap<>();
    if (!definitions.isEmpty()) {
      // the roadmap's own user tasks run once per visit of their step: read by (instance, task); a fix task comes
      // back with every failed re-check: one probe each for its first row. (All user tasks by the probe made
      // PostgreSQL, with a young database's stale statistics, scan the table once per pair: 0.3 s at day 0.)
      Set<String> fix = StepFacts.userTasks().stream().filter(StepFacts::isFixTask)
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
      Set<String> once = StepFacts.userTasks().stream().filter(t -> !fix.contains(t))
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
      Map<String, List<HistoricActivityInstance>> work = new HashMap<>();
      stepHistory.of(officeOf.keySet(), once).forEach((instance, acts) -> work.put(instance,
          acts.stream().filter(a -> definitions.contains(a.getProcessDefinitionId())).toList()));
      StepHistory.merge(stepHistory.topLevel(officeOf.keySet(), definitions), work,
          stepHistory.firstOf(officeOf.keySet(), fix, definitions)).forEach((instance, acts) -> {
        for (HistoricActivityInstance a : acts) {
          byInstance.computeIfAbsent(instance, k -> new ArrayList<>()).add(new Activity(
              a.getActivityId(), a.getActivityType(), instant(a.getStartTime()), instant(a.getEndTime())));
        }
      });
    }
    Map<String, StepTimeline> result = new HashMap<>();
    current.forEach((office, pi) -> result.put(office, StepTimeline.of(
        byInstance.getOrDefault(pi.getId(), List.of()), now, instant(pi.getEndTime()))));
    return result;
  }

  /** Per office its current migration: the running one, else the last completed one (not a cancelled one). */
  private Map<String, HistoricProcessInstance> currentInstances() {
    Map<String, HistoricProcessInstance> byOffice = new HashMap<>();
    for (HistoricProcessInstance pi : migrations(engine)) {
      boolean running = pi.getEndTime() == null;
      if (pi.getBusinessKey() == null
          || !(running || HistoricProcessInstance.STATE_COMPLETED.equals(pi.getState()))) {
        continue;
      }
      String office = pi.getBusinessKey().toUpperCase(Locale.ROOT);
      HistoricProcessInstance seen = byOffice.get(office);
      if (seen == null || later(pi, seen)) {
        byOffice.put(office, pi);
      }
    }
    return byOffice;
  }

  /**
   * Every migration (running, finished, cancelled), one query per deployed version of the process. Only instances
   * with a business key (the office's migrations and the checks they call; mail and reminder processes, 43,954 rows
   * at a year, have none), by definition id, without Camunda's {@code order by ID_}: with it PostgreSQL, estimating
   * a version's share of the table from the few definitions, walked the primary key in order through every historic
   * process instance (43,877 buffers at a year); by key Camunda joins every instance to its definition (issue 13).
   * Both databases reach these rows through {@code ACT_IDX_HI_PRO_I_BUSKEY} or {@code ACT_IDX_HI_PI_PDEFID_END_TIME}.
   */
  public static List<HistoricProcessInstance> migrations(ProcessEngine engine) {
    List<HistoricProcessInstance> all = new ArrayList<>();
    String table = engine.getManagementService().getTableName(HistoricProcessInstance.class);
    for (ProcessDefinition d : engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(KEY)
        .list()) {
      all.addAll(engine.getHistoryService().createNativeHistoricProcessInstanceQuery()
          .sql("select RES.* from " + table + " RES where RES.BUSINESS_KEY_ is not null and RES.PROC_DEF_ID_ = #{d}")
          .parameter("d", d.getId()).list());
    }
    all.sort(Comparator.comparing(HistoricProcessInstance::getId)); // the order Camunda's query gave
    return all;
  }

  private static boolean later(HistoricProcessInstance candidate, HistoricProcessInstance seen) {
    if ((candidate.getEndTime() == null) != (seen.getEndTime() == null)) {
      return candidate.getEndTime() == null;
    }
    Date a = candidate.getEndTime() != null ? candidate.getEndTime() : candidate.getStartTime();
    Date b = seen.getEndTime() != null ? seen.getEndTime() : seen.getStartTime();
    return a.after(b);
  }

  private static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }
}
