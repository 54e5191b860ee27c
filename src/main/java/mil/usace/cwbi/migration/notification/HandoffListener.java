package mil.usace.cwbi.migration.notification;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import mil.usace.cwbi.migration.engine.EngineCommand;
import mil.usace.cwbi.migration.process.MigrationScope;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.roadmap.CalledChecks;
import mil.usace.cwbi.migration.roadmap.RoadmapFacts;
import mil.usace.cwbi.migration.roadmap.Roadmap;
import mil.usace.cwbi.migration.verification.Findings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Watches every user task of the migration (added to each at parse time by {@link HandoffPlugin}):
 * <ul>
 *   <li>complete: remembers the lane, name and completer of the work just finished, for the tasks created in the
 *       same transaction (later ones read it from history), so the next task knows whether it is a handoff;</li>
 *   <li>create: a task in another lane than that work (or the first task of a migration) is a handoff; a fix task is
 *       a failed gate. Either mails the members of its candidate groups;</li>
 *   <li>assignment: a task assigned to someone by someone else mails that person.</li>
 * </ul>
 */
@Component
public class HandoffListener implements TaskListener {

  public static final String FINDINGS = "findings";
  public static final String LAST_GATE_NOTICE = "lastFailedGateNotice";
  /** Camunda's delete reason of a completed task (its history's {@code DELETE_REASON_}). */
  private static final String DELETE_REASON_COMPLETED = "completed";

  private final Notifier notifier;
  private final Recipients recipients;
  private final HistoryService history;
  private final Roadmap roadmap;
  private final IdentityService identity;
  private final Map<Object, Map<String, Completed>> completedNow = new ConcurrentHashMap<>();

