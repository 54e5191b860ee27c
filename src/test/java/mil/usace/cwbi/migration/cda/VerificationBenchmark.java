package mil.usace.cwbi.migration.cda;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import mil.usace.cwbi.migration.verification.CdaGateVerifier;
import mil.usace.cwbi.migration.verification.Environment;
import mil.usace.cwbi.migration.verification.MigrationSubject;
import mil.usace.cwbi.migration.verification.VerificationReport;
import mil.usace.cwbi.migration.verification.checks.CatalogScan;

/**
 * Benchmark (not a test): verifying an SWT-sized office (13,135 series, 500 critical, USGS and SHEF groups)
 * against a local CDA (WireMock) that answers every request after 50 ms. Prints, per gate, the requests made, the
 * wall time and the heap used above the baseline; then the same at four times the catalog, to show that memory
 * does not grow with the catalog (beyond the id set parity needs).
 *
 * <pre>mvn -B -ntp -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=mil.usace.cwbi.migration.cda.VerificationBenchmark</pre>
 */
public final class VerificationBenchmark {

  static final int DELAY_MS = 50;

  public static void main(String[] args) throws Exception {
    int series = args.length > 0 ? Integer.parseInt(args[0]) : 13_135;
    run(series, 500);
    run(series * 4, 500);
  }

  static void run(int total, int criticalCount) throws Exception {
    WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(8));
    server.start();
    try {
      server.setGlobalFixedDelay(DELAY_MS);
      Instant now = Instant.now();
      List<Map<String, Object>> catalog = new ArrayList<>(total);
      List<String> critical = new ArrayList<>();
      List<Map<String, Object>> usgs = new ArrayList<>();
      List<Map<String, Object>> shef = new ArrayList<>();
      List<Map<String, Object>> locations = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        String loc = String.format("LOC%05d", i / 9);
        String name = loc + (i % 9 == 0 ? ".Stage.Inst.15Minutes.0.USGS-raw"
            : i % 9 == 1 ? ".Precip.Inst.15Minutes.0.SHEF-raw" : ".Elev.Inst.1Hour.0.Rev-" + (i % 9));
        catalog.add(CdaStubs.series("SWT", name, name.contains("15Minutes") ? "15Minutes" : "1Hour",
            now.minus(3000, ChronoUnit.DAYS), now.minus(20, ChronoUnit.MINUTES)));
        if (i % 9 == 0) {
          locations.add(CdaStubs.location("SWT", loc));
          if (usgs.size() < 100) {
            usgs.add(CdaStubs.member("SWT", name));
          }
        }
        if (i % 9 == 1 && shef.size() < 100) {
          shef.add(CdaStubs.member("SWT", name));
        }
        if (i % 9 == 2 && critical.size() < criticalCount) {
          critical.add(name);
        }
      }
      CdaProperties props = new CdaProperties();
      props.getT7().setAllowedHosts(List.of("localhost:" + server.port()));
      props.getT7().setRequireHttps(false);
      for (String env : List.of("t7", "cwbi-dev", "cwbi-test", "cwbi-prod")) {
        CdaStubs s = new CdaStubs(server, env);
        s.up().office("SWT", "Tulsa District");
        catalogPages(server, s, catalog, props.getPageSize());
        s.catalog("LOCATIONS", "SWT", locations, props.getPageSize());
        s.group("USGS TS Data Acquisition", usgs);
        s.group("SHEF Data Acquisition", shef);
        if (!env.equals("t7")) {
          CdaProperties.EnvironmentConfig c = new CdaProperties.EnvironmentConfig();
          c.setBaseUrl(s.baseUrl());
          props.getEnvironments().put(env, c);
        }
      }
      catalog = null;
      CdaGateVerifier verifier = new CdaGateVerifier(new CdaClientFactory(props));
      MigrationSubject swt = new MigrationSubject("SWT", new CdaStubs(server, "t7").baseUrl(), true, critical, null);

