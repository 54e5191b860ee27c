package mil.usace.cwbi.migration.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import mil.usace.cwbi.migration.process.MigrationVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Watches every user task of the migration (added to each at parse time by {@link HandoffPlugin}):
 * <ul>
 *   <li>complete: remembers the lane, name and completer of the work just finished (process variables
 *       {@code lastCompletedLane/Task/By}), so the next task knows whether it is a handoff;</li>
 *   <li>create: a task in another lane than that work (or the first task of a migration) is a handoff; a fix task is
 *       a failed gate. Either mails the members of its candidate groups;</li>
 *   <li>assignment: a task assigned to someone by someone else mails that person.</li>
 * </ul>
 */
@Component
public class HandoffListener implements TaskListener {

  public static final String LAST_LANE = "lastCompletedLane";
  public static final String LAST_TASK = "lastCompletedTask";
  public static final String LAST_BY = "lastCompletedBy";
  public static final String FINDINGS = "findings";

  private final Notifier notifier;
  private final Recipients recipients;
  private final ObjectMapper json = new ObjectMapper();

  public HandoffListener(Notifier notifier, Recipients recipients) {
    this.notifier = notifier;
    this.recipients = recipients;
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

  private void remember(DelegateTask task) {
    var instance = task.getExecution().getProcessInstance();
    instance.setVariable(LAST_LANE, Lanes.of(candidateGroups(task)));
    instance.setVariable(LAST_TASK, task.getName());
    instance.setVariable(LAST_BY, Objects.requireNonNullElse(currentUser(), Objects.requireNonNullElse(
        task.getAssignee(), "an API client")));
  }

  private void created(DelegateTask task) {
    List<String> groups = candidateGroups(task);
    List<String> failed = failedChecks(task);
    boolean fixTask = findings(task) != null;
    String lane = Lanes.of(groups);
    String lastLane = (String) task.getVariable(LAST_LANE);
    Notice.Kind kind;
    if (fixTask) {
      kind = Notice.Kind.GATE_FAILED;
    } else if (lastLane == null || !lastLane.equals(lane)) {
      kind = Notice.Kind.HANDOFF;
    } else {
      return; // same lane as the work before: the people who just worked on it see it already
    }
    notifier.notify(notice(task, kind, recipients.ofGroups(groups), failed));
  }

  private void assigned(DelegateTask task) {
    String assignee = task.getAssignee();
    if (assignee == null || assignee.equals(currentUser())) {
      return; // unassigned, or a user claimed it for themselves
    }
    notifier.notify(notice(task, Notice.Kind.ASSIGNED, recipients.ofUser(assignee), failedChecks(task)));
  }

  private Notice notice(DelegateTask task, Notice.Kind kind, Set<String> to, List<String> failed) {
    String finished = null;
    Object lastTask = task.getVariable(LAST_TASK);
    if (lastTask != null) {
      finished = lastTask + " (completed by " + task.getVariable(LAST_BY) + ")";
    }
    return new Notice(kind, MigrationVariables.string(task, MigrationVariables.OFFICE), task.getId(),
        task.getTaskDefinitionKey(), task.getName(), task.getDueDate(), task.getAssignee(), to, failed, finished);
  }

  /** The failed lines of the fix task's findings (verification report JSON): "check: evidence". */
  List<String> failedChecks(DelegateTask task) {
    Object findings = findings(task);
    return failedChecks(findings == null ? null : findings.toString(), json);
  }

  /** The fix task's findings: an input parameter of the task, so a local variable of its execution. */
  private static Object findings(DelegateTask task) {
    Object local = task.getVariableLocal(FINDINGS);
    return local != null || task.getExecution() == null ? local : task.getExecution().getVariableLocal(FINDINGS);
  }

  static List<String> failedChecks(String report, ObjectMapper json) {
    List<String> lines = new ArrayList<>();
    if (report == null || report.isBlank()) {
      return lines;
    }
    try {
      JsonNode root = json.readTree(report);
      String env = root.path("environment").asText("");
      for (JsonNode c : root.path("checks")) {
        if (!c.path("passed").asBoolean(false)) {
          lines.add((env.isEmpty() ? "" : env + " ") + c.path("check").asText("check") + ": "
              + c.path("evidence").asText(""));
        }
      }
    } catch (Exception e) {
      lines.add("(the findings could not be read; open the task to see them)");
    }
    return lines;
  }

  static List<String> candidateGroups(DelegateTask task) {
    return task.getCandidates().stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).toList();
  }

  private static String currentUser() {
    CommandContext context = Context.getCommandContext();
    return context == null ? null : context.getAuthenticatedUserId();
  }
}
