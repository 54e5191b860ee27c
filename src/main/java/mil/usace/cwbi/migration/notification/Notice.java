package mil.usace.cwbi.migration.notification;

import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Why someone is told about one task: everything a mail says about it, captured when it happens.
 *
 * @param recipients e-mail addresses
 * @param failedChecks for a failed gate, one line per failed check with its evidence
 * @param finished what was just finished and by whom (may be null: the migration just started)
 */
public record Notice(Kind kind, String office, String taskId, String taskKey, String taskName, Date due,
    String assignee, Set<String> recipients, List<String> failedChecks, String finished) {

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
