package mil.usace.cwbi.migration.demo.cda;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mil.usace.cwbi.migration.verification.checks.Freshness;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo's CDA environments: {@code t7-swt}, {@code t7-lrl} (one district's T7 each), {@code cwbi-dev},
 * {@code cwbi-test}, {@code cwbi-prod} (both offices). Data are generated, fresh relative to now, with USGS and
 * SHEF acquisition groups; {@link Fault}s make an environment fail until they are cleared.
 */
@Component
@Profile("demo")
public class SimulatedCda {

  public static final List<String> ENVIRONMENTS = List.of("t7-swt", "t7-lrl", "cwbi-dev", "cwbi-test", "cwbi-prod");

  static final Instant HISTORY_START = Instant.parse("2004-01-01T00:00:00Z");

  record Office(String id, String longName, String reportsTo, List<String> locations) {}

  record Series(String office, String name, String interval, boolean irregular) {}

  static final Map<String, Office> OFFICES = Map.of(
      "SWT", new Office("SWT", "Tulsa District", "SWD",
          List.of("KEYS", "TENK", "EUFA", "OOLO", "FGIB", "ARBU", "CANY", "HUGO")),
      "LRL", new Office("LRL", "Louisville District", "LRDO",
          List.of("Buckhorn-Lake", "Nolin-Lake", "Markland", "Cave-Run", "Taylorsville", "Green-River")));

  /** Per location: {@code parameter.type.interval.duration.version} templates. */
  static final List<String> TEMPLATES = List.of(
      "Elev.Inst.1Hour.0.Ccp-Rev",
      "Flow-Out.Ave.1Hour.1Hour.Rev-Regi-Flowgroup",
      "Stage.Inst.15Minutes.0.USGS-raw",
      "Flow.Inst.15Minutes.0.USGS-raw",
      "Precip.Inst.15Minutes.0.SHEF-raw",
      "Stor.Inst.0.0.Manual",
      "Temp-Water.Inst.~1Day.0.Raw");

  private final Map<String, Set<Fault>> faults = new ConcurrentHashMap<>();

  public SimulatedCda() {
    ENVIRONMENTS.forEach(e -> faults.put(e, Collections.synchronizedSet(EnumSet.noneOf(Fault.class))));
  }

  public boolean knows(String env) {
    return faults.containsKey(env);
  }

  public Set<Fault> faults(String env) {
    return Set.copyOf(faults.get(env));
  }

  public void add(String env, Fault fault) {
    faults.get(env).add(fault);
  }

  public void clear(String env) {
    faults.get(env).clear();
  }

  public Map<String, List<String>> state() {
    Map<String, List<String>> s = new LinkedHashMap<>();
    ENVIRONMENTS.forEach(e -> s.put(e, faults(e).stream().map(f -> f.name().toLowerCase(Locale.ROOT)).sorted()
        .toList()));
    return s;
  }

  /** The offices an environment serves: a T7 its own district, CWBI all. */
  public boolean serves(String env, String office) {
    if (office == null || !OFFICES.containsKey(office.toUpperCase(Locale.ROOT))) {
      return false;
    }
    return !env.startsWith("t7-") || env.equals("t7-" + office.toLowerCase(Locale.ROOT));
  }

  Office office(String id) {
    return OFFICES.get(id.toUpperCase(Locale.ROOT));
  }

  /** The office's series in this environment, with MISSING applied. */
  List<Series> series(String env, String officeId) {
    Office office = office(officeId);
    List<Series> all = new ArrayList<>();
    int index = 0;
    for (String loc : office.locations()) {
      for (String t : TEMPLATES) {
        String name = loc + "." + t;
        String interval = name.split("\\.")[3];
        // MISSING: every fifth series, and the whole last location (a series never outlives its location in CDA)
        boolean gone = faults.get(env).contains(Fault.MISSING)
            && (index % 5 == 1 || loc.equals(office.locations().get(office.locations().size() - 1)));
        if (!gone) {
          all.add(new Series(office.id(), name, interval, "0".equals(interval)));
        }
        index++;
      }
    }
    return all;
  }

  List<String> locations(String env, String officeId) {
    List<String> locs = office(officeId).locations();
    if (faults.get(env).contains(Fault.MISSING)) {
      return locs.subList(0, locs.size() - 1);
    }
    return locs;
  }

  /** Earliest and latest value of a series now. */
  Instant[] extent(String env, Series s, Instant now) {
    Set<Fault> f = faults.get(env);
    Instant earliest = f.contains(Fault.NO_HISTORY) ? now.minus(60, ChronoUnit.DAYS)
        : env.equals("cwbi-dev") || env.equals("cwbi-test") ? now.minus(400, ChronoUnit.DAYS) : HISTORY_START;
    Duration step = Freshness.interval(s.interval());
    Instant latest;
    if (step == null) {
      latest = now.minus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
    } else {
      // the last complete interval: what a healthy ingest would have stored by now
      long ms = step.toMillis();
      latest = Instant.ofEpochMilli((now.toEpochMilli() / ms) * ms);
      if (step.compareTo(Duration.ofDays(1)) >= 0) {
        latest = latest.minus(step);
      }
    }
    if (f.contains(Fault.STALE)) {
      latest = now.minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    }
    return new Instant[] {earliest, latest};
  }

  /** Members of a CWMS-owned acquisition group: every served office's series with that version suffix. */
  List<Map<String, Object>> groupMembers(String env, String suffix) {
    List<Map<String, Object>> members = new ArrayList<>();
    int code = 6245109;
    for (String office : List.of("SWT", "LRL")) {
      if (!serves(env, office)) {
        continue;
      }
      for (String loc : office(office).locations()) {
        for (String t : TEMPLATES) {
          if (t.endsWith(suffix)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("office-id", office);
            m.put("timeseries-id", loc + "." + t);
            m.put("ts-code", code++);
            m.put("alias-id", String.valueOf(59000 + code % 1000));
            m.put("attribute", 0);
            members.add(m);
          }
        }
      }
    }
    return members;
  }
}
