package mil.usace.cwbi.migration.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.process.StartStep;
import mil.usace.cwbi.migration.roadmap.Roadmap;
import mil.usace.cwbi.migration.roadmap.RoadmapFacts;
import mil.usace.cwbi.migration.roadmap.RoadmapFacts.RoadmapItem;
import mil.usace.cwbi.migration.verification.Readable;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.springframework.stereotype.Component;

/**
 * The roadmap items of an office that HEC started where it stands (issue 14): every item of the steps before the
 * start step is "done before this application", declared by the migration's starter at its start, with the
 * evidence given on the start form. Items come from the office's roadmap version ({@link Roadmap}); an item only an
 * office with USGS data has (its task sits behind a {@code usesUsgsData} condition) is left out for one without.
 */
@Component
public class DoneBeforeEntries {

  public static final String TYPE = "DONE_BEFORE";

  private final HistoryService history;
  private final RepositoryService repository;
  private final Roadmap roadmap;

  public DoneBeforeEntries(HistoryService history, RepositoryService repository, Roadmap roadmap) {
    this.history = history;
    this.repository = repository;
    this.roadmap = roadmap;
  }

  /** The office's "done before this application" lines of one migration, in roadmap order; none for a Step 1 start. */
  public List<AuditEntry> of(String office, HistoricProcessInstance pi) {
    Map<String, Object> start = new HashMap<>();
    for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableNameIn(StartStep.VARIABLE, StartStep.EVIDENCE, MigrationVariables.USES_USGS_DATA)
        .disableBinaryFetching().list()) {
      start.put(v.getName(), v.getValue());
    }
    Integer step = StartStep.parse(start.get(StartStep.VARIABLE));
    if (step == null || step <= 1) {
      return List.of();
    }
    Object evidenceText = start.get(StartStep.EVIDENCE);
    boolean usgs = Boolean.TRUE.equals(start.get(MigrationVariables.USES_USGS_DATA));
    Instant declaredAt = DashboardQueries.instant(pi.getStartTime());
    String by = pi.getStartUserId() == null ? "HEC" : pi.getStartUserId();
    String on = declaredAt == null ? "" : " on " + Readable.time(declaredAt);
    BpmnModelInstance model = repository.getBpmnModelInstance(pi.getProcessDefinitionId());
    List<AuditEntry> entries = new ArrayList<>();
    for (RoadmapItem item : itemsBefore(roadmap.of(pi.getProcessDefinitionId()), step)) {
      if (!usgs && onlyWithUsgsData(model, item.activityId())) {
        continue;
      }
      Map<String, Object> evidence = new LinkedHashMap<>();
      evidence.put("Declared by", by);
      evidence.put("Declared on", declaredAt == null ? null : Readable.time(declaredAt));
      evidence.put("Started at", "Step " + step);
      evidence.put("Evidence", evidenceText == null || evidenceText.toString().isBlank() ? "none given"
          : evidenceText.toString());
      entries.add(new AuditEntry(declaredAt, office, pi.getId(), TYPE, item.step(), item.activityId(),
          title(item) + ": done before this application, declared by " + by + on, by, null, evidence, List.of()));
    }
    return entries;
  }

  /** The items of the steps before {@code step}. */
  public static List<RoadmapItem> itemsBefore(RoadmapFacts facts, int step) {
    return facts.roadmapItems().stream().filter(i -> i.step() < step).toList();
  }

  /** "Task 1.1: Convert custom scripts to ...", "Task 4.2: Add all LDM data products to CWBI-TEST". */
  public static String title(RoadmapItem item) {
    String name = item.name() == null ? item.activityId()
        : item.name().replaceFirst("^\\s*(Task|Step)\\s+[\\d.]+\\s*[:\\u2013\\u2014-]\\s*", "");
    return "Task " + item.number() + ": " + name;
  }

  /** Per instance the step it started at, for those started past Step 1 (one bulk query). */
  public Map<String, Integer> startSteps(Collection<String> instanceIds) {
    Map<String, Integer> steps = new HashMap<>();
    if (instanceIds.isEmpty()) {
      return steps;
    }
    Set<String> wanted = Set.copyOf(instanceIds);
    for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
        .processDefinitionKey(MigrationVariables.PROCESS_KEY).variableName(StartStep.VARIABLE)
        .disableBinaryFetching().list()) {
      Integer step = StartStep.parse(v.getValue());
      if (wanted.contains(v.getProcessInstanceId()) && step != null && step > 1) {
        steps.put(v.getProcessInstanceId(), step);
      }
    }
    return steps;
  }

  private static boolean onlyWithUsgsData(BpmnModelInstance model, String activityId) {
    if (model == null || !(model.getModelElementById(activityId) instanceof FlowNode task)) {
      return false;
    }
    for (SequenceFlow in : task.getIncoming()) {
      ConditionExpression c = in.getConditionExpression();
      String text = c == null ? "" : c.getTextContent().replaceAll("\\s", "");
      if (text.contains(MigrationVariables.USES_USGS_DATA) && !text.contains("!" + MigrationVariables.USES_USGS_DATA)
          && !text.contains("not" + MigrationVariables.USES_USGS_DATA)) {
        return true;
      }
    }
    return false;
  }
}
