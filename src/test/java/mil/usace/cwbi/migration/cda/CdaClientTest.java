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
    p.setConnectTimeout(Duration.ofSeconds(1));
    p.setReadTimeout(Duration.ofMillis(1000)); // generous: the cores are shared
    p.setPageSize(3);
    return p;
  }

  /** The stand-in as a CWBI environment (configured, so trusted with the CWBI key). */
  CdaClient client() {
    return new CdaClientFactory(props).cwbi(cda.baseUrl());
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
  void connectionRefusedIsLeftToTheJobToRetry() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    CdaClient client = new CdaClientFactory(props).cwbi("http://localhost:" + closed + "/cda/");
    assertThatThrownBy(client::version).isInstanceOfSatisfying(CdaUnreachableException.class, e -> {
      assertThat(e.fault().status()).isZero();
      assertThat(e.getMessage()).contains("GET http://localhost:" + closed + "/cda/version", "connection refused");
    });
    // one request: no sleeping and retrying inside the job
    assertThat(client.requestCount()).isEqualTo(1);
  }

  @Test
  void aReadTimeOutIsLeftToTheJobToRetry() {
    cda.stub(cda.get("version").willReturn(json(200, sample("version_constructed.json")).withFixedDelay(3000)));
    assertThatThrownBy(() -> client().version()).isInstanceOf(CdaUnreachableException.class)
        .hasMessageContaining("/cda/version").hasMessageContaining("time-out");
    server.verify(1, getRequestedFor(urlPathEqualTo("/cda/version")));
  }

  @Test
  void aResetIsLeftToTheJobToRetry() {
    cda.stub(cda.get("version").willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
        .withFault(Fault.CONNECTION_RESET_BY_PEER)));
    assertThatThrownBy(() -> client().version()).isInstanceOf(CdaUnreachableException.class)
        .hasMessageContaining("transport error");
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
  void aProxyErrorPageIsNeverQuotedAndLeftToTheJobToRetry() {
    cda.stub(cda.get("version").willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
        .withStatus(503).withBody("<html><body>Service Unavailable SECRET-PAGE-TEXT</body></html>")));
    assertThatThrownBy(() -> client().version()).isInstanceOfSatisfying(CdaUnreachableException.class, e -> {
      assertThat(e.fault().status()).isEqualTo(503);
      assertThat(e.getMessage()).contains("HTTP 503", "no CDA error message").doesNotContain("SECRET", "html");
    });
  }

  @Test
  void anErrorBodyKeepsOnlyCdasMessageCappedAndItsIncidentId() {
    String longMessage = "Unable to do it " + "x".repeat(5000);
    cda.stub(cda.get("offices/SWT").willReturn(json(500, "{\"message\":\"" + longMessage
        + "\\nsecond line\",\"incidentIdentifier\":\"abc-123\",\"details\":{\"stack\":\"SECRET-DETAIL\"}}")));
    assertThatThrownBy(() -> client().office("SWT")).isInstanceOfSatisfying(CdaException.class, e -> {
      assertThat(e.getMessage()).contains("HTTP 500", "Unable to do it", "(CDA incident abc-123)")
          .doesNotContain("SECRET", "\n", "second line");
      assertThat(e.getMessage().length()).isLessThan(400);
    });

    // an incident id that is not an id (markup, a sentence) is dropped
    cda.stub(cda.get("offices/LRL").willReturn(json(500,
        "{\"message\":\"System Error\",\"incidentIdentifier\":\"<a href=x>click</a>\"}")));
    assertThatThrownBy(() -> client().office("LRL")).isInstanceOfSatisfying(CdaException.class, e -> {
      assertThat(e.incidentIdentifier()).isNull();
      assertThat(e.getMessage()).doesNotContain("click", "href");
    });
  }

  @Test
  void malformedJsonIsReportedByPositionNotByItsText() {
    cda.stub(cda.get("version").willReturn(json(200, "SECRET-TOKEN-TEXT and more")));
    assertThatThrownBy(() -> client().version()).isInstanceOfSatisfying(CdaException.class,
        e -> assertThat(e.getMessage()).contains("malformed JSON at line 1").doesNotContain("SECRET"));
  }

  @Test
  void answeredValuesShownInTheReportAreOnlyVersionsAndShortNames() {
    cda.stub(cda.get("version").willReturn(json(200, "{\"version\":\"<script>alert(1)</script> call 555\"}")));
    assertThatThrownBy(() -> client().version()).isInstanceOfSatisfying(CdaException.class,
        e -> assertThat(e.getMessage()).contains("not a version number").doesNotContain("script", "555"));
    cda.stub(cda.get("offices/SWT").willReturn(json(200, "{\"name\":\"SWT\",\"long-name\":\"Tulsa\\n"
        + "y".repeat(500) + "\",\"type\":\"DIS\"}")));
    OfficeInfo info = client().office("SWT");
    assertThat(info.longName()).startsWith("Tulsa y").hasSizeLessThanOrEqualTo(103).doesNotContain("\n");
  }

  @Test
  void aRedirectIsNotFollowed() {
    WireMockServer other = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    other.start();
    try {
      other.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
          com.github.tomakehurst.wiremock.client.WireMock.anyUrl()).willReturn(json(200, sample("version_constructed.json"))));
      cda.stub(cda.get("version").willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
          .withStatus(302).withHeader("Location", "http://127.0.0.1:" + other.port() + "/steal/version")));
      props.setApiKey("cwbi-key");
      assertThatThrownBy(() -> client().version()).isInstanceOfSatisfying(CdaException.class, e -> {
        assertThat(e.status()).isEqualTo(302);
        assertThat(e.getMessage()).contains("redirect, not followed").doesNotContain("steal");
      });
      assertThat(other.getAllServeEvents()).isEmpty();
    } finally {
      other.stop();
    }
  }

  @Test
  void theCwbiKeyGoesToTheCwbiEnvironmentsOnlyAndAT7GetsOnlyItsOwnKey() {
    cda.up();
    CdaStubs t7 = new CdaStubs(server, "t7");
    t7.up();
    props.setApiKey("cwbi-key");
    CdaProperties.EnvironmentConfig dev = new CdaProperties.EnvironmentConfig();
    dev.setBaseUrl(cda.baseUrl());
    props.getEnvironments().put("cwbi-dev", dev);
    props.getT7().setAllowedHosts(List.of("localhost:" + server.port()));
    props.getT7().setRequireHttps(false);
    CdaClientFactory factory = new CdaClientFactory(props);

    factory.client(cda.baseUrl()).version();
    factory.t7(t7.baseUrl(), "SWT").version();
    // a T7 URL that is a CWBI environment's URL still gets no CWBI key
    factory.t7(cda.baseUrl(), "SWT").version();

    server.verify(1, getRequestedFor(urlPathEqualTo("/cda/version")).withHeader("Authorization",
        equalTo("apikey cwbi-key")));
    server.verify(1, getRequestedFor(urlPathEqualTo("/cda/version")).withoutHeader("Authorization"));
    server.verify(1, getRequestedFor(urlPathEqualTo("/t7/version")).withoutHeader("Authorization"));

    server.resetRequests();
    CdaProperties.HostKey own = new CdaProperties.HostKey();
    own.setHost("localhost:" + server.port());
    own.setKey("t7-own-key");
    props.getT7().getHostKeys().add(own);
    factory.t7(t7.baseUrl(), "SWT").version();
    server.verify(1, getRequestedFor(urlPathEqualTo("/t7/version")).withHeader("Authorization",
        equalTo("apikey t7-own-key")));
    assertThat(props.toString()).doesNotContain("cwbi-key", "t7-own-key");
  }

  @Test
  void aT7HostNotAllowedIsRefusedBeforeAnyRequest() {
    props.getT7().setAllowedHosts(List.of(".usace.army.mil", "localhost:" + server.port()));
    props.getT7().setRequireHttps(false);
    CdaClientFactory factory = new CdaClientFactory(props);
    for (String url : List.of("http://127.0.0.1:" + server.port() + "/t7/", "http://localhost:1/t7/",
        "http://evilusace.army.mil/t7/", "http://usace.army.mil.evil.com/t7/",
        "http://wm.swt.ds.usace.army.mil@127.0.0.1:" + server.port() + "/t7/", "file:///etc/passwd",
        "http://localhost:" + server.port() + "/t7/?x=1", "not a url")) {
      assertThatThrownBy(() -> factory.t7(url, "SWT")).as(url).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(factory.hosts().t7Refusal("https://wm.swt.ds.usace.army.mil/swt-data/", "SWT")).isNull();
    assertThat(factory.hosts().t7Refusal("http://WM.SWT.ds.usace.army.mil./swt-data/", "SWT")).isNull();

    props.getT7().setRequireHttps(true);
    assertThat(factory.hosts().t7Refusal("http://wm.swt.ds.usace.army.mil/swt-data/", "SWT")).contains("https");

    // a host allowed for one office only
    props.getT7().getOfficeHosts().put("SWT", List.of("t7.swt.example.mil"));
    assertThat(factory.hosts().t7Refusal("https://t7.swt.example.mil/swt-data/", "SWT")).isNull();
    assertThat(factory.hosts().t7Refusal("https://t7.swt.example.mil/swt-data/", "LRL")).isNotNull();
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void aT7HostRemovedFromTheConfigurationIsRefusedOnTheNextRequest() {
    CdaStubs t7 = new CdaStubs(server, "t7");
    t7.up();
    props.getT7().setAllowedHosts(new java.util.ArrayList<>(List.of("localhost:" + server.port())));
    props.getT7().setRequireHttps(false);
    CdaClient client = new CdaClientFactory(props).t7(t7.baseUrl(), "SWT");
    client.version();
    props.getT7().setAllowedHosts(List.of(".usace.army.mil"));
    assertThatThrownBy(client::version).isInstanceOfSatisfying(CdaException.class,
        e -> assertThat(e.getMessage()).contains("not sent", "not an allowed T7 host"));
    server.verify(1, getRequestedFor(urlPathEqualTo("/t7/version")));
  }
}
