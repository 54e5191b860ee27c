package mil.usace.cwbi.migration.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import mil.usace.cwbi.migration.dashboard.OfficeRow.CheckStatus;
import mil.usace.cwbi.migration.dashboard.OfficeRow.IncidentInfo;
import mil.usace.cwbi.migration.dashboard.OfficeRow.OpenTask;
import mil.usace.cwbi.migration.forecast.Forecast;
import mil.usace.cwbi.migration.forecast.Forecasts;
import mil.usace.cwbi.migration.process.MigrationProperties;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.process.Office;
import mil.usace.cwbi.migration.roadmap.CalledChecks;
import mil.usace.cwbi.migration.roadmap.Roadmap;
import mil.usace.cwbi.migration.roadmap.RoadmapFacts;
import mil.usace.cwbi.migration.roadmap.StepHistory;
import mil.usace.cwbi.migration.process.versions.RoadmapVersions;
import mil.usace.cwbi.migration.verification.Environment;
import mil.usace.cwbi.migration.verification.Findings;
import mil.usace.cwbi.migration.verification.VerificationReport;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import mil.usace.cwbi.migration.engine.EngineClock;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Computes every office's row in a fixed number of bulk queries (instances, activities, tasks, candidate groups,
 * jobs, incidents, check variables), whatever the number of offices: never one query per office.
 */
@Component
public class DashboardQueries {

  static final String KEY = MigrationVariables.PROCESS_KEY;
  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  private final ProcessEngine engine;
  private final HistoryService history;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final MigrationProperties properties;
  private final RoadmapNotes notes;
  private final Roadmap roadmap;
  private final Forecasts forecasts;
  private final StepHistory stepHistory;
  private final CalledChecks calledChecks;

  public DashboardQueries(ProcessEngine engine, MigrationProperties properties, RoadmapNotes notes,
      Roadmap roadmap, Forecasts forecasts) {
    this.notes = notes;
    this.roadmap = roadmap;
    this.forecasts = forecasts;
    this.engine = engine;
    this.history = engine.getHistoryService();
    this.tasks = engine.getTaskService();
    this.runtime = engine.getRuntimeService();
    this.management = engine.getManagementService();
    this.properties = properties;
    this.stepHistory = new StepHistory(engine);
    this.calledChecks = new CalledChecks(history);
  }

  /** Every office, those needing attention first. */
  public List<OfficeRow> offices() {
    Date now = EngineClock.getCurrentTime();
    Map<String, HistoricProcessInstance> current = currentInstances();
    Set<String> running = current.values().stream().filter(p -> p.getEndTime() == null)
        .map(HistoricProcessInstance::getId).collect(Collectors.toSet());

    // the migrations' tasks and those of the checks they called (a fix task), each under its migration
    Map<String, CalledChecks.Call> calls = calledChecks.running();
    Map<String, String> keys = new HashMap<>();
    Map<String, List<Task>> openTasks = tasks.createTaskQuery().processDefinitionKeyIn(MigrationVariables.PROCESS_KEYS)
        .list().stream()
        .filter(t -> running.contains(CalledChecks.migrationOf(calls, t.getProcessInstanceId())))
        .peek(t -> keys.put(t.getId(), CalledChecks.keyOf(calls, t.getProcessInstanceId(), t.getTaskDefinitionKey())))
        .collect(Collectors.groupingBy(t -> CalledChecks.migrationOf(calls, t.getProcessInstanceId())));
    Map<String, List<String>> candidates = candidateGroups(openTasks);
    Map<String, List<String>> waitingJobs = jobActivities();
    Map<String, List<HistoricActivityInstance>> activities = activitiesOfRunning(current.values(), openTasks,
        waitingJobs);
    Map<String, List<Incident>> incidents = runtime.createIncidentQuery().processDefinitionKeyIn(KEY).list().stream()
        .collect(Collectors.groupingBy(Incident::getProcessInstanceId));
    Map<String, Map<String, CheckStatus>> checks = checks();

    Set<String> offices = new TreeSet<>(properties.getOffices());
    offices.addAll(current.keySet());
    List<OfficeRow> rows = new ArrayList<>();
    int stepsToCome = roadmap.latest().stepCount(); // an office not started yet starts the latest version
    for (String office : offices) {
      HistoricProcessInstance pi = current.get(office);
      if (pi == null) {
        rows.add(notStarted(office, stepsToCome));
      } else if (pi.getEndTime() != null) {
        rows.add(finished(office, pi, checks.getOrDefault(pi.getId(), Map.of())));
      } else {
        rows.add(running(office, pi, now, activities.getOrDefault(pi.getId(), List.of()),
            openTasks.getOrDefault(pi.getId(), List.of()), keys, candidates,
            waitingJobs.getOrDefault(pi.getId(), List.of()),
            incidents.getOrDefault(pi.getId(), List.of()), checks.getOrDefault(pi.getId(), Map.of())));
      }
    }
    rows = withForecasts(rows);
    rows.sort(ATTENTION_FIRST);
    return withRoadmapVersions(withNotApplicable(rows, current.values()), current.values());
  }

