package mil.usace.cwbi.migration.verification;

import java.util.List;

/**
 * What a gate verifies: one office's data, as declared when its migration started.
 *
 * @param office upper-case office id, e.g. {@code SWT}
 * @param t7CdaUrl base URL of the CDA on the district's T7 server
 * @param usesUsgsData whether the USGS (and SHEF) acquisition groups must be checked
 * @param criticalTimeSeries the time series ids named critical (may be empty when {@code tsGroup} is set)
 * @param tsGroup id of a CDA time series group holding the critical series, or null
 */
public record MigrationSubject(
    String office, String t7CdaUrl, boolean usesUsgsData, List<String> criticalTimeSeries, String tsGroup) {

  public MigrationSubject {
    criticalTimeSeries = criticalTimeSeries == null ? List.of() : List.copyOf(criticalTimeSeries);
  }
}
