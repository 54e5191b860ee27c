package mil.usace.cwbi.migration.cda;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static mil.usace.cwbi.migration.cda.CdaStubs.json;
import static mil.usace.cwbi.migration.cda.CdaStubs.sample;
import static mil.usace.cwbi.migration.cda.CdaStubs.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed CDA client against a local WireMock that speaks CDA: paging, headers, every kind of fault. */
class CdaClientTest {

  static WireMockServer server;
  CdaStubs cda;
  CdaProperties props;

  @BeforeAll
  static void start() {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void setUp() {
    server.resetAll();
    cda = new CdaStubs(server, "cda");
    props = fastProperties();
  }

  static CdaProperties fastProperties() {
    CdaProperties p = new CdaProperties();
    p.setRetries(2);
    p.setRetryBackoff(Duration.ofMillis(10));
    p.setConnectTimeout(Duration.ofSeconds(1));
    p.setReadTimeout(Duration.ofMillis(1000)); // generous: the cores are shared
    p.setPageSize(3);
    return p;
  }

  CdaClient client() {
    return new CdaClientFactory(props).client(cda.baseUrl());
  }

  @Test
  void walksEveryPageFollowingNextPageAndSendsVersion2() {
    Instant now = Instant.now();
    List<Map<String, Object>> entries = IntStream.range(0, 8)
        .mapToObj(i -> series("SWT", "LOC" + i + ".Stage.Inst.1Hour.0.Raw", "1Hour", now.minusSeconds(86400), now))
        .toList();
    cda.catalog("TIMESERIES", "SWT", entries, 3);
    List<String> names = new ArrayList<>();
    CdaClient client = client();

    CdaClient.CatalogWalk walk = client.catalog("TIMESERIES", "SWT", null, true, e -> names.add(e.name()));

    assertThat(walk.pages()).isEqualTo(3);
    assertThat(walk.entries()).isEqualTo(8);
    assertThat(walk.total()).isEqualTo(8);
    assertThat(names).hasSize(8).first().isEqualTo("LOC0.Stage.Inst.1Hour.0.Raw");
    assertThat(client.requestCount()).isEqualTo(3);
    server.verify(3, getRequestedFor(urlPathEqualTo("/cda/catalog/TIMESERIES"))
        .withHeader("Accept", equalTo("application/json;version=2"))
        .withQueryParam("include-extents", equalTo("true"))
        .withQueryParam("page-size", equalTo("3")));
    server.verify(1, getRequestedFor(urlPathEqualTo("/cda/catalog/TIMESERIES"))
        .withQueryParam("page", equalTo(CdaStubs.cursor(2))));
  }

  @Test
  void readsTheSampleCatalogPageWithExtents() {
    cda.stub(cda.get("catalog/TIMESERIES").willReturn(json(200,
        sample("catalog_timeseries_swt_page_trimmed.json").replaceFirst("\"next-page\": \"[^\"]+\",", ""))));
    List<CatalogEntry> entries = new ArrayList<>();
    client().catalog("TIMESERIES", "SWT", null, true, entries::add);
    assertThat(entries).hasSize(4);
    assertThat(entries.get(0).latestTime()).isEqualTo(Instant.parse("2005-02-01T00:00:00Z"));
    assertThat(entries.get(1).latestTime()).isNull();
    assertThat(entries.get(3).earliestTime()).isEqualTo(Instant.parse("2014-02-05T08:00:00Z"));
  }

  @Test
  void theLikeRegexReachesCdaExactlyAsWritten() {
    cda.stub(cda.get("catalog/TIMESERIES").willReturn(json(200, "{\"entries\":[]}")));
    String like = "^(KEYS\\.Elev\\.Inst\\.1Hour\\.0\\.Ccp-Rev|A\\+B\\.Flow)$";
    client().catalog("TIMESERIES", "SWT", like, true, e -> { });
    server.verify(getRequestedFor(urlPathEqualTo("/cda/catalog/TIMESERIES")).withQueryParam("like", equalTo(like)));
  }

  @Test
  void sendsTheApiKeyOnlyWhenConfiguredAndNeverShowsIt() {
    cda.up();
    props.setApiKey("s3cret-key");
    client().version();
    server.verify(getRequestedFor(urlPathEqualTo("/cda/version"))
        .withHeader("Authorization", equalTo("apikey s3cret-key")));
    assertThat(props.toString()).doesNotContain("s3cret");

    server.resetRequests();
    props.setApiKey(null);
    client().version();
    server.verify(getRequestedFor(urlPathEqualTo("/cda/version")).withoutHeader("Authorization"));
  }

  @Test
  void error500KeepsCdasMessageAndIncidentIdAndIsNotRetried() {
    cda.stub(cda.get("offices/SWT").willReturn(json(500, sample("error_500.json"))));
    assertThatThrownBy(() -> client().office("SWT"))
        .isInstanceOfSatisfying(CdaException.class, e -> {
          assertThat(e.status()).isEqualTo(500);
          assertThat(e.incidentIdentifier()).isEqualTo("-6919201554950390510");
          assertThat(e.getMessage()).contains("GET " + cda.baseUrl() + "offices/SWT", "HTTP 500", "System Error",
              "CDA incident -6919201554950390510");
        });
    server.verify(1, getRequestedFor(urlPathEqualTo("/cda/offices/SWT")));
  }

  @Test
  void unknownOfficeIs404() {
    cda.stub(cda.get("offices/XYZ").willReturn(json(404,
        "{\"message\":\"Unable to find office XYZ\",\"incidentIdentifier\":\"42\",\"details\":{}}")));
    assertThatThrownBy(() -> client().office("XYZ")).isInstanceOfSatisfying(CdaException.class, e -> {
      assertThat(e.status()).isEqualTo(404);
      assertThat(e.getMessage()).contains("Unable to find office XYZ", "incident 42");
    });
  }

  @Test
  void connectionRefusedIsRetriedThenReported() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    CdaClient client = new CdaClientFactory(props).client("http://localhost:" + closed + "/cda/");
    assertThatThrownBy(client::version).isInstanceOfSatisfying(CdaException.class, e -> {
      assertThat(e.status()).isZero();
      assertThat(e.attempts()).isEqualTo(3);
      assertThat(e.getMessage()).contains("GET http://localhost:" + closed + "/cda/version",
          "connection refused", "after 3 attempts");
    });
    assertThat(client.requestCount()).isEqualTo(3);
  }