  /** Which version of the roadmap model each office runs on: one query for every version of the process. */
  private List<OfficeRow> withRoadmapVersions(List<OfficeRow> rows,
      java.util.Collection<HistoricProcessInstance> shown) {
    Map<String, String> labels = new HashMap<>();
    for (ProcessDefinition d : definitions()) {
      labels.put(d.getId(), RoadmapVersions.label(d));
    }
    Map<String, String> byInstance = new HashMap<>();
    shown.forEach(pi -> byInstance.put(pi.getId(), labels.get(pi.getProcessDefinitionId())));
    return rows.stream().map(r -> r.processInstanceId() == null ? r
        : r.withRoadmapVersion(byInstance.get(r.processInstanceId()))).toList();
  }

  private List<ProcessDefinition> definitions() {
    return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(KEY).list();
  }

  /** Each row's forecast; an office whose forecast passes its target joins those needing attention. */
  private List<OfficeRow> withForecasts(List<OfficeRow> rows) {
    Map<String, Forecast> byOffice = forecasts.all().stream()
        .collect(Collectors.toMap(Forecast::office, f -> f, (a, b) -> a));
    return rows.stream().map(r -> r.withForecast(byOffice.get(r.office())))
        .collect(Collectors.toCollection(ArrayList::new));
  }

  private List<OfficeRow> withNotApplicable(List<OfficeRow> rows, java.util.Collection<HistoricProcessInstance> shown) {
    Set<String> ids = shown.stream().map(HistoricProcessInstance::getId).collect(Collectors.toSet());
    Set<String> skips = notes.skipEventIds(shown.stream().map(HistoricProcessInstance::getProcessDefinitionId)
        .collect(Collectors.toSet()));
    Map<String, List<String>> items = notes.notApplicableByInstance(KEY, ids,
        stepHistory.of(ids, skips).values().stream().flatMap(List::stream).toList());
    return rows.stream().map(r -> r.processInstanceId() == null ? r
        : r.withNotApplicable(items.getOrDefault(r.processInstanceId(), List.of()))).toList();
  }

  /**
   * Attention first (incidents, then held at a gate, then overdue, then forecast past the target, the latest first,
   * then longest in step); then by office.
   */
  static final Comparator<OfficeRow> ATTENTION_FIRST = Comparator
      .comparing((OfficeRow r) -> r.attention().isEmpty())
      .thenComparing(r -> -r.incidents().size())
      .thenComparing(r -> r.blockedAt() == null)
      .thenComparing(r -> -r.overdueTasks())
      .thenComparing(r -> -(r.forecast() == null ? 0 : r.forecast().daysPastTarget()))
      .thenComparing(r -> -(r.daysInStep() == null ? 0 : r.daysInStep()))
      .thenComparing(r -> switch (r.state()) {
        case "BLOCKED", "RUNNING" -> 0;
        case "FINISHED" -> 1;
        default -> 2;
      })
      .thenComparing(OfficeRow::office);

