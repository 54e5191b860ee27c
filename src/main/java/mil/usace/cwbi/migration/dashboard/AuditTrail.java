package mil.usace.cwbi.migration.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mil.usace.cwbi.migration.dashboard.AuditEntry.CheckLine;
import mil.usace.cwbi.migration.forecast.TargetDates;
import mil.usace.cwbi.migration.process.Office;
import mil.usace.cwbi.migration.process.forms.FormLabels;
import mil.usace.cwbi.migration.process.forms.FormRules;
import mil.usace.cwbi.migration.process.forms.JsonValues;
import mil.usace.cwbi.migration.roadmap.CalledChecks;
import mil.usace.cwbi.migration.roadmap.Roadmap;
import mil.usace.cwbi.migration.roadmap.RoadmapFacts;
import mil.usace.cwbi.migration.verification.Environment;
import mil.usace.cwbi.migration.verification.Findings;
import mil.usace.cwbi.migration.verification.VerificationReport;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.springframework.stereotype.Component;

/**
 * An office's audit trail from the engine's full history: who started the migration, who completed which task
 * when with the evidence its form stored, and every check's result. Cockpit Community shows none of this.
 */
@Component
public class AuditTrail {

  private static final Set<String> CHECK_VARIABLES = new HashSet<>();

  static {
    for (Environment e : Environment.values()) {
      CHECK_VARIABLES.add(e.resultVariable());
    }
  }

  private final HistoryService history;
  private final RepositoryService repository;
  private final FormRules forms;
  private final RoadmapNotes notes;
  private final OutsideFormChanges outsideForms;
  private final Roadmap roadmap;
  private final TargetDates targets;
  private final ReportedProgressNotes reported;
  private final DoneBeforeEntries doneBefore;
  private final CalledChecks calledChecks;

  public AuditTrail(HistoryService history, RepositoryService repository, FormRules forms, RoadmapNotes notes,
      OutsideFormChanges outsideForms, Roadmap roadmap, TargetDates targets, ReportedProgressNotes reported,
      DoneBeforeEntries doneBefore) {
    this.reported = reported;
    this.doneBefore = doneBefore;
    this.roadmap = roadmap;
    this.targets = targets;
    this.history = history;
    this.repository = repository;
    this.forms = forms;
    this.notes = notes;
    this.outsideForms = outsideForms;
    this.calledChecks = new CalledChecks(history);
  }

