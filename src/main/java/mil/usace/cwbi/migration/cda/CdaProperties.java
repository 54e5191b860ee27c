package mil.usace.cwbi.migration.cda;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code cwbi.cda.*}: where each CWBI environment's CDA is, how patiently to call it, and what "fresh" and
 * "complete" mean. T7's URL is not here: each migration gives its own ({@code t7CdaUrl}), on a host of
 * {@link T7#getAllowedHosts()}.
 */
@Validated
@ConfigurationProperties(prefix = "cwbi.cda")
public class CdaProperties {

  /** Keyed {@code cwbi-dev}, {@code cwbi-test}, {@code cwbi-prod}. */
  @Valid
  @NotNull
  private Map<String, EnvironmentConfig> environments = new LinkedHashMap<>();

  /** Optional; sent as {@code Authorization: apikey <key>}. From env CWBI_CDA_API_KEY; never logged. */
  private String apiKey;

  @NotNull
  private Duration connectTimeout = Duration.ofSeconds(5);

  @NotNull
  private Duration readTimeout = Duration.ofSeconds(30);

  /** Where a migration's T7 CDA may be, and which T7 hosts get a key of their own. */
  @Valid
  @NotNull
  private T7 t7 = new T7();

  /** Catalog page size: large pages keep a 13,000-series office to a handful of requests. */
  @Min(1)
  @Max(100_000)
  private int pageSize = 5000;

  /** A catalog walk stops (and fails) after this many pages: a cursor that never ends is a fault. */
  @Min(1)
  private int maxPages = 500;

  /** Longest {@code like} regular expression put in one catalog request (URL length limits). */
  @Min(100)
  private int maxLikeLength = 3000;

  /** Above this many {@code like} requests, one walk of the whole catalog is cheaper. */
  @Min(0)
  private int maxLikeRequests = 4;

  @Valid
  @NotNull
  private Freshness freshness = new Freshness();

  @Valid
  @NotNull
  private Groups groups = new Groups();

  /** History coverage: CWBI-PROD's earliest value may be this much later than T7's. */
  @NotNull
  private Duration historyTolerance = Duration.ofDays(1);

  /** History coverage: at least this much history must be on CWBI-PROD when T7 has it (roadmap: two years). */
  @NotNull
  private Duration historyMinimum = Duration.ofDays(730);

  public static class EnvironmentConfig {
    @NotBlank
    private String baseUrl;

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }
  }

  /**
   * {@code cwbi.cda.t7.*}: a migration's {@code t7CdaUrl} is typed by a person, so the server only calls hosts
   * listed here. An entry is a host ({@code wm.swt.ds.usace.army.mil}), a host and port ({@code localhost:8080}),
   * or a suffix starting with a dot ({@code .usace.army.mil}: any host under that domain, on any port).
   */
  public static class T7 {
    /** Host entry: {@code [.]host[:port]}, lower-case letters, digits, dots and dashes. */
    public static final String HOST_ENTRY = "\\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?";

    /** Hosts the T7 of every office may live on. */
    @NotNull
    private List<@NotBlank @Pattern(regexp = HOST_ENTRY) String> allowedHosts = new ArrayList<>(List.of(".usace.army.mil"));

    /** Further hosts per office (upper-case office id): allowed for that office's T7 only. */
    @NotNull
    private Map<String, List<@NotBlank @Pattern(regexp = HOST_ENTRY) String>> officeHosts = new LinkedHashMap<>();

    /** Only https T7 URLs (production); the demo and tests call a local simulator over http. */
    private boolean requireHttps = true;

    /** An API key for a T7 host that asks for one (exact host, or host:port). Never the CWBI key. */
    @Valid
    @NotNull
    private List<HostKey> hostKeys = new ArrayList<>();

    public List<String> getAllowedHosts() {
      return allowedHosts;
    }

    public void setAllowedHosts(List<String> allowedHosts) {
      this.allowedHosts = allowedHosts;
    }

    public Map<String, List<String>> getOfficeHosts() {
      return officeHosts;
    }

    public void setOfficeHosts(Map<String, List<String>> officeHosts) {
      this.officeHosts = officeHosts;
    }

    public boolean isRequireHttps() {
      return requireHttps;
    }

    public void setRequireHttps(boolean requireHttps) {
      this.requireHttps = requireHttps;
    }

    public List<HostKey> getHostKeys() {
      return hostKeys;
    }

    public void setHostKeys(List<HostKey> hostKeys) {
      this.hostKeys = hostKeys;
    }

    /** Never prints a key. */
    @Override
    public String toString() {
      return "T7{allowedHosts=" + allowedHosts + ", officeHosts=" + officeHosts + ", requireHttps=" + requireHttps
          + ", hostKeys=" + hostKeys.stream().map(HostKey::getHost).toList() + "}";
    }
  }

  /** One T7 host's own API key (from the environment, e.g. {@code ${CWBI_CDA_KEY_SWT}}). */
  public static class HostKey {
    @NotBlank
    @Pattern(regexp = "[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?")
    private String host;

    private String key;

    public String getHost() {
      return host;
    }

    public void setHost(String host) {
      this.host = host;
    }

    public String getKey() {
      return key;
    }

    public void setKey(String key) {
      this.key = key;
    }

    @Override
    public String toString() {
      return "HostKey{" + host + ", key=****}";
    }
  }

  /** A series is fresh when its newest value is no older than {@code interval-multiple} of its intervals. */
  public static class Freshness {
    @Min(1)
    private int intervalMultiple = 3;
    /** Never demand fresher than this (an hourly series may be an hour and a bit behind on a slow ingest). */
    @NotNull
    private Duration minimumAge = Duration.ofHours(2);
    /** Irregular series (interval 0) have no interval to go by. */
    @NotNull
    private Duration irregularMaxAge = Duration.ofDays(3);

    public int getIntervalMultiple() {
      return intervalMultiple;
    }

    public void setIntervalMultiple(int intervalMultiple) {
      this.intervalMultiple = intervalMultiple;
    }

    public Duration getMinimumAge() {
      return minimumAge;
    }

    public void setMinimumAge(Duration minimumAge) {
      this.minimumAge = minimumAge;
    }

    public Duration getIrregularMaxAge() {
      return irregularMaxAge;
    }

    public void setIrregularMaxAge(Duration irregularMaxAge) {
      this.irregularMaxAge = irregularMaxAge;
    }
  }

  /** The acquisition groups cwms-cli and shef-parser read; and the category of a migration's own tsGroup. */
  public static class Groups {
    @NotBlank
    private String owner = "CWMS";
    @NotBlank
    private String acquisitionCategory = "Data Acquisition";
    @NotBlank
    private String usgs = "USGS TS Data Acquisition";
    @NotBlank
    private String shef = "SHEF Data Acquisition";
    /** The SHEF group is checked for every office (Tasks 1.3/1.4 apply to all); off for offices without SHEF. */
    private boolean checkShef = true;
    /** Category of the migration's {@code tsGroup} unless it is written {@code category/group}. */
    @NotBlank
    private String criticalCategory = "Critical";

    public String getOwner() {
      return owner;
    }

    public void setOwner(String owner) {
      this.owner = owner;
    }

    public String getAcquisitionCategory() {
      return acquisitionCategory;
    }

    public void setAcquisitionCategory(String acquisitionCategory) {
      this.acquisitionCategory = acquisitionCategory;
    }

    public String getUsgs() {
      return usgs;
    }

    public void setUsgs(String usgs) {
      this.usgs = usgs;
    }

    public String getShef() {
      return shef;
    }

    public void setShef(String shef) {
      this.shef = shef;
    }

    public boolean isCheckShef() {
      return checkShef;
    }

    public void setCheckShef(boolean checkShef) {
      this.checkShef = checkShef;
    }

    public String getCriticalCategory() {
      return criticalCategory;
    }

    public void setCriticalCategory(String criticalCategory) {
      this.criticalCategory = criticalCategory;
    }
  }

  public Map<String, EnvironmentConfig> getEnvironments() {
    return environments;
  }

  public void setEnvironments(Map<String, EnvironmentConfig> environments) {
    this.environments = environments;
  }

  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  public T7 getT7() {
    return t7;
  }

  public void setT7(T7 t7) {
    this.t7 = t7;
  }

  public int getPageSize() {
    return pageSize;
  }

  public void setPageSize(int pageSize) {
    this.pageSize = pageSize;
  }

  public int getMaxPages() {
    return maxPages;
  }

  public void setMaxPages(int maxPages) {
    this.maxPages = maxPages;
  }

  public int getMaxLikeLength() {
    return maxLikeLength;
  }

  public void setMaxLikeLength(int maxLikeLength) {
    this.maxLikeLength = maxLikeLength;
  }

  public int getMaxLikeRequests() {
    return maxLikeRequests;
  }

  public void setMaxLikeRequests(int maxLikeRequests) {
    this.maxLikeRequests = maxLikeRequests;
  }

  public Freshness getFreshness() {
    return freshness;
  }

  public void setFreshness(Freshness freshness) {
    this.freshness = freshness;
  }

  public Groups getGroups() {
    return groups;
  }

  public void setGroups(Groups groups) {
    this.groups = groups;
  }

  public Duration getHistoryTolerance() {
    return historyTolerance;
  }

  public void setHistoryTolerance(Duration historyTolerance) {
    this.historyTolerance = historyTolerance;
  }

  public Duration getHistoryMinimum() {
    return historyMinimum;
  }

  public void setHistoryMinimum(Duration historyMinimum) {
    this.historyMinimum = historyMinimum;
  }

  /** Never prints the API key. */
  @Override
  public String toString() {
    return "CdaProperties{environments=" + environments.keySet() + ", apiKey=" + (apiKey == null || apiKey.isBlank()
        ? "none" : "****") + ", t7=" + t7 + "}";
  }
}
