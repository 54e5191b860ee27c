package mil.usace.cwbi.migration.verification.checks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import mil.usace.cwbi.migration.cda.CatalogEntry;
import mil.usace.cwbi.migration.cda.CdaClient;
import mil.usace.cwbi.migration.cda.CdaProperties;

/**
 * Reads, in bulk, what the checks need of one environment's catalog: the extents of the watched series (critical
 * and acquisition-group members) and, for parity, every id. Never one request per series: either a few
 * {@code like} requests over the watched ids, or one paged walk of the whole catalog.
 */
public final class CatalogScan {

  public static final String TIMESERIES = "TIMESERIES";
  public static final String LOCATIONS = "LOCATIONS";

  private final CdaProperties properties;

  public CatalogScan(CdaProperties properties) {
    this.properties = properties;
  }

  public static String key(String id) {
    return id.strip().toUpperCase(Locale.ROOT);
  }

  /**
   * The watched series found, keyed by {@link #key}. With {@code everyEntry} the whole catalog is walked and each
   * entry handed to it too (parity).
   */
  public Map<String, SeriesExtent> watched(CdaClient client, String office, Collection<String> ids,
      Consumer<CatalogEntry> everyEntry) {
    Set<String> wanted = new HashSet<>();
    ids.forEach(id -> wanted.add(key(id)));
    Map<String, SeriesExtent> found = new HashMap<>();
    Consumer<CatalogEntry> keep = e -> {
      // like is a regex: the server may match more than asked (or a stand-in may ignore it); keep only ours
      if (wanted.contains(key(e.name()))) {
        found.put(key(e.name()), SeriesExtent.of(e));
      }
    };
    List<String> likes = likePatterns(ids, properties.getMaxLikeLength());
    if (everyEntry != null || likes.size() > properties.getMaxLikeRequests()) {
      Consumer<CatalogEntry> both = everyEntry == null ? keep : keep.andThen(everyEntry);
      client.catalog(TIMESERIES, office, null, true, both);
    } else {
      for (String like : likes) {
        client.catalog(TIMESERIES, office, like, true, keep);
      }
    }
    return found;
  }

  /**
   * Pages of an ids-only walk hold this many times {@code page-size} entries: an entry without extents is about
   * half the size, and entries are parsed one at a time as they stream in, so our memory does not grow with the page
   * (issue 13: an SWT-sized T7 catalog in one request instead of three).
   */
  public static final int ID_PAGE_FACTOR = 3;

  /** Every id of a catalog ({@code TIMESERIES} or {@code LOCATIONS}), upper case. */
  public Set<String> allIds(CdaClient client, String dataset, String office) {
    Set<String> ids = new HashSet<>();
    client.catalog(dataset, office, null, false, idPageSize(), e -> ids.add(key(e.name())));
    return ids;
  }

  int idPageSize() {
    return (int) Math.min(Integer.MAX_VALUE / 2, (long) properties.getPageSize() * ID_PAGE_FACTOR);
  }

  /** The location part of a time series id ({@code KEYS.Elev.Inst.1Hour.0.Ccp-Rev} is at {@code KEYS}), upper case. */
  public static String locationOf(String timeSeriesId) {
    String id = timeSeriesId.strip();
    int dot = id.indexOf('.');
    return key(dot < 0 ? id : id.substring(0, dot));
  }

  /**
   * Anchored alternations of the escaped ids, each at most {@code maxLength} characters
   * ({@code ^(KEYS\.Elev\.Inst\.1Hour\.0\.Ccp-Rev|...)$}).
   */
  public static List<String> likePatterns(Collection<String> ids, int maxLength) {
    List<String> patterns = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String id : ids) {
      String escaped = escape(id.strip());
      if (current.length() > 0 && current.length() + escaped.length() + 4 > maxLength) {
        patterns.add("^(" + current + ")$");
        current.setLength(0);
      }
      if (current.length() > 0) {
        current.append('|');
      }
      current.append(escaped);
    }
    if (current.length() > 0) {
      patterns.add("^(" + current + ")$");
    }
    return patterns;
  }

  static String escape(String id) {
    StringBuilder s = new StringBuilder();
    for (char c : id.toCharArray()) {
      if ("\\.^$|?*+()[]{}".indexOf(c) >= 0) {
        s.append('\\');
      }
      s.append(c);
    }
    return s.toString();
  }
}
