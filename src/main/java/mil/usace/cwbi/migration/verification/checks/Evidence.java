package mil.usace.cwbi.migration.verification.checks;

import java.util.Collection;
import java.util.List;

/** Evidence text helpers: long lists are cut to their first fifty, with the count. */
final class Evidence {

  static final int LISTED = 50;

  private Evidence() {}

  static String list(Collection<String> items) {
    List<String> sorted = items.stream().sorted().toList();
    String shown = String.join(", ", sorted.subList(0, Math.min(LISTED, sorted.size())));
    return sorted.size() > LISTED ? shown + " ... (first " + LISTED + " of " + sorted.size() + ")" : shown;
  }
}
