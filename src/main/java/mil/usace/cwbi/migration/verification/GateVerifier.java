package mil.usace.cwbi.migration.verification;

/**
 * The one bean every automated check of the process ({@code verify_*} service tasks) goes through.
 * Implementations must fail closed: an error answer or a malformed answer is a failed check in the report, never a
 * pass. A CDA that does not answer at all may throw {@link mil.usace.cwbi.migration.cda.CdaUnreachableException}
 * (the job retries; its last attempt records a failed check); any other exception is a fault of ours and ends,
 * after the job's retries, in an incident.
 */
public interface GateVerifier {

  VerificationReport verify(Environment environment, MigrationSubject subject);
}
