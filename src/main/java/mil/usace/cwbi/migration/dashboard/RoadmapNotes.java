package mil.usace.cwbi.migration.dashboard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mil.usace.cwbi.migration.process.forms.FormRules;
import mil.usace.cwbi.migration.roadmap.Roadmap;
import mil.usace.cwbi.migration.roadmap.RoadmapFacts;
import mil.usace.cwbi.migration.process.versions.RoadmapVersions;
import mil.usace.cwbi.migration.process.versions.RunningOfficesMover;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.springframework.stereotype.Component;

/**
 * What the audit trail and the dashboard say about the roadmap's "may vary" and about the District's part where HEC
 * works with it:
 * <ul>
 *   <li>SKIPPED: an item the District's own answers made empty (the model's pass-by events, whose {@code skips}
 *       property names the task they pass by; their name and documentation say why);</li>
 *   <li>NOT_APPLICABLE: an item HEC marked "Not applicable for this office" on its form, with HEC's reason;</li>
 *   <li>COMMENT: the District's comments on Step 4 and Step 6 work, and its proposals of another test duration;</li>
 *   <li>ROADMAP_VERSION: the office's migration moved to a new version of the roadmap, when, and what that changed
 *       for it ({@link RunningOfficesMover}).</li>
 * </ul>
 * Entries speak the roadmap's words: task names from the model, evidence under readable labels.
 */
@Component
public class RoadmapNotes {

  static final String NONE_THROW = "intermediateNoneThrowEvent";
  static final String NOT_APPLICABLE = "NotApplicable";

  /** Comment variables of the District's forms, with what they comment on. */
  static final Map<String, String> COMMENTS = Map.of(
      "step4Comment", "Comment from the District on Step 4",
      "step6DistrictComment", "Comment from the District on HEC's Step 6 fixes");

  private final HistoryService history;
  private final RepositoryService repository;
  private final FormRules forms;
  private final Roadmap roadmap;

  public RoadmapNotes(HistoryService history, RepositoryService repository, FormRules forms, Roadmap roadmap) {
    this.roadmap = roadmap;
    this.history = history;
    this.repository = repository;
    this.forms = forms;
  }

  /** The office's skipped, not-applicable and comment entries. */
  public List<AuditEntry> of(String office, List<HistoricProcessInstance> instances) {
    List<AuditEntry> entries = new ArrayList<>();
    for (HistoricProcessInstance pi : instances) {
      BpmnModelInstance model = repository.getBpmnModelInstance(pi.getProcessDefinitionId());
      RoadmapFacts facts = roadmap.of(pi.getProcessDefinitionId());
      for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
          .activityType(NONE_THROW).list()) {
        String item = facts.skippedTask(a.getActivityId()); // the model says which task it passes by
        if (item == null) {
          continue;
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("Why", reason(model, a));
        entries.add(new AuditEntry(DashboardQueries.instant(a.getStartTime()), office, pi.getId(), "SKIPPED",
            facts.step(item), item, "Not needed: " + nameOf(model, item), null, null, evidence, List.of()));
      }
      entries.addAll(fromTasks(office, pi, facts));
      entries.addAll(versionMoves(office, pi));
    }
    return entries;
  }

  /** Each move of the office to a new roadmap version: a value of {@link RunningOfficesMover#NOTE_VARIABLE}. */
  private List<AuditEntry> versionMoves(String office, HistoricProcessInstance pi) {
    List<AuditEntry> entries = new ArrayList<>();
    for (HistoricDetail d : history.createHistoricDetailQuery().processInstanceId(pi.getId()).variableUpdates()
        .variableNameLike(RunningOfficesMover.NOTE_VARIABLE).disableBinaryFetching().list()) {
      HistoricVariableUpdate u = (HistoricVariableUpdate) d;
      if (!RunningOfficesMover.NOTE_VARIABLE.equals(u.getVariableName()) || u.getValue() == null) {
        continue;
      }
      String version = RoadmapVersions.label(repository.getProcessDefinition(u.getProcessDefinitionId()));
      Map<String, Object> evidence = new LinkedHashMap<>();
      evidence.put("What changed", u.getValue().toString());
      entries.add(new AuditEntry(DashboardQueries.instant(u.getTime()), office, pi.getId(), "ROADMAP_VERSION", null,
          null, "Moved to roadmap version " + version, null, null, evidence, List.of()));
    }
    return entries;
  }

