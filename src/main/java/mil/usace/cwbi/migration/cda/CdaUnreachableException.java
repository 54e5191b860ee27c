package mil.usace.cwbi.migration.cda;

/**
 * CDA gave no usable answer for a reason that may pass: connection refused or reset, a time-out, 429 or
 * 502/503/504. Not a {@link CdaException} on purpose: no check turns it into a failed line. It leaves the
 * verification, so the service task's job fails and Camunda retries it on the task's
 * {@code failedJobRetryTimeCycle}; only the job's last attempt turns it into a failed check (fail-closed).
 * The message names the request and the problem, never a response body.
 */
public class CdaUnreachableException extends RuntimeException {

  private final CdaException fault;

  public CdaUnreachableException(CdaException fault) {
    super(fault.getMessage(), fault);
    this.fault = fault;
  }

  public CdaException fault() {
    return fault;
  }
}
