package mil.usace.cwbi.migration.verification.checks;

import mil.usace.cwbi.migration.cda.CdaClient;
import mil.usace.cwbi.migration.cda.CdaException;
import mil.usace.cwbi.migration.cda.OfficeInfo;
import mil.usace.cwbi.migration.verification.CheckResult;

/** The office is known ({@code /offices/{office}}): asked first, as CDA answers an unknown office with 500. */
public final class OfficeCheck {

  public static final String NAME = "office known";

  private OfficeCheck() {}

  public static CheckResult run(String label, CdaClient client, String office) {
    String name = NAME + " (" + label + ")";
    if (office == null || office.isBlank()) {
      return CheckResult.fail(name, "the migration names no office");
    }
    try {
      OfficeInfo info = client.office(office);
      if (!office.equalsIgnoreCase(info.name())) {
        return CheckResult.fail(name, "asked for " + office + ", CDA answered office " + info.name());
      }
      return CheckResult.pass(name, info.name() + ": " + info.longName() + " (" + info.type() + ")");
    } catch (CdaException e) {
      return CheckResult.fail(name, (e.status() == 404 ? "CDA does not know office " + office + ": " : "")
          + e.getMessage());
    }
  }
}
