package mil.usace.cwbi.migration.verification;

import java.time.Instant;
import java.util.List;
import mil.usace.cwbi.migration.cda.CdaUnreachableException;
import mil.usace.cwbi.migration.process.MigrationScope;
import mil.usace.cwbi.migration.process.MigrationVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Behind every {@code verify_*} service task: the task's input parameter {@code environment} names what to
 * verify; the report goes to {@code verification_<env>} (JSON, written and read by {@link VerificationReport}; people
 * see it through {@link FindingsRenderer}) and its verdict to {@code verification_<env>_passed}, which the gates read.
 *
 * <p>Where faults go: a CDA answer that fails a check is in the report (the gate's fix task). A CDA that does not
 * answer fails the job, which Camunda retries on the task's {@code failedJobRetryTimeCycle}; on the job's last
 * attempt it becomes a failed check "CDA could be reached" (fail-closed, a fix task). Any other exception (a bug
 * of ours) is not caught: the job retries and ends in an incident in Cockpit, never in a district's inbox.
 */
@Component("verificationDelegate")
public class VerificationDelegate implements JavaDelegate {

  /** The check that a CDA answered at all (its last line when it did not). */
  public static final String REACHABLE = "CDA could be reached";

  private static final Logger LOG = LoggerFactory.getLogger(VerificationDelegate.class);

  private final GateVerifier verifier;

  public VerificationDelegate(GateVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Environment environment = Environment.valueOf(String.valueOf(execution.getVariable("environment")));
    MigrationSubject subject = subjectOf(execution);
    VerificationReport report;
    try {
      report = verifier.verify(environment, subject);
    } catch (CdaUnreachableException e) {
      if (JobAttempts.moreToCome(execution)) {
        // the job fails (nothing is stored) and Camunda retries it on the task's failedJobRetryTimeCycle
        throw e;
      }
      // the job's last attempt: fail closed, the fix task says CDA could not be reached; the re-check timer and
      // completing the fix task run the check again
      LOG.warn("{} for {}: CDA could not be reached on the job's last attempt: {}", environment.label(),
          subject.office(), e.getMessage());
      report = new VerificationReport(environment, subject.office(), Instant.now(), List.of(CheckResult.fail(
          REACHABLE + " (" + environment.label() + ")", e.getMessage() + "; still no answer after the job's "
              + "retries. Nothing else was checked: the check runs again on its own and when this task is completed.")));
    }
    // on the migration (a called check's calling call activity passes it up): the gates, the dashboard, the mail
    // and the audit trail read it there at once, while the check still runs; in a called check also its own verdict
    report.storeOn(MigrationScope.of(execution));
    if (MigrationScope.isCalled(execution)) {
      report.storeOnCheck(execution.getProcessInstance());
    }
  }

  public static MigrationSubject subjectOf(DelegateExecution execution) {
    return new MigrationSubject(
        MigrationVariables.string(execution, MigrationVariables.OFFICE),
        MigrationVariables.string(execution, MigrationVariables.T7_CDA_URL),
        MigrationVariables.flag(execution, MigrationVariables.USES_USGS_DATA),
        MigrationVariables.criticalTimeSeries(execution),
        MigrationVariables.string(execution, MigrationVariables.TS_GROUP));
  }
}