  private List<AuditEntry> fromTasks(String office, HistoricProcessInstance pi, RoadmapFacts facts) {
    Map<String, HistoricTaskInstance> tasks = new HashMap<>(); // by task id and by its activity instance id
    for (HistoricTaskInstance t : history.createHistoricTaskInstanceQuery().processInstanceId(pi.getId()).finished()
        .list()) {
      tasks.put(t.getId(), t);
      if (t.getActivityInstanceId() != null) {
        tasks.put(t.getActivityInstanceId(), t);
      }
    }
    // What each task's form submission wrote: an update carries its task's id or its activity instance id.
    Map<String, Map<String, Object>> written = new LinkedHashMap<>();
    for (HistoricDetail d : history.createHistoricDetailQuery().processInstanceId(pi.getId()).variableUpdates()
        .disableBinaryFetching().orderPartiallyByOccurrence().asc().list()) {
      HistoricVariableUpdate u = (HistoricVariableUpdate) d;
      HistoricTaskInstance t = u.getTaskId() != null ? tasks.get(u.getTaskId())
          : u.getActivityInstanceId() != null ? tasks.get(u.getActivityInstanceId()) : null;
      if (t != null) {
        written.computeIfAbsent(t.getId(), k -> new HashMap<>()).put(u.getVariableName(), u.getValue());
      }
    }
    if (written.isEmpty()) {
      return List.of();
    }
    Map<String, String> completedBy = new HashMap<>();
    for (UserOperationLogEntry log : history.createUserOperationLogQuery().processInstanceId(pi.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list()) {
      if (log.getTaskId() != null && log.getUserId() != null) {
        completedBy.put(log.getTaskId(), log.getUserId());
      }
    }
    List<AuditEntry> entries = new ArrayList<>();
    written.forEach((taskId, values) -> {
      HistoricTaskInstance t = tasks.get(taskId);
      if (t == null || !"completed".equals(t.getDeleteReason())) {
        return;
      }
      String user = completedBy.getOrDefault(taskId, t.getAssignee());
      var time = DashboardQueries.instant(t.getEndTime());
      String key = t.getTaskDefinitionKey();
      values.forEach((name, value) -> {
        if (name.endsWith(NOT_APPLICABLE) && Boolean.TRUE.equals(value)) {
          Map<String, Object> evidence = new LinkedHashMap<>();
          evidence.put("Why", values.get(name + "Reason"));
          entries.add(new AuditEntry(time, office, pi.getId(), "NOT_APPLICABLE", facts.step(key), key,
              "Not applicable for this office: " + t.getName(), user, null, evidence, List.of()));
        }
        if (COMMENTS.containsKey(name) && value != null && !value.toString().isBlank()) {
          entries.add(new AuditEntry(time, office, pi.getId(), "COMMENT", facts.step(key), key, COMMENTS.get(name),
              user, null, Map.of("Comment", value.toString()), List.of()));
        }
      });
      Object proposed = values.get("proposedTestPeriod");
      if (proposed != null && !Boolean.TRUE.equals(values.get("testPeriodAgreed"))) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("Proposed testing duration", proposed);
        evidence.put("Why", values.get("proposedTestPeriodReason"));
        entries.add(new AuditEntry(time, office, pi.getId(), "COMMENT", facts.step(key), key,
            "The District proposes another testing duration", user, null, evidence, List.of()));
      }
    });
    return entries;
  }

  /** The ids of the events that pass a roadmap item by (their {@code skips} property) in these versions. */
  Set<String> skipEventIds(Collection<String> processDefinitionIds) {
    Set<String> ids = new java.util.TreeSet<>();
    for (String definition : processDefinitionIds) {
      RoadmapFacts facts = roadmap.of(definition);
      facts.activityIds().stream().filter(id -> facts.skippedTask(id) != null).forEach(ids::add);
    }
    return ids;
  }

