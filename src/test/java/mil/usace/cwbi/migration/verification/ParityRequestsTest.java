package mil.usace.cwbi.migration.verification;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static mil.usace.cwbi.migration.cda.CdaStubs.location;
import static mil.usace.cwbi.migration.cda.CdaStubs.member;
import static mil.usace.cwbi.migration.cda.CdaStubs.series;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.cda.CdaClientFactory;
import mil.usace.cwbi.migration.cda.CdaProperties;
import mil.usace.cwbi.migration.cda.CdaStubs;
import mil.usace.cwbi.migration.verification.checks.CatalogScan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a parity gate (CWBI-DEV, CWBI-PROD) of an office whose catalog spans three pages reads, in all: the
 * service, the office, the two acquisition groups, the target's three catalog pages, T7's ids in one larger page
 * and T7's locations: 9 requests. The target's location catalog is read only when a T7 location carries no series
 * in the target, and then parity still finds what is missing.
 */
class ParityRequestsTest {

  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
  static final int PAGE = 50;
  static WireMockServer server;
  CdaStubs t7;
  CdaStubs dev;
  CdaGateVerifier verifier;
  List<Map<String, Object>> catalog;
  List<Map<String, Object>> locations;
  List<String> critical;

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
    CdaProperties props = CdaStubs.properties(server, Duration.ofMillis(3000), PAGE, Map.of("cwbi-dev", dev));
    verifier = new CdaGateVerifier(new CdaClientFactory(props), Clock.fixed(NOW, ZoneOffset.UTC));
    // 130 series (3 pages of 50) on 26 locations; 100 of the series' ids need no extents to be compared
    catalog = new ArrayList<>();
    locations = new ArrayList<>();
    critical = new ArrayList<>();
    List<Map<String, Object>> usgs = new ArrayList<>();
    List<Map<String, Object>> shef = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      String loc = String.format("LOC%02d", i / 5);
      String name = loc + (i % 5 == 0 ? ".Stage.Inst.15Minutes.0.USGS-raw"
          : i % 5 == 1 ? ".Precip.Inst.15Minutes.0.SHEF-raw" : ".Elev.Inst.1Hour.0.Rev-" + i);
      catalog.add(series("SWT", name, name.contains("15Minutes") ? "15Minutes" : "1Hour",
          NOW.minus(900, ChronoUnit.DAYS), NOW.minus(10, ChronoUnit.MINUTES)));
      if (i % 5 == 0) {
        locations.add(location("SWT", loc));
        usgs.add(member("SWT", name));
      } else if (i % 5 == 1) {
        shef.add(member("SWT", name));
      } else if (critical.size() < 20) {
        critical.add(name);
      }
    }
    for (CdaStubs s : List.of(t7, dev)) {
      s.up().office("SWT", "Tulsa District");
      s.catalog("TIMESERIES", "SWT", catalog, PAGE);
      s.catalogForPageSize("TIMESERIES", "SWT", catalog, PAGE * CatalogScan.ID_PAGE_FACTOR);
      s.group("USGS TS Data Acquisition", usgs);
      s.group("SHEF Data Acquisition", shef);
    }
  }

  MigrationSubject swt() {
    return new MigrationSubject("SWT", t7.baseUrl(), true, critical, null);
  }

  int requests() {
    return server.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();
  }

  @Test
  void aMigratedOfficeIsVerifiedInNineRequests() {
    t7.catalog("LOCATIONS", "SWT", locations, PAGE);
    dev.catalog("LOCATIONS", "SWT", locations, PAGE);

    VerificationReport r = verifier.verify(Environment.CWBI_DEV, swt());

    assertThat(r.failures()).isEmpty();
    assertThat(requests()).isEqualTo(9);
    server.verify(3, getRequestedFor(urlPathEqualTo("/dev/catalog/TIMESERIES")));
    server.verify(1, getRequestedFor(urlPathEqualTo("/t7/catalog/TIMESERIES")));
    server.verify(0, getRequestedFor(urlPathEqualTo("/dev/catalog/LOCATIONS")));
    assertThat(r.checks().stream().filter(c -> c.check().startsWith("parity of time series ids")).findFirst()
        .orElseThrow().evidence()).contains("all 130");
    assertThat(r.checks().stream().filter(c -> c.check().startsWith("parity of locations")).findFirst()
        .orElseThrow().evidence()).contains("all 26");
  }

  @Test
  void aT7LocationWithoutSeriesIsLookedUpInTheTargetsLocationCatalog() {
    List<Map<String, Object>> t7Locations = new ArrayList<>(locations);
    t7Locations.add(location("SWT", "BASIN-ONLY"));
    t7.catalog("LOCATIONS", "SWT", t7Locations, PAGE);
    dev.catalog("LOCATIONS", "SWT", locations, PAGE);

    VerificationReport r = verifier.verify(Environment.CWBI_DEV, swt());

    CheckResult parity = r.checks().stream().filter(c -> c.check().startsWith("parity of locations")).findFirst()
        .orElseThrow();
    assertThat(parity.passed()).isFalse();
    assertThat(parity.evidence()).contains("lacks 1 of 27", "BASIN-ONLY");
    assertThat(requests()).isEqualTo(10);

    // once CWBI-DEV has it too, the gate passes (the location catalog read again, as a T7 location has no series)
    server.resetRequests();
    dev.catalog("LOCATIONS", "SWT", t7Locations, PAGE);
    assertThat(verifier.verify(Environment.CWBI_DEV, swt()).failures()).isEmpty();
  }
}
