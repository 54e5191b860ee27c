package mil.usace.cwbi.migration.dashboard;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import mil.usace.cwbi.migration.dashboard.Portfolio.Cell;
import mil.usace.cwbi.migration.dashboard.Portfolio.Status;
import mil.usace.cwbi.migration.dashboard.RoadmapItems.Item;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.process.forms.FormRules;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import mil.usace.cwbi.migration.engine.EngineClock;
import org.springframework.stereotype.Component;

/**
 * Every office's status per roadmap item, for the portfolio export. The offices and their current step are the
 * dashboard's ({@link DashboardQueries}); the items' statuses come from a fixed number of bulk history queries
 * (tasks, skip events, "not applicable" boxes, the USGS answer), whatever the number of offices.
 */
@Component
public class PortfolioQueries {

  private final DashboardQueries dashboard;
  private final HistoryService history;
  private final RoadmapItems roadmap;
  private final FormRules forms;
  private final DoneBeforeEntries doneBefore;

  public PortfolioQueries(DashboardQueries dashboard, HistoryService history, RoadmapItems roadmap, FormRules forms,
      DoneBeforeEntries doneBefore) {
    this.doneBefore = doneBefore;
    this.dashboard = dashboard;
    this.history = history;
    this.roadmap = roadmap;
    this.forms = forms;
  }

  public Portfolio portfolio() {
    Date now = EngineClock.getCurrentTime();
    List<OfficeRow> rows = dashboard.offices().stream().sorted(Comparator.comparing(OfficeRow::office)).toList();
    Set<String> instances = rows.stream().map(OfficeRow::processInstanceId).filter(id -> id != null)
        .collect(Collectors.toSet());
    Facts facts = facts(instances);
    List<Item> items = roadmap.items();
    List<Portfolio.Office> offices = new ArrayList<>();
    for (OfficeRow row : rows) {
      List<Cell> cells = new ArrayList<>();
      for (Item item : items) {
        cells.add(row.processInstanceId() == null ? Cell.NOT_STARTED : cell(item, row, facts, now));
      }
      offices.add(new Portfolio.Office(row.office(), migration(row), currentStep(row), cells));
    }
    return new Portfolio(now.toInstant(), items, offices);
  }

  static String migration(OfficeRow row) {
    return switch (row.state()) {
      case "NOT_STARTED" -> "Not started";
      case "BLOCKED" -> "Held at " + row.blockedAt();
      case "FINISHED" -> "Finished" + (row.ended() == null ? "" : " " + day(Date.from(row.ended())));
      default -> "Running";
    };
  }

  private String currentStep(OfficeRow row) {
    return switch (row.state()) {
      case "NOT_STARTED" -> "";
      case "FINISHED" -> "All " + roadmap.stepCount() + " steps done";
      default -> roadmap.stepTitle(row.step());
    };
  }

  /** One item of one started office; the order of the rules decides (an open task wins over an earlier "done"). */
  private Cell cell(Item item, OfficeRow row, Facts facts, Date now) {
    String pi = row.processInstanceId();
    List<HistoricTaskInstance> tasks = facts.tasks.getOrDefault(pi + "/" + item.number(), List.of());
    HistoricTaskInstance open = tasks.stream().filter(t -> t.getEndTime() == null)
        .min(Comparator.comparing(HistoricTaskInstance::getStartTime)).orElse(null);
    if (open != null) {
      return new Cell(Status.OPEN, day(open.getStartTime()), open.getDueDate() != null && open.getDueDate().before(now));
    }
    HistoricTaskInstance done = tasks.stream().filter(t -> "completed".equals(t.getDeleteReason()))
        .max(Comparator.comparing(HistoricTaskInstance::getEndTime)).orElse(null);
    if (done != null) {
      boolean notApplicable = facts.notApplicable.contains(pi + "/" + done.getTaskDefinitionKey());
      return new Cell(notApplicable ? Status.NOT_APPLICABLE : Status.DONE, day(done.getEndTime()), false);
    }
    Date skipped = facts.skipped.get(pi + "/" + item.number());
    if (skipped != null) {
      return new Cell(Status.SKIPPED, day(skipped), false);
    }
    if (roadmap.usgsOnly(item) && Boolean.FALSE.equals(facts.usesUsgs.get(pi))) {
      return new Cell(Status.NOT_APPLICABLE, row.started() == null ? null : day(Date.from(row.started())), false);
    }
    Integer startedAt = facts.startSteps.get(pi);
    if (startedAt != null && item.step() < startedAt) { // HEC started the office where it stands: declared done
      return new Cell(Status.DONE, row.started() == null ? null : day(Date.from(row.started())), false);
    }
    // Untouched and behind the office: passed by (Step 6 once Phase 3 began without it; an item its version lacks).
    boolean passed = "FINISHED".equals(row.state()) || row.step() != null && row.step() > item.step();
    return passed ? new Cell(Status.SKIPPED, null, false) : Cell.NOT_STARTED;
  }

