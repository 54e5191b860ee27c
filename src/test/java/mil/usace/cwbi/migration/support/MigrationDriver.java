package mil.usace.cwbi.migration.support;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.process.forms.FieldRule;
import mil.usace.cwbi.migration.process.forms.FormRules;
import mil.usace.cwbi.migration.process.forms.JsonValues;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/**
 * Drives migrations in tests through the engine's Java API: starts one with valid start data, completes tasks with
 * data that satisfies their forms (generated from the same form rules the server enforces, so it stays in step
 * with the forms), and executes the jobs that are due (the test profile runs no job executor).
 */
@Component
public class MigrationDriver {

  public static final List<String> CRITICAL = List.of(
      "KEYS.Elev.Inst.1Hour.0.Ccp-Rev", "KEYS.Flow-Out.Ave.1Hour.1Hour.Rev-Regi-Flowgroup");

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final FormRules rules;
  private final org.camunda.bpm.engine.HistoryService history;

  public MigrationDriver(RuntimeService runtime, TaskService tasks, ManagementService management, FormRules rules,
      org.camunda.bpm.engine.HistoryService history) {
    this.history = history;
    this.runtime = runtime;
    this.tasks = tasks;
    this.management = management;
    this.rules = rules;
  }

  public Map<String, Object> startData(String office, boolean usesUsgsData) {
    Map<String, Object> v = new HashMap<>();
    v.put(MigrationVariables.OFFICE, office);
    v.put(MigrationVariables.T7_CDA_URL, "https://wm." + office.toLowerCase() + ".ds.usace.army.mil/"
        + office.toLowerCase() + "-data/");
    v.put(MigrationVariables.USES_USGS_DATA, usesUsgsData);
    v.put(MigrationVariables.CRITICAL_TIME_SERIES, String.join("\n", CRITICAL));
    return v;
  }

  public ProcessInstance start(String office, boolean usesUsgsData) {
    return start(startData(office, usesUsgsData));
  }

  public ProcessInstance start(Map<String, Object> data) {
    return runtime.startProcessInstanceByKey(MigrationVariables.PROCESS_KEY, data);
  }

  /** The model the application deploys: which form a task shows is its formRef there (fix tasks share one). */
  private static final BpmnModelInstance MODEL = Bpmn.readModelFromFile(new File("bpmn/cwbi-migration.bpmn"));
  /** The check the migration calls: its fix task. */
  private static final BpmnModelInstance CHECK = Bpmn.readModelFromFile(new File("bpmn/verify-environment.bpmn"));

  /** Version 2 as it was deployed (tests of the version moves start offices on it). */
  private static final BpmnModelInstance V2 =
      Bpmn.readModelFromFile(new File("src/test/resources/roadmap-versions/cwbi-migration-v2.bpmn"));

  /** The called check's fix task (in the instance a {@code check_*} call activity started). */
  public static final String FIX_TASK = "task_fix_findings";

  public static String formOf(String taskKey) {
    UserTask task = MODEL.getModelElementById(taskKey);
    if (task == null) {
      task = CHECK.getModelElementById(taskKey);
    }
    if (task == null) { // an office still on version 2 (or 1): its check sub-processes' fix tasks
      task = V2.getModelElementById(taskKey);
    }
    if (task == null) {
      throw new IllegalArgumentException("no user task " + taskKey + " in bpmn/cwbi-migration.bpmn or "
          + "bpmn/verify-environment.bpmn");
    }
    return task.getCamundaFormRef();
  }

  /** The migration's instance and those of the checks it called (running). */
  public String[] instanceTree(String processInstanceId) {
    List<String> ids = new ArrayList<>(List.of(processInstanceId));
    runtime.createProcessInstanceQuery().rootProcessInstanceId(processInstanceId).list().stream()
        .map(ProcessInstance::getId).filter(id -> !id.equals(processInstanceId)).forEach(ids::add);
    return ids.toArray(String[]::new);
  }

