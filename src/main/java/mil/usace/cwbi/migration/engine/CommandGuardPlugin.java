package mil.usace.cwbi.migration.engine;

import java.util.ArrayList;
import java.util.List;
import mil.usace.cwbi.migration.security.CommandGuard;
import mil.usace.cwbi.migration.security.VariableOwnership;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/** Puts {@link CommandGuard} first (outermost) on every command the engine runs. */
@Component
public class CommandGuardPlugin extends AbstractProcessEnginePlugin {

  private final VariableOwnership ownership;

  public CommandGuardPlugin(VariableOwnership ownership) {
    this.ownership = ownership;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> required = configuration.getCustomPreCommandInterceptorsTxRequired();
    if (required == null) {
      required = new ArrayList<>();
      configuration.setCustomPreCommandInterceptorsTxRequired(required);
    }
    required.add(0, new CommandGuard(configuration, ownership));
    List<CommandInterceptor> requiresNew = configuration.getCustomPreCommandInterceptorsTxRequiresNew();
    if (requiresNew == null) {
      requiresNew = new ArrayList<>();
      configuration.setCustomPreCommandInterceptorsTxRequiresNew(requiresNew);
    }
    requiresNew.add(0, new CommandGuard(configuration, ownership));
  }
}