  private Facts facts(Set<String> instances) {
    Facts f = new Facts();
    if (instances.isEmpty()) {
      return f;
    }
    // bounded reads (issue 13): by (instance, task) and by (instance, skip event), not every task or event ever
    for (HistoricTaskInstance t : dashboard.historicTasks(instances, roadmap.itemTaskKeys())) {
      Item item = roadmap.itemOf(t.getTaskDefinitionKey());
      if (item != null && instances.contains(t.getProcessInstanceId())) {
        f.tasks.computeIfAbsent(t.getProcessInstanceId() + "/" + item.number(), k -> new ArrayList<>()).add(t);
      }
    }
    for (HistoricActivityInstance a : dashboard.skipEvents(instances)) {
      if (!RoadmapNotes.NONE_THROW.equals(a.getActivityType())) {
        continue;
      }
      String skipped = roadmap.skippedTask(a.getProcessDefinitionId(), a.getActivityId()); // the model says which
      Item item = skipped == null ? null : roadmap.itemOf(skipped);
      if (item != null && instances.contains(a.getProcessInstanceId())) {
        f.skipped.merge(a.getProcessInstanceId() + "/" + item.number(), a.getStartTime(),
            (x, y) -> x.after(y) ? x : y);
      }
    }
    Map<String, String> taskOfBox = taskOfNotApplicableBox();
    for (HistoricVariableInstance v : taskOfBox.isEmpty() ? List.<HistoricVariableInstance>of()
        : history.createHistoricVariableInstanceQuery()
            .variableNameIn(taskOfBox.keySet().toArray(String[]::new)).disableBinaryFetching().list()) {
      String task = taskOfBox.get(v.getName());
      if (task != null && instances.contains(v.getProcessInstanceId()) && Boolean.TRUE.equals(v.getValue())) {
        f.notApplicable.add(v.getProcessInstanceId() + "/" + task);
      }
    }
    for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
        .variableName(MigrationVariables.USES_USGS_DATA).disableBinaryFetching().list()) {
      if (instances.contains(v.getProcessInstanceId()) && v.getValue() instanceof Boolean b) {
        f.usesUsgs.put(v.getProcessInstanceId(), b);
      }
    }
    f.startSteps = doneBefore.startSteps(instances);
    return f;
  }

  /** HEC's "Not applicable for this office" boxes, by the task whose form has them (form id = task key). */
  private Map<String, String> taskOfNotApplicableBox() {
    Map<String, String> result = new HashMap<>();
    for (String formId : forms.formIds()) {
      forms.rules(formId).stream().filter(r -> r.key().endsWith(RoadmapNotes.NOT_APPLICABLE))
          .forEach(r -> result.put(r.key(), formId.replace('-', '_')));
    }
    return result;
  }

  static LocalDate day(Date date) {
    return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** Per process instance (key "instance/item" or "instance/taskKey"). */
  private static final class Facts {
    final Map<String, List<HistoricTaskInstance>> tasks = new HashMap<>();
    final Map<String, Date> skipped = new HashMap<>();
    final Set<String> notApplicable = new java.util.HashSet<>();
    final Map<String, Boolean> usesUsgs = new HashMap<>();
    Map<String, Integer> startSteps = Map.of();
  }
}