  /**
   * The office's trail, oldest first: its migrations and HEC's target dates for it (or for all offices); empty when
   * the office never started a migration and has no target.
   */
  public List<AuditEntry> of(String office) {
    String key = Office.normalise(office);
    List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(DashboardQueries.KEY).processInstanceBusinessKey(key).list();
    if (instances.isEmpty()) {
      return targetDates(key);
    }
    // the checks each migration called ran in instances of their own: their tasks and evidence are the migration's
    Map<String, CalledChecks.Call> calls = new HashMap<>();
    instances.forEach(pi -> calls.putAll(calledChecks.of(pi.getId())));
    String[] ids = java.util.stream.Stream.concat(instances.stream().map(HistoricProcessInstance::getId),
        calls.keySet().stream()).toArray(String[]::new);

    // Variable updates by the activity instance (or task) that wrote them: one query for all the office's instances.
    Map<String, List<HistoricVariableUpdate>> byWriter = new HashMap<>();
    List<HistoricVariableUpdate> checkUpdates = new ArrayList<>();
    // binary values are fetched: the lists a form enters (dynamic lists) are JSON values kept as byte arrays
    Map<String, Map<String, Object>> firstValues = new HashMap<>();
    for (HistoricDetail d : history.createHistoricDetailQuery().processInstanceIdIn(ids).variableUpdates()
        .orderPartiallyByOccurrence().asc().list()) {
      HistoricVariableUpdate u = (HistoricVariableUpdate) d;
      firstValues.computeIfAbsent(u.getProcessInstanceId(), k -> new HashMap<>())
          .putIfAbsent(u.getVariableName(), u.getValue());
      if (CHECK_VARIABLES.contains(u.getVariableName())) {
        checkUpdates.add(u);
      }
      if (u.getTaskId() != null) {
        byWriter.computeIfAbsent(u.getTaskId(), k -> new ArrayList<>()).add(u);
      }
      if (u.getActivityInstanceId() != null) {
        byWriter.computeIfAbsent(u.getActivityInstanceId(), k -> new ArrayList<>()).add(u);
      }
    }

    List<AuditEntry> entries = new ArrayList<>();
    for (HistoricProcessInstance pi : instances) {
      Map<String, String> completedBy = new HashMap<>();
      List<String> own = new ArrayList<>(List.of(pi.getId()));
      calls.forEach((called, call) -> {
        if (call.migrationInstanceId().equals(pi.getId())) {
          own.add(called);
        }
      });
      for (String instance : own) {
        for (UserOperationLogEntry log : history.createUserOperationLogQuery().processInstanceId(instance)
            .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list()) {
          if (log.getTaskId() != null && log.getUserId() != null) {
            completedBy.put(log.getTaskId(), log.getUserId());
          }
        }
      }
      entries.addAll(outsideForms.of(key, pi.getId()));
      own.stream().filter(id -> !id.equals(pi.getId()))
          .forEach(called -> entries.addAll(outsideForms.of(key, called, pi.getId())));
      BpmnModelInstance model = repository.getBpmnModelInstance(pi.getProcessDefinitionId());
      RoadmapFacts facts = roadmap.of(pi.getProcessDefinitionId());
      entries.add(started(key, pi, model, firstValues.getOrDefault(pi.getId(), Map.of())));
      entries.addAll(doneBefore.of(key, pi)); // an office HEC started where it stands: the items before its step
      Map<String, Set<String>> inputs = new HashMap<>();
      Map<String, BpmnModelInstance> models = new HashMap<>();
      for (HistoricTaskInstance t : history.createHistoricTaskInstanceQuery().rootProcessInstanceId(pi.getId())
          .finished().list()) {
        if (!"completed".equals(t.getDeleteReason())) {
          continue; // cancelled with its migration or by a boundary timer: nobody completed it
        }
        // a task of a called check: its own model's form and inputs, its check's step
        BpmnModelInstance taskModel = t.getProcessDefinitionId().equals(pi.getProcessDefinitionId()) ? model
            : models.computeIfAbsent(t.getProcessDefinitionId(), repository::getBpmnModelInstance);
        String factKey = CalledChecks.keyOf(calls, t.getProcessInstanceId(), t.getTaskDefinitionKey());
        Set<String> mapped = inputs.computeIfAbsent(t.getProcessDefinitionId() + "/" + t.getTaskDefinitionKey(),
            k -> inputParameters(taskModel, t.getTaskDefinitionKey()));
        Map<String, Object> evidence = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (String writer : new String[] {t.getId(), t.getActivityInstanceId()}) {
          for (HistoricVariableUpdate u : byWriter.getOrDefault(writer, List.of())) {
            if (!mapped.contains(u.getVariableName()) && seen.add(u.getId())) {
              evidence.put(u.getVariableName(), readable(u.getValue()));
            }
          }
        }
        String user = completedBy.getOrDefault(t.getId(), t.getAssignee());
        entries.add(new AuditEntry(DashboardQueries.instant(t.getEndTime()), key, pi.getId(), "TASK_COMPLETED",
            facts.step(factKey), t.getTaskDefinitionKey(), t.getName(), user, null, evidence,
            List.of(), AuditField.of(evidence, forms.labels(formRef(taskModel, t.getTaskDefinitionKey()))), null));
      }
      if (pi.getEndTime() != null && HistoricProcessInstance.STATE_COMPLETED.equals(pi.getState())) {
        entries.add(new AuditEntry(DashboardQueries.instant(pi.getEndTime()), key, pi.getId(), "FINISHED",
            facts.stepCount(), null,
            "Migration complete", null, null, Map.of(), List.of()));
      }
    }
    for (HistoricVariableUpdate u : checkUpdates) {
      entries.add(check(key, u, roadmap.of(u.getProcessDefinitionId())));
    }
    entries.addAll(notes.of(key, instances)); // skipped, not applicable, the District's comments
    entries.addAll(reported.of(key, ids)); // what the district's tools reported, by token name
    entries.addAll(targetDates(key));
    entries.sort(Comparator.comparing(AuditEntry::time, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(e -> order(e.type())));
    return entries;
  }

  /** "Target date set by hec-engineer": HEC's target dates for this office or for all, with who and when. */
  private List<AuditEntry> targetDates(String office) {
    List<AuditEntry> entries = new ArrayList<>();
    for (TargetDates.Change c : targets.changesFor(office)) {
      String scope = c.forAll() ? "all offices" : "this office";
      Map<String, Object> evidence = new LinkedHashMap<>();
      evidence.put("targetDate", c.date() == null ? null : c.date().toString());
      evidence.put("forAllOffices", c.forAll());
      List<AuditField> fields = new ArrayList<>();
      fields.add(new AuditField("targetDate", "Target date", c.date() == null ? "none (cleared)"
          : AuditField.text(c.date().toString(), null), null));
      fields.add(new AuditField("forAllOffices", "For", scope, null));
      entries.add(new AuditEntry(c.setAt(), office, null, "TARGET_DATE", null, null,
          (c.date() == null ? "Target date cleared by " : "Target date set by ") + c.setBy() + " (" + scope + ")",
          c.setBy(), null, evidence, List.of(), List.copyOf(fields), null));
    }
    return entries;
  }

  private static int order(String type) {
    return switch (type) {
      case "STARTED" -> 0;
      case "DONE_BEFORE", "TASK_COMPLETED" -> 1;
      case "CHECK" -> 2;
      case "COMMENT", "NOT_APPLICABLE", "SKIPPED", "ROADMAP_VERSION" -> 3; // after the completion that wrote them
      default -> 4;
    };
  }

  private static AuditEntry check(String office, HistoricVariableUpdate u, RoadmapFacts facts) {
    Environment stored = Environment.ofResultVariable(u.getVariableName());
    // the activity that verifies this environment in the office's version of the model (its input "environment")
    String activity = facts.checkOf(stored.name());
    // when the engine stored the result (the engine's clock, like every other line), not the verifier's own stamp
    Instant time = DashboardQueries.instant(u.getTime());
    VerificationReport report = VerificationReport.read(u.getValue());
    if (report == null) {
      report = VerificationReport.unreadable("no report was stored");
    }
    Environment env = report.environment() != null ? report.environment() : stored;
    List<CheckLine> lines = report.checks().stream()
        .map(c -> new CheckLine(c.check(), c.passed(), c.evidence())).toList();
    return new AuditEntry(time, office, u.getProcessInstanceId(), "CHECK", facts.step(activity), activity,
        "Automated check of " + env.label(), null, report.passed(), Map.of(), lines, List.of(),
        Findings.of(report));
  }

  /** The start: who started it, with what the start form stored (office, T7 CDA URL, critical series, ...). */
  private AuditEntry started(String office, HistoricProcessInstance pi, BpmnModelInstance model,
      Map<String, Object> firstValues) {
    String formId = null;
    if (model != null) {
      for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
        if (start.getParentElement() instanceof org.camunda.bpm.model.bpmn.instance.Process) {
          formId = start.getAttributeValueNs(CAMUNDA_NS, "formRef");
        }
      }
    }
    FormLabels labels = forms.labels(formId);
    Map<String, Object> evidence = new LinkedHashMap<>();
    labels.fields().keySet().forEach(k -> {
      if (firstValues.get(k) != null) {
        evidence.put(k, readable(firstValues.get(k)));
      }
    });
    return new AuditEntry(DashboardQueries.instant(pi.getStartTime()), office, pi.getId(), "STARTED", null, null,
        "Migration started", pi.getStartUserId(), null, evidence, List.of(), AuditField.of(evidence, labels), null);
  }

