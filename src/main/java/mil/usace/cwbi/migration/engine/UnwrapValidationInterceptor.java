package mil.usace.cwbi.migration.engine;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/** Rethrows a form validation refusal that a listener raised, unwrapped, so it reaches the caller as a 400. */
class UnwrapValidationInterceptor extends CommandInterceptor {

  @Override
  public <T> T execute(Command<T> command) {
    try {
      return next.execute(command);
    } catch (ProcessEngineException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof FormFieldValidationException invalid) {
          throw invalid;
        }
      }
      throw e;
    }
  }
}
