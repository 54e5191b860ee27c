package mil.usace.cwbi.migration.engine;

import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;

/**
 * The engine command (one transaction) that runs our listeners and delegates, for the three things Camunda's public
 * API does not offer inside one: state kept per command, work done as the command closes (still inside its
 * transaction), and engine look-ups made for the application rather than for the user who triggered them. Camunda
 * keeps the command in {@code impl.context.Context}; this is the one place outside plugins that reads it.
 */
public final class EngineCommand {

  private EngineCommand() {}

  /** The command running on this thread, as a key for state kept per command; null outside one. */
  public static Object current() {
    return Context.getCommandContext();
  }

  /**
   * Runs {@code whenClosing} as the current command closes successfully (before it flushes: what it writes joins
   * the command's transaction), or {@code whenFailed} when it fails. Outside a command: an exception.
   */
  public static void onEnd(Runnable whenClosing, Runnable whenFailed) {
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      throw new IllegalStateException("not inside an engine command");
    }
    context.registerCommandContextListener(new CommandContextListener() {
      @Override
      public void onCommandContextClose(CommandContext closing) {
        whenClosing.run();
      }

      @Override
      public void onCommandFailed(CommandContext failed, Throwable t) {
        whenFailed.run();
      }
    });
  }

  /**
   * A look-up made for the application, not for the user whose call triggered it: without authorization checks
   * inside a command (Camunda's {@code runWithoutAuthorization}), as is outside one (no user, nothing is checked).
   */
  public static <T> T privileged(Supplier<T> lookup) {
    CommandContext context = Context.getCommandContext();
    return context == null ? lookup.get() : context.runWithoutAuthorization(lookup::get);
  }

  /**
   * The execution whose listener, delegate or expression runs now (e.g. the user task being created while its due
   * date expression is evaluated); null outside one. An expression has no public way to it.
   */
  public static DelegateExecution currentExecution() {
    BpmnExecutionContext context = Context.getBpmnExecutionContext();
    return context == null ? null : context.getExecution();
  }
}
