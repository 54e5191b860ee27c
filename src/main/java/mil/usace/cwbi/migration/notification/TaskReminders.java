package mil.usace.cwbi.migration.notification;

import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.roadmap.CalledChecks;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import mil.usace.cwbi.migration.engine.EngineClock;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The task-reminders process's one step (run by its timer job, so once per cycle in a whole cluster): every open
 * migration task past its due date (engine clock) reminds its candidate groups and assignee once; past the grace
 * period it escalates once: group {@code hec} becomes a candidate and is told. "Once" is marked on task-local
 * variables, in the same transaction as the notification, so a re-run never repeats a mail.
 */
@Component("taskReminders")
public class TaskReminders implements JavaDelegate {

  public static final String REMINDED = "reminderSentAt";
  public static final String ESCALATED = "escalatedToHecAt";
  private static final Logger LOG = LoggerFactory.getLogger(TaskReminders.class);

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final Recipients recipients;
  private final Notifier notifier;
  private final NotificationProperties properties;

  public TaskReminders(TaskService tasks, RuntimeService runtime, Recipients recipients, Notifier notifier,
      NotificationProperties properties) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.recipients = recipients;
    this.notifier = notifier;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Date now = EngineClock.getCurrentTime();
    Date escalateBefore = new Date(now.getTime() - properties.getEscalationGrace().toMillis());
    int reminded = 0;
    int escalated = 0;
    // a fix task runs in a check its migration called: its mail names where that check is in the roadmap
    Map<String, CalledChecks.Call> calls = new CalledChecks(execution.getProcessEngineServices().getHistoryService())
        .running();
    for (Task task : tasks.createTaskQuery().processDefinitionKeyIn(MigrationVariables.PROCESS_KEYS).active()
        .dueBefore(now).list()) {
      List<String> groups = candidateGroups(task);
      if (tasks.getVariableLocal(task.getId(), REMINDED) == null) {
        Set<String> to = new LinkedHashSet<>(recipients.ofGroups(groups));
        to.addAll(recipients.ofUser(task.getAssignee()));
        notifier.notify(notice(task, Notice.Kind.REMINDER, to, calls));
        tasks.setVariableLocal(task.getId(), REMINDED, now);
        reminded++;
      }
      if (task.getDueDate().before(escalateBefore) && tasks.getVariableLocal(task.getId(), ESCALATED) == null) {
        if (!groups.contains("hec")) {
          tasks.addCandidateGroup(task.getId(), "hec");
        }
        Set<String> to = new LinkedHashSet<>(recipients.ofGroups(List.of("hec")));
        to.addAll(recipients.ofUser(task.getAssignee()));
        notifier.notify(notice(task, Notice.Kind.ESCALATION, to, calls));
        tasks.setVariableLocal(task.getId(), ESCALATED, now);
        escalated++;
      }
    }
    if (reminded + escalated > 0) {
      LOG.info("Overdue tasks: {} reminded, {} escalated to hec", reminded, escalated);
    }
  }

  private Notice notice(Task task, Notice.Kind kind, Set<String> to, Map<String, CalledChecks.Call> calls) {
    Object office = runtime.getVariable(task.getExecutionId(), MigrationVariables.OFFICE);
    CalledChecks.Call call = calls.get(task.getProcessInstanceId());
    return new Notice(kind, office == null ? "?" : office.toString(), task.getId(),
        call == null ? task.getProcessDefinitionId() : call.migrationDefinitionId(),
        CalledChecks.keyOf(calls, task.getProcessInstanceId(), task.getTaskDefinitionKey()), task.getName(),
        task.getDueDate(), task.getAssignee(), to, List.of(), null);
  }

  private List<String> candidateGroups(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).toList();
  }
}
