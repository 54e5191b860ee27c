package mil.usace.cwbi.migration.cda;

import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.process.forms.FormRules;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The start form's {@code t7CdaUrl} must be on an allowed T7 host ({@link CdaHosts}): a migration that names any
 * other host is refused at start (400 naming the field) and nothing is created. Run by the start listener.
 */
@Component
public class T7UrlRule {

  private final CdaHosts hosts;

  public T7UrlRule(CdaClientFactory clients) {
    this.hosts = clients.hosts();
  }

  public void check(VariableScope start) {
    String url = MigrationVariables.string(start, MigrationVariables.T7_CDA_URL);
    String refusal = hosts.t7Refusal(url, MigrationVariables.string(start, MigrationVariables.OFFICE));
    if (refusal != null) {
      throw FormRules.invalid(MigrationVariables.T7_CDA_URL,
          "Field 'CWMS Data API on the T7 server' (t7CdaUrl): " + refusal + ".");
    }
  }
}
