package mil.usace.cwbi.migration.cda;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which URLs the server may call for CDA, and which of them get an API key. A migration's {@code t7CdaUrl} is typed
 * by a person: it is called only on a host of {@code cwbi.cda.t7.allowed-hosts} (or of the office's
 * {@code office-hosts}), and it never gets the CWBI key ({@code cwbi.cda.api-key}), only a key configured for that
 * very host ({@code host-keys}). The CWBI environments' base URLs are configuration, so they are trusted as given.
 */
public final class CdaHosts {

  private final CdaProperties properties;

  public CdaHosts(CdaProperties properties) {
    this.properties = properties;
  }

  /**
   * Null when a migration of {@code office} may use {@code url} as its T7 CDA; otherwise why not, in words that
   * name no secret and do not echo the URL back.
   */
  public String t7Refusal(String url, String office) {
    URI u = parse(url);
    if (u == null) {
      return "not an http(s) URL with a host name";
    }
    if (u.getRawUserInfo() != null) {
      return "a URL with a user name or password is not accepted";
    }
    if (u.getRawQuery() != null || u.getRawFragment() != null) {
      return "the base URL of CDA takes no query (?...) or fragment (#...)";
    }
    if (properties.getT7().isRequireHttps() && !"https".equals(u.getScheme())) {
      return "the T7 CDA must be reached over https";
    }
    if (!hostAllowed(u, office)) {
      return "the host is not one where a T7 CDA may be. Allowed: " + describe(office)
          + " (cwbi.cda.t7.allowed-hosts)";
    }
    return null;
  }

  /** Checked before every request to a T7: scheme, host (and port) still allowed for the office. */
  public boolean t7Allowed(URI uri, String office) {
    return uri != null && uri.getHost() != null && uri.getRawUserInfo() == null
        && ("https".equals(uri.getScheme())
            || "http".equals(uri.getScheme()) && !properties.getT7().isRequireHttps())
        && hostAllowed(uri, office);
  }

  /** The key configured for exactly this T7 host (or host:port), or null: a T7 never gets the CWBI key. */
  public String t7Key(URI uri) {
    String host = host(uri);
    int port = port(uri);
    for (CdaProperties.HostKey k : properties.getT7().getHostKeys()) {
      Entry e = Entry.of(k.getHost());
      if (!e.suffix && e.matches(host, port) && k.getKey() != null && !k.getKey().isBlank()) {
        return k.getKey();
      }
    }
    return null;
  }

  /** The CWBI key, for a request under one of the configured CWBI environments' base URLs, else null. */
  public String cwbiKey(URI uri, URI base) {
    String key = properties.getApiKey();
    return key != null && !key.isBlank() && under(uri, base) ? key : null;
  }

  /** Same scheme, host and port as {@code base}, and a path below its path. */
  public static boolean under(URI uri, URI base) {
    if (uri == null || base == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
      return false;
    }
    String basePath = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return base.getScheme().equalsIgnoreCase(uri.getScheme()) && host(base).equals(host(uri))
        && port(base) == port(uri) && path.startsWith(basePath.endsWith("/") ? basePath : basePath + "/");
  }

  /** True when {@code url} is one of the configured CWBI environments' base URLs. */
  public boolean isCwbiEnvironment(String url) {
    URI u = parse(url);
    return u != null && properties.getEnvironments().values().stream()
        .map(c -> parse(c.getBaseUrl()))
        .anyMatch(b -> b != null && host(b).equals(host(u)) && port(b) == port(u)
            && b.getScheme().equals(u.getScheme()) && slash(b.getRawPath()).equals(slash(u.getRawPath())));
  }

  private boolean hostAllowed(URI u, String office) {
    String host = host(u);
    int port = port(u);
    return entries(office).stream().anyMatch(e -> e.matches(host, port));
  }

  private List<Entry> entries(String office) {
    List<Entry> all = new ArrayList<>();
    properties.getT7().getAllowedHosts().forEach(h -> all.add(Entry.of(h)));
    if (office != null) {
      for (Map.Entry<String, List<String>> e : properties.getT7().getOfficeHosts().entrySet()) {
        if (e.getKey().equalsIgnoreCase(office) && e.getValue() != null) {
          e.getValue().forEach(h -> all.add(Entry.of(h)));
        }
      }
    }
    return all;
  }

  private String describe(String office) {
    List<String> words = entries(office).stream().map(Entry::describe).toList();
    return words.isEmpty() ? "no host (none configured)" : String.join(", ", words);
  }

  /** An http(s) URL with a host, or null. */
  public static URI parse(String url) {
    if (url == null || url.isBlank() || url.length() > 2000) {
      return null;
    }
    try {
      URI u = new URI(url.strip());
      String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
      return ("http".equals(scheme) || "https".equals(scheme)) && u.getHost() != null ? u : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  static String host(URI u) {
    String h = u.getHost().toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  static int port(URI u) {
    return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static String slash(String path) {
    String p = path == null || path.isEmpty() ? "/" : path;
    return p.endsWith("/") ? p : p + "/";
  }

  /** {@code .suffix}, {@code host} or either with {@code :port}. */
  private record Entry(boolean suffix, String host, int port) {

    static Entry of(String raw) {
      String s = raw.strip().toLowerCase(Locale.ROOT);
      int port = -1;
      int colon = s.lastIndexOf(':');
      if (colon > 0) {
        port = Integer.parseInt(s.substring(colon + 1));
        s = s.substring(0, colon);
      }
      return new Entry(s.startsWith("."), s, port);
    }

    boolean matches(String candidate, int candidatePort) {
      if (port != -1 && port != candidatePort) {
        return false;
      }
      return suffix ? candidate.endsWith(host) && candidate.length() > host.length() : candidate.equals(host);
    }

    String describe() {
      return (suffix ? "hosts under " + host.substring(1) : host) + (port == -1 ? "" : " port " + port);
    }
  }
}
