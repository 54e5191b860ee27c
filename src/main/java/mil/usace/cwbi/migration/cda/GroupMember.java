package mil.usace.cwbi.migration.cda;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One of a time series group's {@code assigned-time-series}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GroupMember(
    @JsonProperty("office-id") String officeId,
    @JsonProperty("timeseries-id") String timeseriesId,
    @JsonProperty("alias-id") String aliasId) {}
