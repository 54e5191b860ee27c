package mil.usace.cwbi.migration.verification.checks;

import com.fasterxml.jackson.databind.JsonNode;
import mil.usace.cwbi.migration.cda.CdaClient;
import mil.usace.cwbi.migration.cda.CdaException;
import mil.usace.cwbi.migration.verification.CheckResult;

/** The service answers and is a CDA: {@code /version}, or on older releases {@code /swagger-docs}. */
public final class ServiceCheck {

  public static final String NAME = "CDA service answers";

  private ServiceCheck() {}

  public static CheckResult run(String label, CdaClient client) {
    String name = NAME + " (" + label + ")";
    try {
      JsonNode v = client.version();
      return CheckResult.pass(name, "CDA " + v.path("version").asText() + " at " + client.baseUrl()
          + (v.path("features").hasNonNull("schema") ? ", schema " + v.path("features").path("schema").asText() : ""));
    } catch (CdaException versionFault) {
      if (versionFault.status() == 0) {
        // no HTTP answer at all (refused, time-out, after retries): asking another path would only wait again
        return CheckResult.fail(name, versionFault.getMessage());
      }
      try {
        JsonNode docs = client.swaggerDocs();
        return CheckResult.pass(name, "CDA at " + client.baseUrl() + " (OpenAPI " + docs.path("openapi").asText()
            + "; /version not offered: " + versionFault.getMessage() + ")");
      } catch (CdaException docsFault) {
        return CheckResult.fail(name, "not a CDA: " + versionFault.getMessage() + "; " + docsFault.getMessage());
      }
    }
  }
}
