package mil.usace.cwbi.migration.cda;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code /catalog/TIMESERIES} (with {@code include-extents=true}) or {@code /catalog/LOCATIONS}:
 * only the fields the checks use.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogEntry(
    @JsonProperty("office") String office,
    @JsonProperty("name") String name,
    @JsonProperty("interval") String interval,
    @JsonProperty("extents") List<Extent> extents) {

  public CatalogEntry {
    extents = extents == null ? List.of() : extents;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Extent(
      @JsonProperty("earliest-time") Instant earliestTime,
      @JsonProperty("latest-time") Instant latestTime,
      @JsonProperty("last-update") Instant lastUpdate) {}

  /** Oldest value over all extents (versions), or null when the series holds no data. */
  public Instant earliestTime() {
    return extents.stream().map(Extent::earliestTime).filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
  }

  /** Newest value over all extents, or null when the series holds no data. */
  public Instant latestTime() {
    return extents.stream().map(Extent::latestTime).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
  }
}
