package mil.usace.cwbi.migration.cda;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /offices/{office}}. {@code type} may be {@code district} or the raw code {@code DIS}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OfficeInfo(
    @JsonProperty("name") String name,
    @JsonProperty("long-name") String longName,
    @JsonProperty("type") String type,
    @JsonProperty("reports-to") String reportsTo) {}
