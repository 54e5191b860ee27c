package mil.usace.cwbi.migration.verification.checks;

import java.time.Instant;
import mil.usace.cwbi.migration.cda.CatalogEntry;

/** What the checks keep of one watched series: its name, interval and the span of its values. */
public record SeriesExtent(String name, String interval, Instant earliest, Instant latest) {

  static SeriesExtent of(CatalogEntry e) {
    return new SeriesExtent(e.name(), e.interval(), e.earliestTime(), e.latestTime());
  }
}
