package mil.usace.cwbi.migration.security;

import mil.usace.cwbi.migration.process.Office;

/** The group ids of the design (shared/design/process.md). */
public final class Groups {

  public static final String HEC = "hec";
  public static final String ADMIN = "camunda-admin";
  public static final String DISTRICT_PREFIX = Office.GROUP_PREFIX;

  private Groups() {}

  public static String district(String office) {
    return Office.groupOf(office);
  }
}