      System.out.printf("%nSWT-sized office: %,d series (%,d locations), %d critical, %d USGS + %d SHEF members; "
          + "every answer delayed %d ms; page size %d%n", total, locations.size(), critical.size(), usgs.size(),
          shef.size(), DELAY_MS, props.getPageSize());
      verifier.verify(Environment.CWBI_DEV, swt); // warm-up (class loading, JIT)
      System.out.printf("%-10s %-7s %9s %10s %18s%n", "gate", "passed", "requests", "wall ms", "live heap +MB");
      // what serving and receiving the pages costs alone: the T7 catalog fetched and thrown away, no parsing
      String t7 = new CdaStubs(server, "t7").baseUrl();
      double serving = liveHeapPeak(() -> discardPages(t7, props.getPageSize())) / 1048576.0;
      System.out.printf("(baseline: fetching the T7 catalog's pages and discarding them: live heap +%.1f MB)%n",
          serving);
      for (Environment env : Environment.values()) {
        // timed pass
        server.resetRequests();
        long t0 = System.nanoTime();
        VerificationReport r = verifier.verify(env, swt);
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        int requests = server.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();
        // memory pass: the live heap (after a GC, sampled every 20 ms) above what it was before the gate ran
        double liveMb = (liveHeapPeak(() -> verifier.verify(env, swt))) / 1048576.0;
        System.out.printf("%-10s %-7s %9d %10d %18.1f%n", env, r.passed(), requests, ms, liveMb);
        if (!r.passed()) {
          r.failures().forEach(f -> System.out.println("  FAILED " + f));
        }
      }
    } finally {
      server.stop();
    }
  }

  /** Largest live heap (used right after a full GC) while {@code work} runs, minus the live heap before. */
  static long liveHeapPeak(Runnable work) throws InterruptedException {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    System.gc();
    long base = mem.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong(base);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler = new Thread(() -> {
      while (running.get()) {
        System.gc();
        peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.start();
    work.run();
    running.set(false);
    sampler.join();
    return peak.get() - base;
  }

  static void discardPages(String base, int pageSize) {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    String page = null;
    try {
      do {
        String url = base + "catalog/TIMESERIES?office=SWT&page-size=" + pageSize + "&include-extents=true"
            + (page == null ? "" : "&page=" + java.net.URLEncoder.encode(page, java.nio.charset.StandardCharsets.UTF_8));
        java.net.http.HttpResponse<java.io.InputStream> res = http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        String head;
        try (java.io.InputStream in = res.body()) {
          head = new String(in.readNBytes(200), java.nio.charset.StandardCharsets.UTF_8);
          in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"next-page\":\"([^\"]+)\"").matcher(head);
        page = m.find() ? m.group(1) : null;
      } while (page != null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Catalog pages; a {@code like} request is answered with the whole catalog's first page too (the client filters). */
  static void catalogPages(WireMockServer server, CdaStubs s, List<Map<String, Object>> catalog, int pageSize) {
    s.catalog("TIMESERIES", "SWT", catalog, pageSize);
    server.stubFor(s.get("catalog/TIMESERIES").withQueryParam("office", equalTo("SWT"))
        .withQueryParam("page", absent()).withQueryParam("like", absent())
        .willReturn(CdaStubs.json(pageBody(catalog, pageSize))));
    // the ids-only walk of parity asks for larger pages (CatalogScan.ID_PAGE_FACTOR); added last, so it wins
    s.catalogForPageSize("TIMESERIES", "SWT", catalog, pageSize * CatalogScan.ID_PAGE_FACTOR);
  }

  static Object pageBody(List<Map<String, Object>> catalog, int pageSize) {
    Map<String, Object> page = new java.util.LinkedHashMap<>();
    if (catalog.size() > pageSize) {
      page.put("next-page", CdaStubs.cursor(1));
    }
    page.put("total", catalog.size());
    page.put("page-size", pageSize);
    page.put("entries", catalog.subList(0, Math.min(pageSize, catalog.size())));
    return page;
  }
}
