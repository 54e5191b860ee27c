package mil.usace.cwbi.migration.cda;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.net.http.HttpClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** Makes {@link CdaClient}s: one JDK HttpClient (connect time-out) shared by all, a read time-out per request. */
@Component
@EnableConfigurationProperties(CdaProperties.class)
public class CdaClientFactory {

  private final CdaProperties properties;
  private final ObjectMapper json;
  private final ClientHttpRequestFactory requestFactory;

  @org.springframework.beans.factory.annotation.Autowired
  public CdaClientFactory(CdaProperties properties) {
    this(properties, null);
  }

  /** With a request factory of the caller's (tests: MockMvc), or null for the JDK HttpClient. */
  public CdaClientFactory(CdaProperties properties, ClientHttpRequestFactory requestFactory) {
    this.properties = properties;
    this.json = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    if (requestFactory == null) {
      HttpClient http = HttpClient.newBuilder()
          .connectTimeout(properties.getConnectTimeout())
          .followRedirects(HttpClient.Redirect.NORMAL)
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

  public CdaClient client(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("no CDA base URL");
    }
    java.net.URI u = java.net.URI.create(baseUrl.strip());
    if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
      throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
    }
    RestClient rest = RestClient.builder().requestFactory(requestFactory).build();
    return new CdaClient(baseUrl.strip(), rest, json, properties);
  }
}
