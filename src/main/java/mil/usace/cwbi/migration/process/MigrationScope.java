package mil.usace.cwbi.migration.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Where an execution's migration keeps its variables. A check runs in a called instance of {@code verify-environment}
 * (from a {@code check_*} call activity); what the office's migration must see of it (the check report, the log of
 * recent checks) belongs to the migration that called it, so the dashboard, the gates, the mail and the audit trail
 * read it there the moment it is written, not only when the check has passed.
 */
public final class MigrationScope {

  private MigrationScope() {}

  /**
   * The execution that writes into the migration's own variables: the calling call activity's execution for a
   * called check (its variables reach the migration's process instance), else {@code execution} itself.
   */
  public static DelegateExecution of(DelegateExecution execution) {
    DelegateExecution current = execution;
    for (DelegateExecution up = superOf(current); up != null; up = superOf(up)) {
      current = up;
    }
    return current;
  }

  /** Whether the execution runs in a check the migration called. */
  public static boolean isCalled(DelegateExecution execution) {
    return superOf(execution) != null;
  }

  private static DelegateExecution superOf(DelegateExecution execution) {
    DelegateExecution instance = execution.getProcessInstance();
    return instance == null ? null : instance.getSuperExecution();
  }
}
