package mil.usace.cwbi.migration.verification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static mil.usace.cwbi.migration.cda.CdaStubs.json;
import static mil.usace.cwbi.migration.cda.CdaStubs.location;
import static mil.usace.cwbi.migration.cda.CdaStubs.member;
import static mil.usace.cwbi.migration.cda.CdaStubs.sample;
import static mil.usace.cwbi.migration.cda.CdaStubs.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import mil.usace.cwbi.migration.cda.CdaClientFactory;
import mil.usace.cwbi.migration.cda.CdaProperties;
import mil.usace.cwbi.migration.cda.CdaStubs;
import mil.usace.cwbi.migration.cda.CdaUnreachableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every check of every gate, passing and failing, against CDA environments served by a local WireMock. */
class CdaGateVerifierTest {

  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
  static final String KEYS_ELEV = "KEYS.Elev.Inst.1Hour.0.Ccp-Rev";
  static final String KEYS_FLOW = "KEYS.Flow-Out.Ave.1Hour.1Hour.Rev-Regi-Flowgroup";
  static final String USGS_1 = "TENK.Stage.Inst.15Minutes.0.USGS-raw";
  static final String USGS_2 = "EUFA.Flow.Inst.15Minutes.0.USGS-raw";
  static final String SHEF_1 = "OOLO.Precip.Total.1Hour.1Hour.SHEF-raw";
  static final Instant HISTORY_START = Instant.parse("2004-01-01T00:00:00Z");

