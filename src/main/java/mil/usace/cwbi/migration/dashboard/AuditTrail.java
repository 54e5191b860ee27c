package mil.usace.cwbi.migration.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import mil.usace.cwbi.migration.verification.Environment;
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
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.springframework.stereotype.Component;

/**
 * An office's audit trail from the engine's full history: who started the migration, who completed which task
 * when with the evidence its form stored, and every check's result. Cockpit Community shows none of this.
 */
@Component
public class AuditTrail {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> CHECK_VARIABLES = new HashSet<>();

  static {
    for (Environment e : Environment.values()) {
      CHECK_VARIABLES.add(e.resultVariable());
    }
  }

  private final HistoryService history;
  private final RepositoryService repository;
  private final OutsideFormChanges outsideForms;

  public AuditTrail(HistoryService history, RepositoryService repository, OutsideFormChanges outsideForms) {
    this.history = history;
    this.repository = repository;
    this.outsideForms = outsideForms;
  }

  /** The office's trail, oldest first; empty when the office never started a migration. */
  public List<AuditEntry> of(String office) {
    String key = office.strip().toUpperCase(Locale.ROOT);
    List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(DashboardQueries.KEY).processInstanceBusinessKey(key).list();
    if (instances.isEmpty()) {
      return List.of();
    }
    String[] ids = instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new);

    // Variable updates by the activity instance (or task) that wrote them: one query for all the office's instances.
    Map<String, List<HistoricVariableUpdate>> byWriter = new HashMap<>();
    List<HistoricVariableUpdate> checkUpdates = new ArrayList<>();
    for (HistoricDetail d : history.createHistoricDetailQuery().processInstanceIdIn(ids).variableUpdates()
        .disableBinaryFetching().orderPartiallyByOccurrence().asc().list()) {
      HistoricVariableUpdate u = (HistoricVariableUpdate) d;
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
      for (UserOperationLogEntry log : history.createUserOperationLogQuery().processInstanceId(pi.getId())
          .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list()) {
        if (log.getTaskId() != null && log.getUserId() != null) {
          completedBy.put(log.getTaskId(), log.getUserId());
        }
      }
      entries.add(new AuditEntry(DashboardQueries.instant(pi.getStartTime()), key, pi.getId(), "STARTED", null,
          null, "Migration started", pi.getStartUserId(), null, Map.of(), List.of()));
      entries.addAll(outsideForms.of(key, pi.getId()));
      Map<String, Set<String>> inputs = new HashMap<>();
      BpmnModelInstance model = repository.getBpmnModelInstance(pi.getProcessDefinitionId());
      for (HistoricTaskInstance t : history.createHistoricTaskInstanceQuery().processInstanceId(pi.getId())
          .finished().list()) {
        if (!"completed".equals(t.getDeleteReason())) {
          continue; // cancelled with its migration or by a boundary timer: nobody completed it
        }
        Set<String> mapped = inputs.computeIfAbsent(t.getTaskDefinitionKey(), k -> inputParameters(model, k));
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
            Steps.of(t.getTaskDefinitionKey()), t.getTaskDefinitionKey(), t.getName(), user, null, evidence,
            List.of()));
      }
      if (pi.getEndTime() != null && HistoricProcessInstance.STATE_COMPLETED.equals(pi.getState())) {
        entries.add(new AuditEntry(DashboardQueries.instant(pi.getEndTime()), key, pi.getId(), "FINISHED", 9, null,
            "Migration complete", null, null, Map.of(), List.of()));
      }
    }
    for (HistoricVariableUpdate u : checkUpdates) {
      entries.add(check(key, u));
    }
    entries.sort(Comparator.comparing(AuditEntry::time, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(e -> order(e.type())));
    return entries;
  }

  private static int order(String type) {
    return switch (type) {
      case "STARTED" -> 0;
      case "TASK_COMPLETED" -> 1;
      case "CHECK" -> 2;
      default -> 3;
    };
  }

  private static AuditEntry check(String office, HistoricVariableUpdate u) {
    String activity = "verify_" + u.getVariableName().substring("verification_".length());
    // when the engine stored the result (the engine's clock, like every other line), not the verifier's own stamp
    Instant time = DashboardQueries.instant(u.getTime());
    Boolean passed = null;
    String environment = u.getVariableName();
    List<CheckLine> lines = new ArrayList<>();
    try {
      JsonNode doc = JSON.readTree(String.valueOf(u.getValue()));
      passed = doc.path("passed").asBoolean(false);
      environment = doc.path("environment").asText(environment);
      for (JsonNode line : doc.path("checks")) {
        lines.add(new CheckLine(line.path("check").asText(), line.path("passed").asBoolean(false),
            line.path("evidence").asText()));
      }
    } catch (Exception e) {
      passed = false;
      lines.add(new CheckLine("report", false, "unreadable: " + e.getMessage()));
    }
    return new AuditEntry(time, office, u.getProcessInstanceId(), "CHECK",
        Steps.of(activity), activity,
        "Check " + environment, null, passed, Map.of(), lines);
  }

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

  private static Object readable(Object value) {
    if (value == null || value instanceof Boolean || value instanceof Number || value instanceof String) {
      return value;
    }
    if (value instanceof java.util.Date d) {
      return d.toInstant();
    }
    return String.valueOf(value);
  }
}