  /** The id of the running check a {@code check_*} call activity of the migration called; null if none runs. */
  public String calledCheck(String processInstanceId, String callActivityId) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
        .activityId(callActivityId).unfinished().list().stream()
        .map(org.camunda.bpm.engine.history.HistoricActivityInstance::getCalledProcessInstanceId)
        .filter(java.util.Objects::nonNull).findFirst().orElse(null);
  }

  /** Data that satisfies every rule of the task's form: every box ticked, every required field filled. */
  public Map<String, Object> validData(String taskKey) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (FieldRule r : rules.rules(formOf(taskKey))) {
      if (rules.displayKeys(formOf(taskKey)).contains(r.key())) {
        continue; // shown read-only (e.g. the district's list on HEC's form): not the submitter's to send
      }
      Object v = validValue(r);
      if (v != null) {
        data.put(r.key(), v);
      }
    }
    if (data.containsKey(MigrationVariables.SCRIPT_INVENTORY)) {
      data.put(MigrationVariables.SCRIPT_INVENTORY, JsonValues.json(List.of(
          script("nightly_usgs_pull.py", "usgs-acquisition", "schedule", "usgs-web-service", "cwms-database", "converted"),
          script("old_fax_report.sh", "obsolete", "schedule", "cwms-database", "email-or-report", "retired"))));
    }
    return data;
  }

  public static Map<String, Object> script(String name, String purpose, String runs, String reads, String writes,
      String status) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", name);
    s.put("purpose", purpose);
    s.put("runs", runs);
    s.put("reads", reads);
    s.put("writes", writes);
    s.put("status", status);
    return s;
  }

  private Object validValue(FieldRule r) {
    if (r.isList()) {
      Map<String, Object> item = new LinkedHashMap<>();
      for (FieldRule c : r.children()) {
        item.put(c.key(), validValue(c));
      }
      return JsonValues.json(List.of(item));
    }
    if (r.format() != null) {
      return switch (r.format()) {
        case OFFICE_ID -> "SWT";
        case URL -> "https://git.example.mil/cwbi/batch";
        case TS_ID_LINES, TS_ID -> CRITICAL.get(0);
        case ISO_DURATION -> "P14D";
        case REGEX -> "^SWT_.*\\.shef$";
      };
    }
    return switch (r.type()) {
      // every box ticked but the "there is none" ones (noLdmProducts, ...): the lists are filled instead
      // and "Not applicable for this office": the work is done instead
      case "checkbox" -> !r.key().matches("no[A-Z].*") && !r.key().endsWith("NotApplicable");
      case "number" -> r.min() == null ? 1 : (long) Math.max(1, r.min());
      case "datetime" -> "2026-11-20";
      case "checklist" -> List.of(r.allowedValues().get(0));
      case "select", "radio" -> r.allowedValues().get(0);
      default -> "Done; evidence recorded in the district's migration log.";
    };
  }

  /** The open task of that key in the migration or a check it called (a fix task). */
  public Task task(String processInstanceId, String taskKey) {
    return tasks.createTaskQuery().processInstanceIdIn(instanceTree(processInstanceId)).taskDefinitionKey(taskKey)
        .singleResult();
  }

  public List<String> openTaskKeys(String processInstanceId) {
    return tasks.createTaskQuery().processInstanceIdIn(instanceTree(processInstanceId)).list()
        .stream().map(Task::getTaskDefinitionKey).sorted().toList();
  }

  public void complete(String processInstanceId, String taskKey) {
    complete(processInstanceId, taskKey, Map.of());
  }

  /** Completes the task with valid data, changed by {@code overrides}; then runs the jobs that are due. */
  public void complete(String processInstanceId, String taskKey, Map<String, Object> overrides) {
    Task task = task(processInstanceId, taskKey);
    if (task == null) {
      throw new AssertionError("no open task " + taskKey + "; open: " + openTaskKeys(processInstanceId));
    }
    Map<String, Object> data = new HashMap<>(validData(taskKey));
    data.putAll(overrides);
    tasks.complete(task.getId(), data);
    runJobs(processInstanceId);
  }

  /** Executes every job of the instance that is due now, until none is left (timers in the future stay). */
  public int runJobs(String processInstanceId) {
    int executed = 0;
    for (int round = 0; round < 100; round++) {
      // the migration's jobs and those of the checks it called
      List<Job> due = management.createJobQuery().rootProcessInstanceId(processInstanceId).executable().list();
      if (due.isEmpty()) {
        return executed;
      }
      for (Job job : due) {
        management.executeJob(job.getId());
        executed++;
      }
    }
    throw new AssertionError("jobs keep coming for " + processInstanceId);
  }

  /**
   * Completes every open roadmap task of the given steps, and those they open in the same steps (fix tasks aside),
   * so a test does not depend on which tasks a model version has in a step.
   */
  public void completeSteps(String processInstanceId, int... steps) {
    for (int round = 0; round < 50; round++) {
      Task next = null;
      for (Task t : tasks.createTaskQuery().processInstanceIdIn(instanceTree(processInstanceId)).list()) {
        for (int s : steps) {
          if (t.getTaskDefinitionKey().startsWith("task_" + s + "_") && !t.getTaskDefinitionKey().contains("_fix_")) {
            next = t;
          }
        }
      }
      if (next == null) {
        return;
      }
      complete(processInstanceId, next.getTaskDefinitionKey());
    }
    throw new AssertionError("tasks keep coming in steps " + java.util.Arrays.toString(steps));
  }

  /** Completes, in order, every listed task that is open (those that are not are skipped silently). */
  public List<String> completeAll(String processInstanceId, String... taskKeys) {
    List<String> done = new ArrayList<>();
    for (String key : taskKeys) {
      if (task(processInstanceId, key) != null) {
        complete(processInstanceId, key);
        done.add(key);
      }
    }
    return done;
  }

  /**
   * Works the office to the end of its migration: the oldest open task (those of the checks it calls too) with
   * valid data, every job, then the next timer (the engine clock moved past a Step 5 test period's end). Returns the
   * finished instance; fails, showing where it stands, if it gets stuck or takes over 300 rounds.
   */
  public org.camunda.bpm.engine.history.HistoricProcessInstance finish(String processInstanceId) {
    for (int round = 0; round < 300; round++) {
      if (runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
      }
      List<Task> open = tasks.createTaskQuery().processInstanceIdIn(instanceTree(processInstanceId))
          .orderByTaskCreateTime().asc().list();
      if (!open.isEmpty()) {
        complete(processInstanceId, open.get(0).getTaskDefinitionKey());
        continue;
      }
      if (runJobs(processInstanceId) > 0) {
        continue;
      }
      List<Job> timers = management.createJobQuery().rootProcessInstanceId(processInstanceId).timers()
          .orderByJobDuedate().asc().list();
      if (timers.isEmpty()) {
        throw new AssertionError("stuck: " + runtime.getActivityInstance(processInstanceId));
      }
      java.util.Date testPeriodEnd = (java.util.Date) runtime.getVariable(processInstanceId, "testPeriodEnd");
      if (testPeriodEnd != null && !ClockUtil.getCurrentTime().after(testPeriodEnd)) {
        ClockUtil.setCurrentTime(new java.util.Date(testPeriodEnd.getTime() + 3_600_000L)); // the period is over
      }
      management.executeJob(timers.get(0).getId());
      runJobs(processInstanceId);
    }
    throw new AssertionError("not finished after 300 rounds: " + runtime.getActivityInstance(processInstanceId));
  }
}