  public HandoffListener(Notifier notifier, Recipients recipients, HistoryService history, Roadmap roadmap,
      IdentityService identity) {
    this.identity = identity;
    this.roadmap = roadmap;
    this.notifier = notifier;
    this.recipients = recipients;
    this.history = history;
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getEventName()) {
      case EVENTNAME_COMPLETE -> remember(task);
      case EVENTNAME_CREATE -> created(task);
      case EVENTNAME_ASSIGNMENT -> assigned(task);
      default -> { }
    }
  }

  /** What was finished last: lane (District/HEC), task name, who completed it. */
  record Completed(String lane, String task, String by) {}

  private void remember(DelegateTask task) {
    // Kept per command, not in process variables: parallel completions by two people must not collide on them.
    Object command = EngineCommand.current();
    completedNow.computeIfAbsent(command, c -> {
      EngineCommand.onEnd(() -> completedNow.remove(c), () -> completedNow.remove(c));
      return new ConcurrentHashMap<>();
    }).put(migrationOf(task), new Completed(laneOf(task), task.getName(),
        Objects.requireNonNullElse(currentUser(), Objects.requireNonNullElse(task.getAssignee(), "an API client"))));
  }

  /**
   * The migration a task belongs to: its own instance, or the migration that called the check it is in (a fix
   * task), so a handoff is judged against the office's last work wherever it was drawn.
   */
  private static String migrationOf(DelegateTask task) {
    DelegateExecution execution = task.getExecution();
    return execution == null ? task.getProcessInstanceId()
        : MigrationScope.of(execution).getProcessInstanceId();
  }

  /** The last user task completed in the migration (or a check it called): in this transaction, else from history. */
  Completed lastCompleted(String migrationInstanceId) {
    Object command = EngineCommand.current();
    Map<String, Completed> now = command == null ? null : completedNow.get(command);
    if (now != null && now.containsKey(migrationInstanceId)) {
      return now.get(migrationInstanceId);
    }
    return Privileged.call(() -> lastCompletedFromHistory(migrationInstanceId));
  }

  private Completed lastCompletedFromHistory(String migrationInstanceId) {
    List<HistoricTaskInstance> last = history.createHistoricTaskInstanceQuery()
        .rootProcessInstanceId(migrationInstanceId)
        // completed only: a fix task ended by its re-check timer was not work finished by anyone
        .finished().taskDeleteReason(DELETE_REASON_COMPLETED)
        .orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1);
    if (last.isEmpty()) {
      return null;
    }
    HistoricTaskInstance t = last.get(0);
    UserOperationLogEntry completion = history.createUserOperationLogQuery().taskId(t.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).listPage(0, 1).stream().findFirst()
        .orElse(null);
    String by = completion != null && completion.getUserId() != null ? completion.getUserId()
        : Objects.requireNonNullElse(t.getAssignee(), "an API client");
    String lane;
    if (t.getProcessInstanceId().equals(migrationInstanceId)) {
      lane = roadmap.of(t.getProcessDefinitionId()).lane(t.getTaskDefinitionKey());
    } else { // a fix task of a check the migration called: the lane of that check
      CalledChecks.Call call = new CalledChecks(history).of(migrationInstanceId).get(t.getProcessInstanceId());
      lane = call == null ? null : roadmap.of(call.migrationDefinitionId())
          .lane(RoadmapFacts.inCall(call.callActivityId(), t.getTaskDefinitionKey()));
    }
    return new Completed(lane, t.getName(), by);
  }

  private void created(DelegateTask task) {
    List<String> groups = candidateGroups(task);
    Findings findings = findingsOf(task);
    Roadmap.Place place = placeOf(task);
    boolean fixTask = place.isFixTask();
    String lane = place.lane();
    Completed last = lastCompleted(migrationOf(task));
    String lastLane = last == null ? null : last.lane();
    Notice.Kind kind;
    if (fixTask) {
      if (sameFailureAsLastTime(task, place.key(), findings)) {
        return;
      }
      kind = Notice.Kind.GATE_FAILED;
    } else if (lastLane == null || !lastLane.equals(lane)
        || (place.facts().opensBesideOtherLane(place.key()) && !task.getName().equals(last.task()))) {
      kind = Notice.Kind.HANDOFF;
    } else {
      return; // same lane as the work before: the people who just worked on it see it already
    }
    notifier.notify(notice(task, kind, recipients.ofGroups(groups), findings, last));
  }

  /**
   * A failed gate re-checks on its own every few hours and re-creates its fix task; while nobody has completed
   * anything and the same checks fail, that is no news: the group is not mailed again.
   */
  private boolean sameFailureAsLastTime(DelegateTask task, String where, Findings findings) {
    Completed last = lastCompleted(migrationOf(task));
    String signature = where + "#" + (last == null ? "" : last.task() + "/" + last.by()) + "#"
        + (findings == null ? "" // a fix task without a report: its gate failed on reported results
            : String.join("|", findings.failed().stream().map(Findings.Finding::check).toList()));
    // kept on the migration: a called check's instance ends when it passes, the office's memory of it does not
    DelegateExecution migration = task.getExecution() == null ? null : MigrationScope.of(task.getExecution());
    Object lastNotice = migration == null ? task.getVariable(LAST_GATE_NOTICE) : migration.getVariable(LAST_GATE_NOTICE);
    if (signature.equals(lastNotice)) {
      return true;
    }
    if (migration == null) {
      task.setVariable(LAST_GATE_NOTICE, signature);
    } else {
      migration.setVariable(LAST_GATE_NOTICE, signature);
    }
    return false;
  }

  private void assigned(DelegateTask task) {
    String assignee = task.getAssignee();
    if (assignee == null || assignee.equals(currentUser())) {
      return; // unassigned, or a user claimed it for themselves
    }
    notifier.notify(notice(task, Notice.Kind.ASSIGNED, recipients.ofUser(assignee), findingsOf(task),
        lastCompleted(migrationOf(task))));
  }

  private Notice notice(DelegateTask task, Notice.Kind kind, Set<String> to, Findings findings, Completed last) {
    String finished = last == null ? null : last.task() + " (completed by " + last.by() + ")";
    Roadmap.Place place = placeOf(task); // a called check's fix task: where its check is in the migration
    return new Notice(kind, MigrationVariables.string(task, MigrationVariables.OFFICE), task.getId(),
        place.definitionId(), place.key(), task.getName(), task.getDueDate(),
        task.getAssignee(), to, failedLines(findings), finished, findings);
  }

  /** The fix task's check report for people; null for a task that is not a fix task. */
  static Findings findingsOf(DelegateTask task) {
    Object findings = findings(task);
    return findings == null ? null : Findings.ofJson(findings.toString());
  }

  /** The fix task's findings: an input parameter of the task, so a local variable of its execution. */
  private static Object findings(DelegateTask task) {
    Object local = task.getVariableLocal(FINDINGS);
    return local != null || task.getExecution() == null ? local : task.getExecution().getVariableLocal(FINDINGS);
  }

  /** "What failed: evidence", one per failed check. */
  static List<String> failedLines(Findings findings) {
    return findings == null ? List.of()
        : findings.failed().stream().map(f -> f.what() + ": " + f.evidence()).toList();
  }

  /** The task's lane in the model (District, HEC): the same answer as the dashboard's. */
  private String laneOf(DelegateTask task) {
    return placeOf(task).lane();
  }

  /** Where the task is in the roadmap; a called check's fix task is where its check is. */
  private Roadmap.Place placeOf(DelegateTask task) {
    return task.getExecution() == null
        ? new Roadmap.Place(roadmap.of(task.getProcessDefinitionId()), task.getTaskDefinitionKey(),
            task.getProcessDefinitionId())
        : roadmap.placeOf(task.getExecution(), task.getTaskDefinitionKey());
  }

  static List<String> candidateGroups(DelegateTask task) {
    return task.getCandidates().stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).toList();
  }

  private String currentUser() {
    var user = identity.getCurrentAuthentication(); // the user whose call runs this command (webapps, REST, API)
    return user == null ? null : user.getUserId();
  }
}
