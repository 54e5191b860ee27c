package mil.usace.cwbi.migration.notification.digest;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * What HEC's weekly digest says, in the roadmap's words.
 *
 * @param slot the digest's day and hour; the week is the seven days before it
 * @param atRisk null when no forecast is available
 */
public record WeeklyDigest(ZonedDateTime slot, List<AtRiskOffices.AtRisk> atRisk, List<Held> held,
    List<Overdue> overdue, List<Finished> finished) {

  public Instant weekStart() {
    return slot.minusWeeks(1).toInstant();
  }

  /** An office held at a gate: a failed check's fix task is open. */
  public record Held(String office, String gate, String step, Instant since, List<String> failing) {}

  /** A task past its due date. */
  public record Overdue(String office, String taskId, String task, String lane, String assignee, Instant due) {}

  /** A step an office finished this week, or (step null) its whole migration. */
  public record Finished(String office, Integer step, String what, Instant when) {}
}