  /**
   * Per office the migration to show: the running one, else the last completed one. Deleted (cancelled)
   * migrations are not shown: the office counts as not started. Read by definition ({@link Forecasts#migrations}).
   */
  private Map<String, HistoricProcessInstance> currentInstances() {
    Map<String, HistoricProcessInstance> byOffice = new HashMap<>();
    for (HistoricProcessInstance pi : Forecasts.migrations(engine)) {
      String office = pi.getBusinessKey();
      boolean runningNow = pi.getEndTime() == null;
      boolean completed = HistoricProcessInstance.STATE_COMPLETED.equals(pi.getState());
      if (office == null || !(runningNow || completed)) {
        continue;
      }
      office = Office.normalise(office);
      HistoricProcessInstance seen = byOffice.get(office);
      if (seen == null || better(pi, seen)) {
        byOffice.put(office, pi);
      }
    }
    return byOffice;
  }

  private static boolean better(HistoricProcessInstance candidate, HistoricProcessInstance seen) {
    if ((candidate.getEndTime() == null) != (seen.getEndTime() == null)) {
      return candidate.getEndTime() == null;
    }
    Date a = candidate.getEndTime() != null ? candidate.getEndTime() : candidate.getStartTime();
    Date b = seen.getEndTime() != null ? seen.getEndTime() : seen.getStartTime();
    return a.after(b);
  }

  /**
   * The activity history of the running migrations that their rows need, bounded by their visits of the steps and
   * not by their re-checks (issue 13), each read by an index seek ({@link StepHistory}): first the top-level
   * activities (step and check sub-processes; what still runs among them gives the current step, with the open tasks
   * and waiting jobs), then, for the migrations in one step on one version, that step's roadmap work (its progress).
   * A nested activity starts and ends within its sub-process, in the same step, so the current step, the visit's
   * start and the progress are those all the history gives. Whatever version an activity ran on: an office moved to a
   * new version keeps the activities it finished on the old one.
   */
  private Map<String, List<HistoricActivityInstance>> activitiesOfRunning(
      java.util.Collection<HistoricProcessInstance> instances, Map<String, List<Task>> openTasks,
      Map<String, List<String>> waitingJobs) {
    List<HistoricProcessInstance> runningNow = instances.stream().filter(pi -> pi.getEndTime() == null).toList();
    if (runningNow.isEmpty()) {
      return Map.of();
    }
    Map<String, List<HistoricActivityInstance>> topLevel = stepHistory.topLevel(
        runningNow.stream().map(HistoricProcessInstance::getId).toList(), List.of());
    // the migrations by version and current step: one read each
    Map<String, Map<Integer, List<String>>> groups = new LinkedHashMap<>();
    for (HistoricProcessInstance pi : runningNow) {
      int step = currentStep(roadmap.of(pi.getProcessDefinitionId()), topLevel.getOrDefault(pi.getId(), List.of()),
          openTasks.getOrDefault(pi.getId(), List.of()), waitingJobs.getOrDefault(pi.getId(), List.of()));
      groups.computeIfAbsent(pi.getProcessDefinitionId(), k -> new TreeMap<>())
          .computeIfAbsent(step, k -> new ArrayList<>()).add(pi.getId());
    }
    List<Map<String, List<HistoricActivityInstance>>> reads = new ArrayList<>();
    reads.add(topLevel);
    groups.forEach((definition, bySteps) -> {
      RoadmapFacts facts = roadmap.of(definition);
      bySteps.forEach((step, ids) -> {
        List<String> work = facts.activityIds().stream()
            .filter(id -> Objects.equals(facts.step(id), step) && facts.isWork(id)).sorted().toList();
        reads.add(stepHistory.of(ids, work));
      });
    });
    @SuppressWarnings("unchecked")
    Map<String, List<HistoricActivityInstance>>[] all = reads.toArray(Map[]::new);
    return StepHistory.merge(all);
  }

  /**
   * The top-level activities of these migrations (optionally only those run on one of {@code definitionIds}): the
   * step and check sub-processes, by an index seek ({@link StepHistory#topLevel}), for the digest's finished steps.
   */
  public Map<String, List<HistoricActivityInstance>> topLevelActivities(java.util.Collection<String> instanceIds,
      java.util.Collection<String> definitionIds) {
    return stepHistory.topLevel(instanceIds, definitionIds);
  }

