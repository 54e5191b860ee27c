package mil.usace.cwbi.migration.process;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Starts one office's migration on behalf of a logged-in person, for HEC's bulk start (issue 14): the start runs
 * under that person's authentication, so the command guard, the authorization checks and the start listener judge
 * it exactly as the person's own start through Tasklist or the REST API (one migration per office, the start form's
 * rules, who may start past Step 1), and the person is its initiator. One start is one engine command: all of it
 * or nothing.
 */
@Component
public class OfficeStarter {

  private final IdentityService identity;
  private final RuntimeService runtime;

  public OfficeStarter(IdentityService identity, RuntimeService runtime) {
    this.identity = identity;
    this.runtime = runtime;
  }

  /** The new migration's process instance id; the engine's refusal (an exception with its reason) otherwise. */
  public String startAs(String userId, Collection<String> groups, String office, Map<String, Object> variables) {
    // called from our own controllers' threads, where no engine log-in is set: set for this call only
    identity.setAuthentication(userId, List.copyOf(groups));
    try {
      return runtime.createProcessInstanceByKey(MigrationVariables.PROCESS_KEY).businessKey(office)
          .setVariables(variables).execute().getId();
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Whether the office has a running migration (whoever may see it). */
  public boolean isRunning(String office) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(MigrationVariables.PROCESS_KEY)
        .processInstanceBusinessKey(office).count() > 0;
  }
}
