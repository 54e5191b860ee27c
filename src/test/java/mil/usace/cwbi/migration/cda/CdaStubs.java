package mil.usace.cwbi.migration.cda;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CDA environment on a WireMock server, under a path prefix ({@code /dev/}): answers shaped like
 * /work/shared/cda (and its samples, copied to src/test/resources/cda). {@link #reset()} removes only these stubs.
 */
public final class CdaStubs {

  static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server;
  private final String prefix;

  public CdaStubs(WireMockServer server, String name) {
    this.server = server;
    this.prefix = "/" + name + "/";
  }

  public String baseUrl() {
    return "http://localhost:" + server.port() + prefix;
  }

  public static String sample(String file) {
    try (InputStream in = CdaStubs.class.getResourceAsStream("/cda/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("no sample " + file, e);
    }
  }

  public static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  public static ResponseDefinitionBuilder json(Object body) {
    try {
      return json(200, JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A GET stub on this environment; the path is given as written and matched as sent (percent-encoded). */
  public MappingBuilder get(String path) {
    return com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(prefix
        + org.springframework.web.util.UriUtils.encodePath(path, StandardCharsets.UTF_8)));
  }

  /**
   * CDA settings for a test against one stand-in server: its host allowed as a T7 over http, each given stub as
   * the CWBI environment of that name ("cwbi-dev" ...).
   */
  public static CdaProperties properties(WireMockServer server, java.time.Duration readTimeout, int pageSize,
      Map<String, CdaStubs> environments) {
    CdaProperties props = new CdaProperties();
    props.getT7().setAllowedHosts(List.of("localhost:" + server.port()));
    props.getT7().setRequireHttps(false);
    props.setReadTimeout(readTimeout);
    props.setPageSize(pageSize);
    environments.forEach((name, stubs) -> {
      CdaProperties.EnvironmentConfig env = new CdaProperties.EnvironmentConfig();
      env.setBaseUrl(stubs.baseUrl());
      props.getEnvironments().put(name, env);
    });
    return props;
  }

  public CdaStubs stub(MappingBuilder mapping) {
    server.stubFor(mapping);
    return this;
  }

  /** /version as newer CDA releases answer it. */
  public CdaStubs up() {
    return stub(get("version").willReturn(json(200, sample("version_constructed.json"))));
  }

  public CdaStubs office(String office, String longName) {
    return stub(get("offices/" + office).willReturn(json(Map.of("name", office, "long-name", longName,
        "type", "district", "reports-to", "SWD"))));
  }

  /** A catalog served in pages of {@code pageSize}, each pointing at the next with an opaque cursor. */
  public CdaStubs catalog(String dataset, String office, List<Map<String, Object>> entries, int pageSize) {
    int pages = Math.max(1, (entries.size() + pageSize - 1) / pageSize);
    for (int p = 0; p < pages; p++) {
      Map<String, Object> page = new LinkedHashMap<>();
      if (p + 1 < pages) {
        page.put("next-page", cursor(p + 1));
      }
      page.put("total", entries.size());
      page.put("page-size", pageSize);
      page.put("entries", entries.subList(p * pageSize, Math.min(entries.size(), (p + 1) * pageSize)));
      MappingBuilder m = get("catalog/" + dataset).withQueryParam("office", equalTo(office))
          .withQueryParam("page", p == 0 ? absent() : equalTo(cursor(p)));
      stub(m.willReturn(json(page)));
    }
    return this;
  }

  /**
   * The catalog in pages of {@code pageSize}, answered only to requests that ask for that page size (stubs added
   * later win in WireMock, so this can sit beside {@link #catalog} with another size).
   */
  public CdaStubs catalogForPageSize(String dataset, String office, List<Map<String, Object>> entries, int pageSize) {
    int pages = Math.max(1, (entries.size() + pageSize - 1) / pageSize);
    for (int p = 0; p < pages; p++) {
      Map<String, Object> page = new LinkedHashMap<>();
      if (p + 1 < pages) {
        page.put("next-page", cursor(p + 1) + "-" + pageSize);
      }
      page.put("total", entries.size());
      page.put("page-size", pageSize);
      page.put("entries", entries.subList(p * pageSize, Math.min(entries.size(), (p + 1) * pageSize)));
      MappingBuilder m = get("catalog/" + dataset).withQueryParam("office", equalTo(office))
          .withQueryParam("page-size", equalTo(String.valueOf(pageSize)))
          .withQueryParam("page", p == 0 ? absent() : equalTo(cursor(p) + "-" + pageSize));
      stub(m.willReturn(json(page)));
    }
    return this;
  }

  static String cursor(int page) {
    return Base64.getEncoder().encodeToString(("SWT/page|||" + page).getBytes(StandardCharsets.UTF_8));
  }

  /** A CWMS-owned acquisition group (or any group) with members of one or more offices. */
  public CdaStubs group(String group, List<Map<String, Object>> members) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("office-id", "CWMS");
    body.put("id", group);
    body.put("assigned-time-series", members);
    return stub(get("timeseries/group/" + group).willReturn(json(body)));
  }

  public static Map<String, Object> member(String office, String tsId) {
    return Map.of("office-id", office, "timeseries-id", tsId, "alias-id", "0", "attribute", 0);
  }

  public static Map<String, Object> series(String office, String name, String interval, Instant earliest,
      Instant latest) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("office", office);
    e.put("name", name);
    e.put("units", "ft");
    e.put("interval", interval);
    e.put("interval-offset", 0);
    e.put("time-zone", "UTC");
    List<Map<String, Object>> extents = new ArrayList<>();
    if (latest != null) {
      extents.add(Map.of("earliest-time", earliest.toString(), "latest-time", latest.toString(),
          "last-update", latest.toString()));
    }
    e.put("extents", extents);
    return e;
  }

  public static Map<String, Object> location(String office, String name) {
    return Map.of("office", office, "name", name, "nearest-city", "Tulsa", "kind", "SITE");
  }

  /** Removes this environment's stubs only. */
  public void reset() {
    server.getStubMappings().stream()
        .filter(m -> {
          String url = m.getRequest().getUrlPath() != null ? m.getRequest().getUrlPath() : m.getRequest().getUrl();
          return url != null && url.startsWith(prefix);
        })
        .toList()
        .forEach(server::removeStub);
  }
}
