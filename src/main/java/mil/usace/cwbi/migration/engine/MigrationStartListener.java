package mil.usace.cwbi.migration.engine;

import static mil.usace.cwbi.migration.process.MigrationVariables.CRITICAL_TIME_SERIES;
import static mil.usace.cwbi.migration.process.MigrationVariables.OFFICE;
import static mil.usace.cwbi.migration.process.MigrationVariables.TS_GROUP;
import static mil.usace.cwbi.migration.process.MigrationVariables.USES_USGS_DATA;

import mil.usace.cwbi.migration.process.Office;
import java.util.Locale;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.process.OfficeDirectory;
import mil.usace.cwbi.migration.process.StartStep;
import mil.usace.cwbi.migration.roadmap.Roadmap;
import mil.usace.cwbi.migration.process.forms.FormRules;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Runs when a migration starts (start event listener), inside the starting transaction: validates the start form
 * on the server, refuses an unknown office or a second running migration of the same office, and fixes the
 * business key (the office) and the district's candidate group. A refusal throws, so nothing is created.
 */
@Component("migrationStartListener")
public class MigrationStartListener implements ExecutionListener {

  public static final String START_FORM = MigrationVariables.START_FORM;

  private final FormRules rules;
  private final OfficeDirectory offices;
  @org.springframework.beans.factory.annotation.Autowired private Roadmap roadmap;
  @org.springframework.beans.factory.annotation.Autowired private mil.usace.cwbi.migration.cda.T7UrlRule t7Urls;

  public MigrationStartListener(FormRules rules, OfficeDirectory offices) {
    this.rules = rules;
    this.offices = offices;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Object rawOffice = execution.getVariable(OFFICE);
    if (rawOffice instanceof String s && !s.equals(Office.normalise(s))) {
      // Accept " swt " from a script, store it as the contract says: upper case.
      execution.setVariable(OFFICE, Office.normalise(s));
    }
    rules.check(START_FORM, execution::getVariable);
    Object usgs = execution.getVariable(USES_USGS_DATA);
    if (usgs == null) {
      execution.setVariable(USES_USGS_DATA, false); // an unticked box that a REST caller left out
    } else if (!(usgs instanceof Boolean)) {
      throw FormRules.invalid(USES_USGS_DATA, "Field 'Uses USGS data' (usesUsgsData) must be true or false.");
    }

    startStep(execution);

    String office = MigrationVariables.string(execution, OFFICE);
    if (!offices.isKnown(office)) {
      throw FormRules.invalid(OFFICE, "Field 'Office' (office): " + office
          + " is not a known office. Known offices: " + String.join(", ", offices.known()) + ".");
    }
    t7Urls.check(execution); // only allowed T7 hosts (cda.T7UrlRule)
    if (MigrationVariables.criticalTimeSeries(execution).isEmpty()
        && MigrationVariables.string(execution, TS_GROUP) == null) {
      throw FormRules.invalid(CRITICAL_TIME_SERIES, "Field 'Critical time series' (criticalTimeSeries): name the "
          + "critical time series (one id per line) or the time series group (tsGroup) that holds them.");
    }
    String businessKey = execution.getProcessBusinessKey();
    if (businessKey != null && !businessKey.isBlank() && !businessKey.equals(office)) {
      String shown = businessKey.length() > 40 ? businessKey.substring(0, 40) + "..." : businessKey; // not echoed whole
      throw FormRules.invalid(OFFICE, "The business key '" + shown + "' must be the office id '" + office
          + "': one migration per office.");
    }
    refuseSecondMigration(execution, office);

    execution.setProcessBusinessKey(office);
    execution.setVariable(MigrationVariables.DISTRICT_GROUP, MigrationVariables.districtGroup(office));
  }

  /**
   * "Start at step" (1 when left out, always stored as a whole number) and its evidence, which belongs only to a start
   * past Step 1. Who may start past Step 1 is {@code security.CommandGuard}'s rule (403 before this runs).
   */
  private void startStep(DelegateExecution execution) {
    Integer step = StartStep.parse(execution.getVariable(StartStep.VARIABLE));
    int count = roadmap.of(execution.getProcessDefinitionId()).stepCount();
    String problem = StartStep.problem(step, count);
    if (problem != null) {
      throw FormRules.invalid(StartStep.VARIABLE, problem);
    }
    int start = step == null ? 1 : step;
    execution.setVariable(StartStep.VARIABLE, start);
    String evidence = MigrationVariables.string(execution, StartStep.EVIDENCE);
    if (evidence != null && start == 1) {
      throw FormRules.invalid(StartStep.EVIDENCE, "Field 'Evidence for the steps done before this application' ("
          + StartStep.EVIDENCE + ") applies only to a start at a later step: leave it empty for a start at Step 1.");
    }
    if (evidence != null && evidence.length() > StartStep.MAX_EVIDENCE) {
      throw FormRules.invalid(StartStep.EVIDENCE, "Field 'Evidence for the steps done before this application' ("
          + StartStep.EVIDENCE + ") must have at most " + StartStep.MAX_EVIDENCE + " characters.");
    }
  }

  private static void refuseSecondMigration(DelegateExecution execution, String office) {
    // Every user must be refused, also one who cannot see the other migration.
    ProcessInstance running = EngineCommand.privileged(() -> execution.getProcessEngineServices().getRuntimeService()
        .createProcessInstanceQuery().processDefinitionKey(MigrationVariables.PROCESS_KEY)
        .processInstanceBusinessKey(office).list()
        .stream()
        .filter(p -> !p.getId().equals(execution.getProcessInstanceId()))
        .findFirst().orElse(null));
    if (running != null) {
      throw FormRules.invalid(OFFICE, "A migration for office " + office + " is already running (process instance "
          + running.getId() + "). One migration per office: continue that one in Tasklist.");
    }
  }
}