  /**
   * Per process instance, the roadmap items that do not apply to the office, in words: those skipped by the
   * District's answers and those HEC marked not applicable. {@code skipEvents}: the instances' {@code skip_*}
   * events, read by the caller by instance and activity id ({@link #skipEventIds}, an index seek: the activity type
   * has no index, and a query by type walked the whole activity history, issue 13). Two bulk variable queries
   * besides, whatever the number of offices.
   */
  public Map<String, List<String>> notApplicableByInstance(String processDefinitionKey, Set<String> instanceIds,
      Collection<HistoricActivityInstance> skipEvents) {
    Map<String, List<String>> result = new HashMap<>();
    if (instanceIds.isEmpty()) {
      return result;
    }
    Map<String, BpmnModelInstance> models = new HashMap<>();
    for (HistoricActivityInstance a : skipEvents) {
      String skipped = instanceIds.contains(a.getProcessInstanceId()) && NONE_THROW.equals(a.getActivityType())
          ? roadmap.of(a.getProcessDefinitionId()).skippedTask(a.getActivityId()) : null; // the model says which
      if (skipped == null) {
        continue;
      }
      BpmnModelInstance model = models.computeIfAbsent(a.getProcessDefinitionId(), repository::getBpmnModelInstance);
      result.computeIfAbsent(a.getProcessInstanceId(), k -> new ArrayList<>())
          .add(nameOf(model, skipped) + ": not needed (" + a.getActivityName()
              .replaceFirst("^Skipped: ", "") + ")");
    }
    // the boxes and their reasons by exact name (an index seek on the name): a name "like '%...'" walked every
    // variable of the process, and task-local variables grow with the re-checks (issue 13)
    Set<String> boxes = notApplicableBoxes();
    List<String> names = new ArrayList<>(boxes);
    boxes.forEach(b -> names.add(b + "Reason"));
    Map<String, Object> reasons = new HashMap<>();
    // (the name alone: with the process key H2 may choose the key's index, every variable of the process)
    List<HistoricVariableInstance> values = names.isEmpty() ? List.of() : history.createHistoricVariableInstanceQuery()
        .variableNameIn(names.toArray(String[]::new)).disableBinaryFetching().list();
    for (HistoricVariableInstance v : values) {
      if (v.getName().endsWith(NOT_APPLICABLE + "Reason") && instanceIds.contains(v.getProcessInstanceId())) {
        reasons.put(v.getProcessInstanceId() + "/" + v.getName(), v.getValue());
      }
    }
    for (HistoricVariableInstance v : values) {
      if (!v.getName().endsWith(NOT_APPLICABLE) || !instanceIds.contains(v.getProcessInstanceId())
          || !Boolean.TRUE.equals(v.getValue())) {
        continue;
      }
      Object why = reasons.get(v.getProcessInstanceId() + "/" + v.getName() + "Reason");
      BpmnModelInstance model = models.computeIfAbsent(v.getProcessDefinitionId(), repository::getBpmnModelInstance);
      result.computeIfAbsent(v.getProcessInstanceId(), k -> new ArrayList<>())
          .add(itemOfBox(model, v.getName()) + ": not applicable" + (why == null ? "" : " (" + why + ")"));
    }
    return result;
  }

  /** The names of HEC's "Not applicable for this office" boxes on the roadmap's forms ({@code <item>NotApplicable}). */
  public Set<String> notApplicableBoxes() {
    Set<String> boxes = new java.util.TreeSet<>();
    for (String formId : forms.formIds()) {
      forms.rules(formId).stream().filter(r -> r.key().endsWith(NOT_APPLICABLE)).forEach(r -> boxes.add(r.key()));
    }
    return boxes;
  }

  /** The roadmap item whose form has the box {@code <box>NotApplicable}: its task's name (form id = task key). */
  private String itemOfBox(BpmnModelInstance model, String notApplicableKey) {
    for (String formId : forms.formIds()) {
      if (forms.rules(formId).stream().anyMatch(r -> r.key().equals(notApplicableKey))) {
        return nameOf(model, formId.replace('-', '_'));
      }
    }
    return notApplicableKey;
  }

  private static String nameOf(BpmnModelInstance model, String activityId) {
    return model != null && model.getModelElementById(activityId) instanceof FlowNode node && node.getName() != null
        ? node.getName() : activityId;
  }

  private static String reason(BpmnModelInstance model, HistoricActivityInstance a) {
    if (model != null && model.getModelElementById(a.getActivityId()) instanceof FlowNode node) {
      Collection<Documentation> docs = node.getDocumentations();
      if (!docs.isEmpty()) {
        return docs.iterator().next().getTextContent();
      }
    }
    return a.getActivityName();
  }
}
