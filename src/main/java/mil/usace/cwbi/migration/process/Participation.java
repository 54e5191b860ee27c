package mil.usace.cwbi.migration.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The District's part where the roadmap says "HEC will work with the District", used in the model as
 * {@code ${participation...}}:
 * <ul>
 *   <li>Step 5 testing duration: HEC sets it, the District agrees or proposes another with a reason, and HEC sets it
 *       again. The District may propose {@value #MAX_PROPOSALS} times per round; then HEC's duration is final. The
 *       count ({@value #PROPOSALS}) and the round's answers are cleared when Step 5 starts, so the re-test after
 *       Step 6 is a new round with an empty form.</li>
 *   <li>Comment loops (Step 4): the comment is cleared after it was sent, so the task comes back with an empty box;
 *       each comment stays in the history and so in the audit trail.</li>
 * </ul>
 * A box a client did not send counts as not ticked (a missing variable must not break a gateway).
 */
@Component("participation")
public class Participation {

  public static final int MAX_PROPOSALS = 2;
  /** Set by the process only (not a form field): how often the District proposed another duration this round. */
  public static final String PROPOSALS = "testPeriodProposals";
  public static final String AGREED = "testPeriodAgreed";
  public static final String PROPOSED = "proposedTestPeriod";
  public static final String PROPOSAL_REASON = "proposedTestPeriodReason";

  public boolean ticked(DelegateExecution execution, String name) {
    return MigrationVariables.flag(execution, name);
  }

  public boolean mayProposeTestPeriod(DelegateExecution execution) {
    return proposals(execution) < MAX_PROPOSALS;
  }

  /** After the District's answer: a proposal counts towards the limit. */
  public void testPeriodAnswered(DelegateExecution execution) {
    if (!ticked(execution, AGREED)) {
      execution.setVariable(PROPOSALS, (long) proposals(execution) + 1);
    }
  }

  /** Step 5 starts with the duration agreed (or final): the next round starts afresh. */
  public void testPeriodConcluded(DelegateExecution execution) {
    execution.setVariable(PROPOSALS, 0L);
    execution.removeVariable(AGREED);
    execution.removeVariable(PROPOSED);
    execution.removeVariable(PROPOSAL_REASON);
  }

  /** Removes variables the District's form sent once they are recorded (history keeps them for the audit trail). */
  public void clear(DelegateExecution execution, String names) {
    for (String name : names.split(",")) {
      execution.removeVariable(name.strip());
    }
  }

  private static int proposals(DelegateExecution execution) {
    Object v = execution.getVariable(PROPOSALS);
    return v instanceof Number n ? n.intValue() : 0;
  }
}