  private static String formRef(BpmnModelInstance model, String activityId) {
    if (model != null && model.getModelElementById(activityId) instanceof BaseElement element) {
      return element.getAttributeValueNs(CAMUNDA_NS, "formRef");
    }
    return null;
  }

  private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

  /** Local variables a task gets from its input mapping (e.g. a fix task's findings): not what its user entered. */
  private static Set<String> inputParameters(BpmnModelInstance model, String activityId) {
    Set<String> names = new HashSet<>();
    if (model != null && model.getModelElementById(activityId) instanceof BaseElement element) {
      ExtensionElements ext = element.getExtensionElements();
      if (ext != null) {
        for (CamundaInputOutput io : ext.getChildElementsByType(CamundaInputOutput.class)) {
          for (CamundaInputParameter p : io.getCamundaInputParameters()) {
            names.add(p.getCamundaName());
          }
        }
      }
    }
    return names;
  }

  /** For the JSON API: plain values; a form's list (Spin JSON) as JSON lists and objects. */
  private static Object readable(Object value) {
    if (value == null || value instanceof Boolean || value instanceof Number || value instanceof String) {
      return value;
    }
    if (value instanceof java.util.Date d) {
      return d.toInstant();
    }
    try {
      Object plain = JsonValues.plain(value);
      if (plain instanceof List<?> || plain instanceof Map<?, ?>) {
        return plain;
      }
    } catch (IllegalArgumentException e) {
      // not JSON: its text below
    }
    return String.valueOf(value);
  }
}
