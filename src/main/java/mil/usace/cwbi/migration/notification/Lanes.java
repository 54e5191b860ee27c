package mil.usace.cwbi.migration.notification;

import java.util.Collection;

/** Lanes are drawing only in Camunda; the candidate groups carry them (design: district-<office> vs hec). */
public final class Lanes {

  public static final String DISTRICT = "District";
  public static final String HEC = "HEC";

  private Lanes() {}

  public static String of(Collection<String> candidateGroups) {
    if (candidateGroups.stream().anyMatch(g -> g.startsWith("district-"))) {
      return DISTRICT;
    }
    return candidateGroups.contains("hec") ? HEC : null;
  }
}
