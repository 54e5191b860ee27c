package mil.usace.cwbi.migration.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The model's "Done before this application?" gateways ({@code gw_done_before_step_N}): an office HEC started at a
 * later step passes the steps before it by. The checks between steps are never passed by: they run against CDA
 * and hold the office with their fix loop like any other office. Step 6 has no such gateway (the fix loop of Step 5
 * must never be passed by), and Step 5 is passed by only on its first visit, after which its own CWBI-TEST check
 * has run: once the Phase 2 gate sent the office to Step 6, Step 5 is done for real.
 */
@Component("doneBefore")
public class DoneBefore {

  /** True when the migration started past {@code step} ({@link StartStep}; absent means Step 1: nothing passed). */
  public boolean passesBy(DelegateExecution execution, int step) {
    return StartStep.of(execution) > step;
  }

  /**
   * Step 5 done before this application: HEC's declaration stands for the District's two Step 5 confirmations that
   * the Phase 2 gate reads beside the CWBI-TEST check, which still ran.
   */
  public void confirmStep5(DelegateExecution execution) {
    execution.setVariable("dataProcessesConfirmed", true);
    execution.setVariable("rtsForecastsSuccessful", true);
  }
}
