package mil.usace.cwbi.migration.notification;

import java.util.Date;
import java.util.List;
import java.util.Set;
import mil.usace.cwbi.migration.verification.Findings;
import mil.usace.cwbi.migration.verification.FindingsRenderer;

/**
 * Why someone is told about one task: everything a mail says about it, captured when it happens.
 *
 * @param processDefinitionId the model version the task belongs to: its roadmap words come from there
 * @param recipients e-mail addresses
 * @param failedChecks for a failed gate, one line per failed check: what failed and its evidence, in words
 * @param finished what was just finished and by whom (may be null: the migration just started)
 * @param findings for a fix task, its check report for people (rendered by {@link FindingsRenderer}); else null
 */
public record Notice(Kind kind, String office, String taskId, String processDefinitionId, String taskKey,
    String taskName, Date due, String assignee, Set<String> recipients, List<String> failedChecks, String finished,
    Findings findings) {

  /** A notice about a task without a check report. */
  public Notice(Kind kind, String office, String taskId, String processDefinitionId, String taskKey, String taskName,
      Date due, String assignee, Set<String> recipients, List<String> failedChecks, String finished) {
    this(kind, office, taskId, processDefinitionId, taskKey, taskName, due, assignee, recipients, failedChecks,
        finished, null);
  }

  public enum Kind {
    /** A task became available in the other lane (or the first task of a migration). */
    HANDOFF("New task"),
    /** An automated check failed: a fix task waits. */
    GATE_FAILED("Check failed"),
    /** Someone assigned the task to the recipient. */
    ASSIGNED("Assigned to you"),
    /** The task is past its due date. */
    REMINDER("Overdue"),
    /** The task is past its due date and the grace period: HEC is now a candidate too. */
    ESCALATION("Escalated to HEC");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
