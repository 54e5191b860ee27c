package mil.usace.cwbi.migration.cda;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.net.URI;
import java.net.http.HttpClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Makes {@link CdaClient}s: one JDK HttpClient (connect time-out, no redirects) shared by all, a read time-out per
 * request; each client knows where it may send requests and with which key ({@link CdaHosts}).
 */
@Component
@EnableConfigurationProperties(CdaProperties.class)
public class CdaClientFactory {

  private final CdaProperties properties;
  private final ObjectMapper json;
  private final ClientHttpRequestFactory requestFactory;
  private final CdaHosts hosts;

  @org.springframework.beans.factory.annotation.Autowired
  public CdaClientFactory(CdaProperties properties) {
    this(properties, null);
  }

  /** With a request factory of the caller's (tests: MockMvc), or null for the JDK HttpClient. */
  public CdaClientFactory(CdaProperties properties, ClientHttpRequestFactory requestFactory) {
    this.properties = properties;
    this.hosts = new CdaHosts(properties);
    this.json = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    if (requestFactory == null) {
      HttpClient http = HttpClient.newBuilder()
          .connectTimeout(properties.getConnectTimeout())
          // a redirect could point anywhere (and carry the key there): never followed, reported instead
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
      JdkClientHttpRequestFactory jdk = new JdkClientHttpRequestFactory(http);
      jdk.setReadTimeout(properties.getReadTimeout());
      requestFactory = jdk;
    }
    this.requestFactory = requestFactory;
  }

  public CdaProperties properties() {
    return properties;
  }

  public CdaHosts hosts() {
    return hosts;
  }

  /**
   * A client for a CWBI environment's configured base URL when {@code baseUrl} is one, otherwise for a T7 under
   * the organisation-wide T7 hosts (prefer {@link #t7(String, String)}, which knows the office).
   */
  public CdaClient client(String baseUrl) {
    return hosts.isCwbiEnvironment(baseUrl) ? cwbi(baseUrl) : t7(baseUrl, null);
  }

  /** A CWBI environment (configuration, trusted): requests stay under its base URL; the CWBI key goes along. */
  public CdaClient cwbi(String baseUrl) {
    URI base = CdaHosts.parse(baseUrl);
    if (base == null) {
      throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
    }
    return build(baseUrl, new CdaClient.Target(uri -> CdaHosts.under(uri, base), uri -> hosts.cwbiKey(uri, base),
        "outside the environment's configured base URL"));
  }

  /**
   * A migration's T7 (typed by a person): only on an allowed T7 host, re-checked before every request; no CWBI
   * key, only a key configured for that host.
   *
   * @throws IllegalArgumentException with the reason (no secret, the URL not echoed) when the URL is not allowed
   */
  public CdaClient t7(String url, String office) {
    String refusal = hosts.t7Refusal(url, office);
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
    return build(url, new CdaClient.Target(uri -> hosts.t7Allowed(uri, office), hosts::t7Key,
        "the host is not an allowed T7 host (cwbi.cda.t7.allowed-hosts)"));
  }

  private CdaClient build(String baseUrl, CdaClient.Target target) {
    RestClient rest = RestClient.builder().requestFactory(requestFactory).build();
    return new CdaClient(baseUrl.strip(), rest, json, properties, target);
  }
}
