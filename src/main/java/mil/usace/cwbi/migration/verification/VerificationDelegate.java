package mil.usace.cwbi.migration.verification;

import mil.usace.cwbi.migration.process.MigrationVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Behind every {@code verify_*} service task: the task's input parameter {@code environment} names what to
 * verify; the report goes to {@code verification_<env>} (JSON, written and read by {@link VerificationReport}; people
 * see it through {@link FindingsRenderer}) and its verdict to {@code verification_<env>_passed}, which the gates read.
 */
@Component("verificationDelegate")
public class VerificationDelegate implements JavaDelegate {

  private final GateVerifier verifier;

  public VerificationDelegate(GateVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Environment environment = Environment.valueOf(String.valueOf(execution.getVariable("environment")));
    MigrationSubject subject = subjectOf(execution);
    VerificationReport report = verifier.verify(environment, subject);
    execution.setVariable(environment.resultVariable(), toJson(report));
    execution.setVariable(environment.passedVariable(), report.passed());
  }

  public static MigrationSubject subjectOf(DelegateExecution execution) {
    return new MigrationSubject(
        MigrationVariables.string(execution, MigrationVariables.OFFICE),
        MigrationVariables.string(execution, MigrationVariables.T7_CDA_URL),
        MigrationVariables.flag(execution, MigrationVariables.USES_USGS_DATA),
        MigrationVariables.criticalTimeSeries(execution),
        MigrationVariables.string(execution, MigrationVariables.TS_GROUP));
  }

  /** The stored shape: see {@link VerificationReport#toJson()}. */
  public static String toJson(VerificationReport report) {
    return report.toJson();
  }
}
