package mil.usace.cwbi.migration.cda;

/**
 * A CDA request that did not give a usable answer: transport error, time-out, HTTP error (with CDA's error body)
 * or a malformed body. {@link #getMessage()} is written for the user: the request, the status or exception, CDA's
 * message and its {@code incidentIdentifier} (what CDA's operators look up).
 */
public class CdaException extends RuntimeException {

  private final String request;
  private final int status;
  private final String problem;
  private final String incidentIdentifier;
  private final boolean retryable;
  private final int attempts;

  public CdaException(String request, int status, String problem, String incidentIdentifier, boolean retryable,
      Throwable cause) {
    this(request, status, problem, incidentIdentifier, retryable, 1, cause);
  }

  private CdaException(String request, int status, String problem, String incidentIdentifier, boolean retryable,
      int attempts, Throwable cause) {
    super(describe(request, status, problem, incidentIdentifier, attempts), cause);
    this.request = request;
    this.status = status;
    this.problem = problem;
    this.incidentIdentifier = incidentIdentifier;
    this.retryable = retryable;
    this.attempts = attempts;
  }

  private static String describe(String request, int status, String problem, String incident, int attempts) {
    StringBuilder s = new StringBuilder(request).append(": ");
    if (status > 0) {
      s.append("HTTP ").append(status).append(' ');
    }
    s.append(problem);
    if (incident != null && !incident.isBlank()) {
      s.append(" (CDA incident ").append(incident).append(')');
    }
    if (attempts > 1) {
      s.append(", after ").append(attempts).append(" attempts");
    }
    return s.toString();
  }

  /** The request as "GET url" (the API key is a header, so it never appears here). */
  public String request() {
    return request;
  }

  /** HTTP status, or 0 when there was no HTTP answer. */
  public int status() {
    return status;
  }

  public String incidentIdentifier() {
    return incidentIdentifier;
  }

  public boolean retryable() {
    return retryable;
  }

  public int attempts() {
    return attempts;
  }

  CdaException afterAttempts(int n) {
    return n == attempts ? this : new CdaException(request, status, problem, incidentIdentifier, retryable, n,
        getCause());
  }
}
