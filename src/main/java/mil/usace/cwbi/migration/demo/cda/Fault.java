package mil.usace.cwbi.migration.demo.cda;

/** What a person trying the demo can do to one simulated environment (and undo). */
public enum Fault {
  /** Every series' newest value is ten days old: freshness checks fail. */
  STALE,
  /** Every fifth series is gone (KEYS.Flow-Out... among them): presence and parity checks fail. */
  MISSING,
  /** Every request answers 500 with CDA's error body and an incident id. */
  ERROR,
  /** The series reach back only 60 days: the history check fails. */
  NO_HISTORY
}