  static WireMockServer server;
  CdaStubs t7;
  CdaStubs dev;
  CdaStubs test;
  CdaStubs prod;
  CdaProperties props;
  CdaGateVerifier verifier;

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
    t7 = new CdaStubs(server, "t7");
    dev = new CdaStubs(server, "dev");
    test = new CdaStubs(server, "test");
    prod = new CdaStubs(server, "prod");
    // read time-out generous: the cores are shared
    props = CdaStubs.properties(server, Duration.ofMillis(1500), 4,
        Map.of("cwbi-dev", dev, "cwbi-test", test, "cwbi-prod", prod));
    verifier = new CdaGateVerifier(new CdaClientFactory(props), Clock.fixed(NOW, ZoneOffset.UTC));
    for (CdaStubs s : List.of(t7, dev, test, prod)) {
      healthy(s, catalog(HISTORY_START), locations());
    }
  }

  MigrationSubject subject(boolean usgs) {
    return new MigrationSubject("SWT", t7.baseUrl(), usgs, List.of(KEYS_ELEV, KEYS_FLOW), null);
  }

  static List<Map<String, Object>> catalog(Instant earliest) {
    List<Map<String, Object>> c = new ArrayList<>();
    c.add(series("SWT", KEYS_ELEV, "1Hour", earliest, NOW.minus(1, ChronoUnit.HOURS)));
    c.add(series("SWT", KEYS_FLOW, "1Hour", earliest, NOW.minus(2, ChronoUnit.HOURS)));
    c.add(series("SWT", USGS_1, "15Minutes", earliest, NOW.minus(30, ChronoUnit.MINUTES)));
    c.add(series("SWT", USGS_2, "15Minutes", earliest, NOW.minus(45, ChronoUnit.MINUTES)));
    c.add(series("SWT", SHEF_1, "1Hour", earliest, NOW.minus(1, ChronoUnit.HOURS)));
    c.add(series("SWT", "KEYS.Stor.Inst.0.0.Manual", "0", earliest, NOW.minus(1, ChronoUnit.DAYS)));
    IntStream.range(0, 5).forEach(i -> c.add(series("SWT", "LOC" + i + ".Temp-Air.Inst.1Day.0.Raw", "1Day",
        earliest, NOW.minus(1, ChronoUnit.DAYS))));
    return c;
  }

  static List<Map<String, Object>> locations() {
    return List.of(location("SWT", "KEYS"), location("SWT", "TENK"), location("SWT", "EUFA"),
        location("SWT", "OOLO"));
  }

  static void healthy(CdaStubs s, List<Map<String, Object>> catalog, List<Map<String, Object>> locations) {
    s.up().office("SWT", "Tulsa District");
    s.catalog("TIMESERIES", "SWT", catalog, 4);
    s.catalog("LOCATIONS", "SWT", locations, 4);
    s.group("USGS TS Data Acquisition", List.of(member("SWT", USGS_1), member("SWT", USGS_2),
        member("LRL", "Buckhorn-Lake.Stage.Inst.5Minutes.0.USGS-raw")));
    s.group("SHEF Data Acquisition", List.of(member("SWT", SHEF_1)));
  }

  static CheckResult line(VerificationReport r, String prefix) {
    return r.checks().stream().filter(c -> c.check().startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no check " + prefix + " in " + r.checks()));
  }

  @Test
  void t7GatePassesWithEveryCheckAndItsEvidence() {
    VerificationReport r = verifier.verify(Environment.T7, subject(true));

    assertThat(r.failures()).isEmpty();
    assertThat(r.passed()).isTrue();
    assertThat(r.checks()).extracting(CheckResult::check).containsExactly(
        "CDA service answers (T7)", "office known (T7)", "critical series present (T7)",
        "critical series fresh (T7)", "USGS TS Data Acquisition (T7)", "SHEF Data Acquisition (T7)");
    assertThat(line(r, "CDA service").evidence()).contains("CDA 2025.03.20", "schema 25.02.04");
    assertThat(line(r, "office known").evidence()).contains("Tulsa District");
    assertThat(line(r, "critical series present").evidence()).contains("all 2");
    assertThat(line(r, "critical series fresh").evidence()).contains(KEYS_FLOW, "limit PT3H");
    assertThat(line(r, "USGS").evidence()).contains("2 members of SWT");
    // the watched ids went to CDA as one like regex, not one request per series, not a whole-catalog walk
    server.verify(getRequestedFor(urlPathEqualTo("/t7/catalog/TIMESERIES"))
        .withQueryParam("like", matching("\\^\\(KEYS\\\\\\.Elev.*\\)\\$")));
  }

  @Test
  void withoutUsgsDataOnlyTheShefGroupIsChecked() {
    VerificationReport r = verifier.verify(Environment.CWBI_TEST, subject(false));
    assertThat(r.passed()).isTrue();
    assertThat(r.checks()).extracting(CheckResult::check).doesNotContain("USGS TS Data Acquisition (CWBI-TEST)")
        .contains("SHEF Data Acquisition (CWBI-TEST)");
  }

  @Test
  void devGatePassesWithParityFromT7() {
    VerificationReport r = verifier.verify(Environment.CWBI_DEV, subject(true));
    assertThat(r.failures()).isEmpty();
    assertThat(line(r, "parity of time series ids (T7 -> CWBI-DEV)").evidence()).contains("all 11");
    assertThat(line(r, "parity of locations (T7 -> CWBI-DEV)").evidence()).contains("all 4");
  }

  @Test
  void devGateFailsListingWhatT7HasAndDevLacks() {
    dev.reset();
    List<Map<String, Object>> partial = new ArrayList<>(catalog(HISTORY_START).subList(0, 8));
    // a location CWBI-DEV lacks has no series there either (CDA has no series without its location)
    partial.removeIf(e -> String.valueOf(e.get("name")).startsWith("OOLO."));
    healthy(dev, partial, locations().subList(0, 3));

    VerificationReport r = verifier.verify(Environment.CWBI_DEV, subject(true));

    assertThat(r.passed()).isFalse();
    CheckResult ts = line(r, "parity of time series ids");
    assertThat(ts.passed()).isFalse();
    assertThat(ts.evidence()).contains("CWBI-DEV lacks 4 of 11", "LOC2.TEMP-AIR.INST.1DAY.0.RAW",
        "LOC4.TEMP-AIR.INST.1DAY.0.RAW");
    assertThat(line(r, "parity of locations").evidence()).contains("lacks 1 of 4", "OOLO");
    assertThat(line(r, "critical series present").passed()).isTrue();
  }

  @Test
  void parityListsTheFirstFiftyMissingAndTheCount() {
    List<Map<String, Object>> big = new ArrayList<>(catalog(HISTORY_START));
    IntStream.range(0, 120).forEach(i -> big.add(series("SWT", String.format("X%03d.Flow.Inst.1Hour.0.Raw", i),
        "1Hour", HISTORY_START, NOW)));
    t7.reset();
    healthy(t7, big, locations());
    props.setPageSize(50);

    CheckResult ts = line(verifier.verify(Environment.CWBI_PROD, subject(false)), "parity of time series ids");

    assertThat(ts.passed()).isFalse();
    assertThat(ts.evidence()).contains("CWBI-PROD lacks 120 of 131", "X000.FLOW", "X049.FLOW",
        "(first 50 of 120)").doesNotContain("X050.FLOW");
  }

  @Test
  void aMissingCriticalSeriesFails() {
    test.reset();
    healthy(test, catalog(HISTORY_START).subList(1, 11), locations());
    VerificationReport r = verifier.verify(Environment.CWBI_TEST, subject(false));
    assertThat(r.passed()).isFalse();
    assertThat(line(r, "critical series present").evidence()).contains("missing 1 of 2", KEYS_ELEV);
  }

  @Test
  void aStaleCriticalSeriesFailsWithItsAgeAndLimit() {
    List<Map<String, Object>> c = new ArrayList<>(catalog(HISTORY_START));
    c.set(1, series("SWT", KEYS_FLOW, "1Hour", HISTORY_START, NOW.minus(5, ChronoUnit.HOURS)));
    test.reset();
    healthy(test, c, locations());
    CheckResult fresh = line(verifier.verify(Environment.CWBI_TEST, subject(false)), "critical series fresh");
    assertThat(fresh.passed()).isFalse();
    assertThat(fresh.evidence()).contains("stale 1 of 2", KEYS_FLOW, "PT5H old", "limit PT3H");
  }

  @Test
  void aSeriesWithoutValuesIsNotFresh() {
    List<Map<String, Object>> c = new ArrayList<>(catalog(HISTORY_START));
    c.set(0, series("SWT", KEYS_ELEV, "1Hour", null, null));
    test.reset();
    healthy(test, c, locations());
    CheckResult fresh = line(verifier.verify(Environment.CWBI_TEST, subject(false)), "critical series fresh");
    assertThat(fresh.passed()).isFalse();
    assertThat(fresh.evidence()).contains(KEYS_ELEV + " holds no values");
  }

  @Test
  void irregularSeriesUseTheConfiguredAge() {
    MigrationSubject irregular = new MigrationSubject("SWT", t7.baseUrl(), false,
        List.of("KEYS.Stor.Inst.0.0.Manual"), null);
    assertThat(verifier.verify(Environment.T7, irregular).passed()).isTrue();
    props.getFreshness().setIrregularMaxAge(Duration.ofHours(12));
    CheckResult fresh = line(new CdaGateVerifier(new CdaClientFactory(props), Clock.fixed(NOW, ZoneOffset.UTC))
        .verify(Environment.T7, irregular), "critical series fresh");
    assertThat(fresh.passed()).isFalse();
    assertThat(fresh.evidence()).contains("limit PT12H");
  }

  @Test
  void aStaleOrMissingUsgsMemberFailsItsGroup() {
    List<Map<String, Object>> c = new ArrayList<>(catalog(HISTORY_START));
    c.set(2, series("SWT", USGS_1, "15Minutes", HISTORY_START, NOW.minus(3, ChronoUnit.DAYS)));
    c.remove(3);
    test.reset();
    healthy(test, c, locations());
    VerificationReport r = verifier.verify(Environment.CWBI_TEST, subject(true));
    CheckResult usgs = line(r, "USGS TS Data Acquisition");
    assertThat(usgs.passed()).isFalse();
    assertThat(usgs.evidence()).contains("missing from the catalog 1", USGS_2, "stale 1 of 1", USGS_1);
    assertThat(line(r, "SHEF Data Acquisition").passed()).isTrue();
  }

  @Test
  void anOfficeWithoutGroupMembersFails() {
    test.group("SHEF Data Acquisition", List.of(member("LRL", "Markland.Stage.Inst.1Hour.0.SHEF-raw")));
    CheckResult shef = line(verifier.verify(Environment.CWBI_TEST, subject(false)), "SHEF Data Acquisition");
    assertThat(shef.passed()).isFalse();
    assertThat(shef.evidence()).contains("no time series of SWT");
  }

  @Test
  void anEmptyCatalogNeverPasses() {
    t7.reset();
    healthy(t7, List.of(), List.of());
    VerificationReport onT7 = verifier.verify(Environment.T7, subject(false));
    assertThat(onT7.passed()).isFalse();
    assertThat(line(onT7, "critical series present").evidence()).contains("missing 2 of 2");

    VerificationReport onDev = verifier.verify(Environment.CWBI_DEV, subject(false));
    assertThat(onDev.passed()).isFalse();
    assertThat(line(onDev, "parity of time series ids").evidence()).contains("T7 lists no time series ids");
    assertThat(line(onDev, "parity of locations").evidence()).contains("T7 lists no locations");
  }

  @Test
  void anUnknownOfficeStopsTheGate() {
    test.stub(test.get("offices/SWT").willReturn(json(404,
        "{\"message\":\"Unable to find office SWT\",\"incidentIdentifier\":\"777\",\"details\":{}}")));
    VerificationReport r = verifier.verify(Environment.CWBI_TEST, subject(false));
    assertThat(r.passed()).isFalse();
    assertThat(line(r, "office known").evidence()).contains("CDA does not know office SWT", "HTTP 404",
        "CDA incident 777");
    assertThat(line(r, "data checks").evidence()).isEqualTo(CdaGateVerifier.NOT_RUN);
  }

  @Test
  void connectionRefusedLeavesTheVerificationForTheJobToRetry() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    props.getT7().setAllowedHosts(List.of("localhost"));
    MigrationSubject down = new MigrationSubject("SWT", "http://localhost:" + closed + "/swt-data/", false,
        List.of(KEYS_ELEV), null);
    assertThatThrownBy(() -> verifier.verify(Environment.T7, down))
        .isInstanceOfSatisfying(CdaUnreachableException.class, e -> assertThat(e.getMessage())
            .contains("GET http://localhost:" + closed + "/swt-data/version", "connection refused")
            .doesNotContain("attempts"));
  }

  @Test
  void a500WithCdasErrorBodyFailsNamingTheRequestAndIncident() {
    test.stub(test.get("catalog/TIMESERIES").willReturn(json(500, sample("error_500.json"))));
    VerificationReport r = verifier.verify(Environment.CWBI_TEST, subject(false));
    assertThat(r.passed()).isFalse();
    assertThat(line(r, "critical series present").evidence()).contains("/test/catalog/TIMESERIES", "HTTP 500",
        "System Error", "CDA incident -6919201554950390510");
  }

  @Test
  void aTimeOutLeavesTheVerificationAfterOneRequest() {
    test.stub(test.get("catalog/TIMESERIES").willReturn(json(200, "{\"entries\":[]}").withFixedDelay(4000)));
    assertThatThrownBy(() -> verifier.verify(Environment.CWBI_TEST, subject(false)))
        .isInstanceOf(CdaUnreachableException.class).hasMessageContaining("time-out");
    // no retry inside the job: the one catalog request that timed out, then the job's own retry cycle
    server.verify(1, getRequestedFor(urlPathEqualTo("/test/catalog/TIMESERIES")));
  }

  @Test
  void aBugOfOursIsNotTurnedIntoAFailedCheck() {
    Clock broken = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        throw new IllegalStateException("a bug of ours");
      }
    };
    CdaGateVerifier buggy = new CdaGateVerifier(new CdaClientFactory(props), broken);
    assertThatThrownBy(() -> buggy.verify(Environment.T7, subject(false)))
        .isInstanceOf(IllegalStateException.class).hasMessage("a bug of ours");
  }

  @Test
  void malformedJsonFailsTheCheck() {
    test.stub(test.get("timeseries/group/SHEF Data Acquisition").willReturn(json(200, "{\"assigned-time-series\":")));
    test.stub(test.get("catalog/TIMESERIES").willReturn(json(200, "[1,2")));
    VerificationReport r = verifier.verify(Environment.CWBI_TEST, subject(false));
    assertThat(r.passed()).isFalse();
    assertThat(line(r, "SHEF Data Acquisition").evidence()).contains("malformed JSON");
    assertThat(line(r, "critical series present").evidence()).contains("malformed");
  }

  @Test
  void aResetConnectionIsForTheJobToRetry() {
    test.stub(test.get("version").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    assertThatThrownBy(() -> verifier.verify(Environment.CWBI_TEST, subject(false)))
        .isInstanceOf(CdaUnreachableException.class).hasMessageContaining("transport error");
  }

  @Test
  void olderCdaWithoutVersionIsRecognisedBySwaggerDocs() {
    test.stub(test.get("version").willReturn(json(404, "{\"message\":\"Not Found\",\"incidentIdentifier\":\"1\"}")));
    test.stub(test.get("swagger-docs").willReturn(json(200, "{\"openapi\":\"3.0.1\",\"paths\":{}}")));
    assertThat(line(verifier.verify(Environment.CWBI_TEST, subject(false)), "CDA service").evidence())
        .contains("OpenAPI 3.0.1");

    test.stub(test.get("swagger-docs").willReturn(aResponse().withStatus(200).withBody("<html>it works</html>")));
    CheckResult notCda = line(verifier.verify(Environment.CWBI_TEST, subject(false)), "CDA service");
    assertThat(notCda.passed()).isFalse();
    assertThat(notCda.evidence()).startsWith("not a CDA");
  }

  @Test
  void criticalSeriesFromTheMigrationsGroup() {
    test.stub(test.get("timeseries/group/Tulsa Critical").withQueryParam("category-id", equalTo("Operations"))
        .willReturn(json(Map.of("id", "Tulsa Critical", "assigned-time-series",
            List.of(member("SWT", KEYS_ELEV), member("SWT", "NOPE.Flow.Inst.1Hour.0.Raw"))))));
    MigrationSubject grouped = new MigrationSubject("SWT", t7.baseUrl(), false, List.of(),
        "Operations/Tulsa Critical");
    CheckResult present = line(verifier.verify(Environment.CWBI_TEST, grouped), "critical series present");
    assertThat(present.passed()).isFalse();
    assertThat(present.evidence()).contains("missing 1 of 2", "NOPE.Flow.Inst.1Hour.0.Raw");
  }

  @Test
  void historyPassesWhenProdReachesAsFarBackAsT7() {
    VerificationReport r = verifier.verify(Environment.HISTORY, subject(false));
    assertThat(r.failures()).isEmpty();
    assertThat(line(r, "history coverage").evidence()).contains("all 2 critical series");
  }

  @Test
  void historyFailsWhenProdHoldsOnlyRecentData() {
    prod.reset();
    healthy(prod, catalog(NOW.minus(400, ChronoUnit.DAYS)), locations());
    VerificationReport r = verifier.verify(Environment.HISTORY, subject(false));
    CheckResult history = line(r, "history coverage");
    assertThat(history.passed()).isFalse();
    assertThat(history.evidence()).contains("2 of 2 critical series not covered", "T7 from 2004-01-01T00:00:00Z",
        "less than the last 730 days");
  }

  @Test
  void aMigrationWithoutAUsableT7UrlFailsInsteadOfThrowing() {
    MigrationSubject bad = new MigrationSubject("SWT", "not a url", false, List.of(KEYS_ELEV), null);
    VerificationReport r = verifier.verify(Environment.T7, bad);
    assertThat(r.passed()).isFalse();
    assertThat(r.checks().get(0).check()).isEqualTo("configuration (T7)");
    assertThat(verifier.verify(Environment.CWBI_DEV, bad).passed()).isFalse();
  }

  @Test
  void aT7OnAHostNotAllowedIsNeverCalled() {
    // 127.0.0.1 is the same WireMock as localhost, but not an allowed T7 host
    MigrationSubject foreign = new MigrationSubject("SWT", "http://127.0.0.1:" + server.port() + "/t7/", false,
        List.of(KEYS_ELEV), null);
    VerificationReport r = verifier.verify(Environment.T7, foreign);
    assertThat(r.passed()).isFalse();
    assertThat(r.checks().get(0).check()).isEqualTo("configuration (T7)");
    assertThat(r.checks().get(0).evidence()).contains("the host is not one where a T7 CDA may be")
        .doesNotContain("127.0.0.1");
    assertThat(verifier.verify(Environment.CWBI_DEV, foreign).passed()).isFalse();
    assertThat(server.getAllServeEvents()).noneMatch(e -> e.getRequest().getUrl().startsWith("/t7/"));
  }

  @Test
  void aLongReportIsShortenedToFitTheProcessVariable() {
    String longName = "VERY-LONG-LOCATION-NAME-%03d.Flow-Out.Ave.1Hour.1Hour.Rev-Regi-Flowgroup-Extended";
    List<Map<String, Object>> big = new ArrayList<>(catalog(HISTORY_START));
    List<String> critical = new ArrayList<>();
    IntStream.range(0, 120).forEach(i -> {
      big.add(series("SWT", String.format(longName, i), "1Hour", HISTORY_START, NOW.minus(9, ChronoUnit.DAYS)));
      critical.add(String.format(longName, i));
    });
    t7.reset();
    healthy(t7, big, locations());
    props.setPageSize(500);
    MigrationSubject subject = new MigrationSubject("SWT", t7.baseUrl(), true, critical, null);

    VerificationReport r = verifier.verify(Environment.CWBI_DEV, subject);

    String json = r.toJson();
    assertThat(json.length()).isLessThanOrEqualTo(CdaGateVerifier.MAX_REPORT_CHARS);
    assertThat(r.passed()).isFalse();
    assertThat(line(r, "parity of time series ids").evidence()).startsWith("CWBI-DEV lacks 120 of 131")
        .endsWith("(first 50 of 120)");
    assertThat(line(r, "critical series present").evidence()).startsWith("missing 120 of 120")
        .contains("shortened to fit");
    assertThat(line(r, "critical series fresh").passed()).isFalse();
  }
}
