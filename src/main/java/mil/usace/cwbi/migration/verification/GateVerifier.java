package mil.usace.cwbi.migration.verification;

/**
 * The one bean every automated check of the process ({@code verify_*} service tasks) goes through.
 * Implementations must fail closed: an error, a time-out or a malformed answer is a failed check in the
 * report, never a pass, and never an exception for an expected CDA fault.
 */
public interface GateVerifier {

  VerificationReport verify(Environment environment, MigrationSubject subject);
}
