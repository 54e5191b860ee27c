package mil.usace.cwbi.migration.process;

import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Where HEC starts an office that was under way before this application (issue 14): the start form's "Start at
 * step" ({@value #VARIABLE}, 1 to the roadmap's step count, 1 when left out) and "Evidence for the steps done before
 * this application" ({@value #EVIDENCE}). Only HEC or an administrator may start at a step past 1
 * ({@code security.CommandGuard}); the steps before it are passed by ({@link DoneBefore}) and recorded as done before
 * this application, with who declared it (the migration's starter), when (its start) and the evidence.
 */
public final class StartStep {

  public static final String VARIABLE = "startStep";
  public static final String EVIDENCE = "doneBeforeEvidence";
  /** The longest evidence text kept (a String variable holds at most 4,000 characters). */
  public static final int MAX_EVIDENCE = 2000;

  private StartStep() {}

  /** The step a migration started at: 1 when the variable is absent (every migration started before issue 14). */
  public static int of(VariableScope scope) {
    Integer step = parse(scope.getVariable(VARIABLE));
    return step == null ? 1 : step;
  }

  /**
   * The step a caller asked for, or null when none was given; -1 for a value that is no whole number (a caller's
   * typo is refused with a message, never guessed at).
   */
  public static Integer parse(Object raw) {
    Object value = raw instanceof TypedValue typed ? typed.getValue() : raw;
    if (value == null || value instanceof String s && s.isBlank()) {
      return null;
    }
    try {
      BigDecimal number = value instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(value.toString()
          .strip());
      return number.stripTrailingZeros().scale() <= 0 && number.abs().compareTo(BigDecimal.valueOf(1000)) < 0
          ? number.intValueExact() : -1;
    } catch (NumberFormatException | ArithmeticException e) {
      return -1;
    }
  }

  /** Null when {@code step} is a step of a roadmap of {@code stepCount} steps, else what is wrong, in words. */
  public static String problem(Integer step, int stepCount) {
    if (step == null || step >= 1 && step <= stepCount) {
      return null;
    }
    return "Field 'Start at step' (" + VARIABLE + ") must be a whole number from 1 to " + stepCount
        + " (the roadmap's steps).";
  }
}