  @Test
  void aReadTimeOutIsRetriedThenReported() {
    cda.stub(cda.get("version").willReturn(json(200, sample("version_constructed.json")).withFixedDelay(3000)));
    props.setRetries(1);
    assertThatThrownBy(() -> client().version()).isInstanceOfSatisfying(CdaException.class, e -> {
      assertThat(e.getMessage()).contains("/cda/version", "time-out", "after 2 attempts");
    });
  }

  @Test
  void aTransientResetIsRetriedAndTheAnswerUsed() {
    cda.stub(cda.get("version").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
            .withFault(Fault.CONNECTION_RESET_BY_PEER))
        .willSetStateTo("ok"));
    cda.stub(cda.get("version").inScenario("flaky").whenScenarioStateIs("ok")
        .willReturn(json(200, sample("version_constructed.json"))));
    CdaClient client = client();
    assertThat(client.version().path("version").asText()).isEqualTo("2025.03.20");
    assertThat(client.requestCount()).isEqualTo(2);
  }

  @Test
  void malformedJsonIsAFaultNotAnAnswer() {
    cda.stub(cda.get("catalog/TIMESERIES").willReturn(json(200, "{\"entries\": [{\"name\": \"A.B.C")));
    assertThatThrownBy(() -> client().catalog("TIMESERIES", "SWT", null, true, e -> { }))
        .isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.getMessage()).contains("malformed JSON"));

    cda.stub(cda.get("catalog/LOCATIONS").willReturn(json(200, "{\"total\": 3}")));
    assertThatThrownBy(() -> client().catalog("LOCATIONS", "SWT", null, false, e -> { }))
        .isInstanceOfSatisfying(CdaException.class,
            e -> assertThat(e.getMessage()).contains("malformed answer", "no \"entries\""));

    cda.stub(cda.get("version").willReturn(json(200, "<html>proxy login</html>")));
    assertThatThrownBy(() -> client().version()).isInstanceOf(CdaException.class);
  }

  @Test
  void aCursorThatRepeatsStopsTheWalk() {
    cda.stub(cda.get("catalog/TIMESERIES").willReturn(json(200, "{\"next-page\":\"same\",\"entries\":[]}")));
    assertThatThrownBy(() -> client().catalog("TIMESERIES", "SWT", null, true, e -> { }))
        .isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.getMessage()).contains("repeats"));
  }

  @Test
  void aProxyErrorPageIsReportedWithAnExcerpt() {
    cda.stub(cda.get("version").willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
        .withStatus(503).withBody("<html><body>Service Unavailable</body></html>")));
    assertThatThrownBy(() -> client().version()).isInstanceOfSatisfying(CdaException.class, e -> {
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.getMessage()).contains("HTTP 503", "Service Unavailable", "after 3 attempts");
    });
  }
}
