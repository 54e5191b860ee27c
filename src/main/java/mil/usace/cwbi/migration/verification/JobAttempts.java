package mil.usace.cwbi.migration.verification;

import mil.usace.cwbi.migration.engine.EngineCommand;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;

/**
 * Whether the job running a service task will be retried if this attempt fails. Camunda sets a job's retries from
 * the task's {@code failedJobRetryTimeCycle} at its first failure (intervals + 1) and takes one off per failure; a
 * job that has failed before and has one retry left is on its last attempt (so is a job an operator retried in
 * Cockpit, which sets one retry).
 */
final class JobAttempts {

  private JobAttempts() {}

  /** True when a failure now is retried later; false on the last attempt or outside a job. */
  static boolean moreToCome(DelegateExecution execution) {
    Job job = currentJob(execution);
    if (job == null) {
      return false;
    }
    boolean failedBefore = job.getExceptionMessage() != null;
    return !failedBefore || job.getRetries() > 1;
  }

  private static Job currentJob(DelegateExecution execution) {
    // the engine's own bookkeeping, not the user's: a user who runs the job may not be granted to read it.
    // By instance and activity: the task's input mapping runs it in an execution of its own, not the job's.
    java.util.function.Supplier<Job> query = () -> execution.getProcessEngineServices().getManagementService()
        .createJobQuery().processInstanceId(execution.getProcessInstanceId())
        .activityId(execution.getCurrentActivityId()).list().stream()
        .findFirst().orElse(null);
    return EngineCommand.privileged(query);
  }
}