  /**
   * The historic tasks of these migrations that are instances of {@code taskKeys}: found through the activity
   * history by (instance, activity) seeks, then read by id, so a year of another task's re-checks is never walked
   * (the task query by key reads every historic task of the process, issue 13).
   */
  public List<HistoricTaskInstance> historicTasks(java.util.Collection<String> instanceIds,
      java.util.Collection<String> taskKeys) {
    List<String> ids = stepHistory.of(instanceIds, taskKeys).values().stream().flatMap(List::stream)
        .map(HistoricActivityInstance::getTaskId).filter(Objects::nonNull).distinct().toList();
    List<HistoricTaskInstance> result = new ArrayList<>();
    String table = management.getTableName(HistoricTaskInstance.class);
    for (int from = 0; from < ids.size(); from += 400) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 400));
      StringBuilder sql = new StringBuilder("select * from ").append(table).append(" RES where RES.ID_ in (");
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append("#{t").append(i).append('}');
      }
      var query = history.createNativeHistoricTaskInstanceQuery().sql(sql.append(") order by RES.ID_").toString());
      for (int i = 0; i < chunk.size(); i++) {
        query.parameter("t" + i, chunk.get(i));
      }
      result.addAll(query.list());
    }
    return result;
  }

  /** The {@code skip_*} events of these migrations, of any deployed version, by (instance, activity) seeks. */
  public List<HistoricActivityInstance> skipEvents(java.util.Collection<String> instanceIds) {
    Set<String> skips = notes.skipEventIds(definitions().stream().map(ProcessDefinition::getId).toList());
    return stepHistory.of(instanceIds, skips).values().stream().flatMap(List::stream).toList();
  }

  /** The earliest step with something active (a task, a check, a timer, a waiting job); Step 1 if none. */
  static int currentStep(RoadmapFacts facts, List<HistoricActivityInstance> acts, List<Task> open,
      List<String> jobs) {
    Integer step = null;
    for (HistoricActivityInstance a : acts) {
      if (a.getEndTime() == null) {
        step = min(step, facts.step(a.getActivityId()));
      }
    }
    for (Task t : open) {
      step = min(step, facts.step(t.getTaskDefinitionKey()));
    }
    for (String activity : jobs) {
      step = min(step, facts.step(activity));
    }
    return step == null ? 1 : step;
  }

  /**
   * Current candidate groups of the open tasks, replayed from the identity link log (adds and deletes, in the order
   * they were made). Only the open tasks' log, task by task (an index look-up each): the whole log grows with every
   * fix task of every re-check (issue 13).
   */
  private Map<String, List<String>> candidateGroups(Map<String, List<Task>> openTasks) {
    Map<String, Set<String>> groups = new HashMap<>();
    for (Task task : openTasks.values().stream().flatMap(List::stream).toList()) {
      // by task id alone (the open tasks are all of this process): with the process key too, H2 chose the key's
      // index where its statistics favoured it and walked every task's links (48,792 rows at day 5 for 38 offices)
      for (HistoricIdentityLinkLog link : history.createHistoricIdentityLinkLogQuery().taskId(task.getId())
          .type(IdentityLinkType.CANDIDATE).orderByTime().asc().list()) {
        if (link.getGroupId() == null) {
          continue;
        }
        Set<String> set = groups.computeIfAbsent(link.getTaskId(), k -> new LinkedHashSet<>());
        if ("delete".equals(link.getOperationType())) {
          set.remove(link.getGroupId());
        } else {
          set.add(link.getGroupId());
        }
      }
    }
    Map<String, List<String>> result = new HashMap<>();
    groups.forEach((task, set) -> result.put(task, List.copyOf(set)));
    return result;
  }

  /** Activities waiting on a job (an asynchronous check not yet run, a timer), per process instance. */
  private Map<String, List<String>> jobActivities() {
    Map<String, String> activityOfDefinition = management.createJobDefinitionQuery().processDefinitionKey(KEY).list()
        .stream().collect(Collectors.toMap(JobDefinition::getId, JobDefinition::getActivityId, (a, b) -> a));
    Map<String, List<String>> byInstance = new HashMap<>();
    for (Job job : management.createJobQuery().processDefinitionKey(KEY).list()) {
      String activity = activityOfDefinition.get(job.getJobDefinitionId());
      if (activity != null && job.getProcessInstanceId() != null) {
        byInstance.computeIfAbsent(job.getProcessInstanceId(), k -> new ArrayList<>()).add(activity);
      }
    }
    return byInstance;
  }

  /** The last result of each environment's check, per process instance (running or finished). */
  private Map<String, Map<String, CheckStatus>> checks() {
    List<String> names = new ArrayList<>();
    for (Environment e : Environment.values()) {
      names.add(e.resultVariable());
      names.add(e.passedVariable());
    }
    Map<String, Map<String, Object>> values = new HashMap<>();
    // by name alone (an index seek; the rows are looked up by instance below): with the process key too, H2 chose
    // the key's index and walked every variable of the process, task-local ones of each re-check included
    for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
        .variableNameIn(names.toArray(String[]::new)).disableBinaryFetching().list()) {
      values.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
    }
    Map<String, Map<String, CheckStatus>> result = new HashMap<>();
    values.forEach((pi, vars) -> {
      Map<String, CheckStatus> byEnv = new LinkedHashMap<>();
      for (Environment e : Environment.values()) {
        CheckStatus status = checkStatus(e, vars.get(e.resultVariable()), vars.get(e.passedVariable()));
        if (status != null) {
          byEnv.put(e.variableSuffix(), status);
        }
      }
      result.put(pi, byEnv);
    });
    return result;
  }

  /** Reads a stored report; the Boolean verdict decides when both are there (it is what the gates read). */
  static CheckStatus checkStatus(Environment environment, Object report, Object passedFlag) {
    if (report == null && passedFlag == null) {
      return null;
    }
    VerificationReport stored = VerificationReport.read(report);
    Boolean passed = passedFlag instanceof Boolean b ? b : stored == null ? null : stored.passed();
    List<String> failed = stored == null ? List.of()
        : stored.failures().stream().map(c -> c.check() + ": " + c.evidence()).toList();
    return new CheckStatus(environment.label(), Boolean.TRUE.equals(passed), stored == null ? null : stored.time(),
        failed, Findings.of(stored));
  }

  private OfficeRow notStarted(String office, int stepCount) {
    return new OfficeRow(office, "NOT_STARTED", null, null, null, null, null, 0, stepCount, 0,
        List.of(), null, null, 0, Map.of(), List.of(), null, List.of(), null, null, null, null);
  }

  private OfficeRow finished(String office, HistoricProcessInstance pi, Map<String, CheckStatus> checks) {
    RoadmapFacts facts = roadmap.of(pi.getProcessDefinitionId());
    int last = facts.stepCount();
    Integer phase = facts.phaseOfStep(last);
    return new OfficeRow(office, "FINISHED", pi.getId(), phase, phase == null ? null : facts.phaseName(phase), last,
        facts.stepName(last), last, last, 100, List.of(), null, null, 0, checks, List.of(), null, List.of(),
        instant(pi.getStartTime()), instant(pi.getEndTime()), null, auditUrl(office));
  }

  private OfficeRow running(String office, HistoricProcessInstance pi, Date now, List<HistoricActivityInstance> acts,
      List<Task> open, Map<String, String> keys, Map<String, List<String>> candidates, List<String> jobs,
      List<Incident> incidents,
      Map<String, CheckStatus> checks) {
    RoadmapFacts facts = roadmap.of(pi.getProcessDefinitionId());
    int step = currentStep(facts, acts, open, jobs);
    Date since = visitStart(facts, acts, step);

    List<OpenTask> openTasks = new ArrayList<>();
    String blockedAt = null;
    int overdue = 0;
    for (Task t : open.stream().sorted(Comparator.comparing(Task::getCreateTime)).toList()) {
      List<String> groups = candidates.getOrDefault(t.getId(), List.of());
      boolean late = t.getDueDate() != null && t.getDueDate().before(now);
      if (late) {
        overdue++;
      }
      String key = keys.getOrDefault(t.getId(), t.getTaskDefinitionKey()); // a called check's task: its check's
      if (facts.isFixTask(key) && blockedAt == null) {
        blockedAt = facts.gate(key);
      }
      // the task's own lane: an escalated District task (hec added as candidate) is still the District's work
      openTasks.add(new OpenTask(t.getId(), t.getTaskDefinitionKey(), t.getName(), facts.step(key),
          Objects.requireNonNullElse(facts.lane(key), ""), groups, t.getAssignee(),
          instant(t.getCreateTime()), instant(t.getDueDate()), late));
    }
    List<IncidentInfo> incidentInfos = incidents.stream()
        .sorted(Comparator.comparing(Incident::getIncidentTimestamp))
        .map(i -> new IncidentInfo(i.getId(), i.getIncidentType(), i.getActivityId(), messageOf(i),
            instant(i.getIncidentTimestamp())))
        .toList();

    List<String> attention = new ArrayList<>();
    if (!incidentInfos.isEmpty()) {
      attention.add(incidentInfos.size() + " open incident(s)");
    }
    if (blockedAt != null) {
      attention.add("held at " + blockedAt);
    }
    checks.values().stream().filter(c -> !c.passed())
        .forEach(c -> attention.add("last " + c.environment() + " check failed"));
    if (overdue > 0) {
      attention.add(overdue + " overdue task(s)");
    }
    int done = step - 1;
    Long days = since == null ? null : Math.max(0, (now.getTime() - since.getTime()) / DAY_MS);
    Integer phase = facts.phaseOfStep(step);
    return new OfficeRow(office, blockedAt != null ? "BLOCKED" : "RUNNING", pi.getId(), phase,
        phase == null ? null : facts.phaseName(phase), step, facts.stepName(step), done, facts.stepCount(),
        progressPercent(facts, step, acts, since),
        openTasks, instant(since), days, overdue, checks, incidentInfos, blockedAt, attention,
        instant(pi.getStartTime()), null, cockpitUrl(pi.getId()), auditUrl(office));
  }

  /**
   * An incident's message; for one Camunda raised on the migration because a check it called failed (it names the
   * call activity, check_t7, and has no message of its own), the message of the check's own incident.
   */
  private String messageOf(Incident incident) {
    if (incident.getIncidentMessage() != null || incident.getRootCauseIncidentId() == null
        || incident.getRootCauseIncidentId().equals(incident.getId())) {
      return incident.getIncidentMessage();
    }
    Incident cause = runtime.createIncidentQuery().incidentId(incident.getRootCauseIncidentId()).singleResult();
    return cause == null ? null : cause.getIncidentMessage();
  }

  /**
   * Progress over the roadmap's steps: the steps behind the office, plus the share of the current step's roadmap
   * work ({@code role=work}) already done in this visit of the step. Counting whole steps only, the bar stood at 0%
   * through all of Step 1 however many of its tasks were done. Fix tasks are not roadmap work and do not count.
   */
  static int progressPercent(RoadmapFacts facts, int step, List<HistoricActivityInstance> acts, Date since) {
    int tasks = 0;
    int finished = 0;
    for (HistoricActivityInstance a : acts) {
      Integer s = facts.step(a.getActivityId());
      if (s == null || s != step || !facts.isWork(a.getActivityId())
          || (since != null && a.getStartTime().before(since))) {
        continue;
      }
      tasks++;
      if (a.getEndTime() != null) {
        finished++;
      }
    }
    float share = tasks == 0 ? 0f : (float) finished / tasks;
    return Math.round((step - 1 + share) * 100f / Math.max(1, facts.stepCount()));
  }

  /**
   * When the office's current visit of {@code step} began: the earliest start of that step's activities after the
   * last start of a later step (the Step 6 to Step 5 loop starts a new visit).
   */
  static Date visitStart(RoadmapFacts facts, List<HistoricActivityInstance> acts, int step) {
    Date laterStep = null;
    for (HistoricActivityInstance a : acts) {
      Integer s = facts.step(a.getActivityId());
      if (s != null && s > step && (laterStep == null || a.getStartTime().after(laterStep))) {
        laterStep = a.getStartTime();
      }
    }
    Date since = null;
    for (HistoricActivityInstance a : acts) {
      Integer s = facts.step(a.getActivityId());
      if (s != null && s == step && (laterStep == null || !a.getStartTime().before(laterStep))
          && (since == null || a.getStartTime().before(since))) {
        since = a.getStartTime();
      }
    }
    return since;
  }

  private String cockpitUrl(String processInstanceId) {
    return "/camunda/app/cockpit/" + engine.getName() + "/#/process-instance/" + processInstanceId + "/runtime";
  }

  static String auditUrl(String office) {
    return "/dashboard/audit.html?office=" + office;
  }

  private static Integer min(Integer a, Integer b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : Math.min(a, b);
  }

  static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }
}
