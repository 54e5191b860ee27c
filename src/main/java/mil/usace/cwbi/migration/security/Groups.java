package mil.usace.cwbi.migration.security;

import java.util.Locale;

/** The group ids of the design (shared/design/process.md). */
public final class Groups {

  public static final String HEC = "hec";
  public static final String ADMIN = "camunda-admin";
  public static final String DISTRICT_PREFIX = "district-";

  private Groups() {}

  public static String district(String office) {
    return DISTRICT_PREFIX + office.strip().toLowerCase(Locale.ROOT);
  }
}
