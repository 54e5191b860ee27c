package mil.usace.cwbi.migration.security;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.process.forms.FormRules;
import mil.usace.cwbi.migration.progress.ProgressReports;
import mil.usace.cwbi.migration.progress.ReportKind;
import mil.usace.cwbi.migration.verification.Environment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Who may write which variable of a migration. A person writes only the fields of the form in front of them; the
 * process owns the rest: what the start form fixed (office, T7 URL, ...), the district group, check results, gate
 * decisions (every variable a gateway condition of the model reads), counters and what listeners keep. Outside a
 * form a person (HEC; districts have no UPDATE grant) may only correct a task form's own evidence field.
 */
@Component
public class VariableOwnership {

  private static final Pattern IDENTIFIER = Pattern.compile("(?<![.'\\w])([A-Za-z_][A-Za-z0-9_]*)(?!\\s*\\()");
  private static final Set<String> EL_WORDS = Set.of("true", "false", "null", "empty", "not", "and", "or", "eq",
      "ne", "lt", "gt", "le", "ge", "div", "mod", "instanceof", "execution", "task", "timers", "dueDates");

  /** Set by the process itself (listeners, delegates, input mappings), never by a form. */
  static final Set<String> SET_BY_THE_PROCESS = Set.of("districtGroup", "initiator", "scriptsAllDone", "scriptsOpen",
      "scriptInventory", "testPeriod", "testPeriodEnd", "findings", "environment", "environmentLabel",
      "lastFailedGateNotice", "reminderSentAt", "escalatedToHecAt", "testPeriodProposals",
      "scriptsOpenSummary", "recentChecks", "nextCheck",
      mil.usace.cwbi.migration.process.versions.RunningOfficesMover.NOTE_VARIABLE);

  private final FormRules forms;
  private final Set<String> owned = new LinkedHashSet<>(SET_BY_THE_PROCESS);
  private final Set<String> taskFormFields = new LinkedHashSet<>();

  public VariableOwnership(FormRules forms) throws IOException {
    this.forms = forms;
    owned.addAll(forms.fieldKeys(MigrationVariables.START_FORM));
    // what the district's tools reported: the report's own variables, and the evidence the forms show
    owned.addAll(ProgressReports.VARIABLES);
    for (ReportKind kind : ReportKind.values()) {
      owned.add(kind.evidenceVariable());
    }
    for (Resource model : new PathMatchingResourcePatternResolver().getResources("classpath*:bpmn/*.bpmn")) {
      try (InputStream in = model.getInputStream()) {
        BpmnModelInstance bpmn = Bpmn.readModelFromStream(in);
        owned.addAll(gateVariables(bpmn));
        // what an input mapping puts into a task (a fix task's findings and their summary) is the process's
        bpmn.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter.class)
            .forEach(p -> owned.add(p.getCamundaName()));
        // and what a call activity passes to the check it calls (environment, fixGroup, gate, ...)
        bpmn.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn.class).stream()
            .map(org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn::getCamundaTarget)
            .filter(java.util.Objects::nonNull).forEach(owned::add);
      }
    }
    for (String formId : forms.formIds()) {
      if (!formId.equals(MigrationVariables.START_FORM)) {
        taskFormFields.addAll(forms.fieldKeys(formId));
        forms.displayKeys(formId).forEach(owned::add);
      }
    }
  }

  /** Every variable a gateway (sequence flow) condition reads: a gate's decision. */
  static Set<String> gateVariables(BpmnModelInstance model) {
    Set<String> names = new LinkedHashSet<>();
    Collection<ConditionExpression> conditions = model.getModelElementsByType(ConditionExpression.class);
    for (ConditionExpression c : conditions) {
      Matcher m = IDENTIFIER.matcher(c.getTextContent());
      while (m.find()) {
        if (!EL_WORDS.contains(m.group(1))) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  /** True when only the process may write it, whoever asks. */
  public boolean isOwnedByTheProcess(String name) {
    return Environment.isCheckVariable(name) || owned.contains(name);
  }

  /** A field some task form lets a person fill in (and the process does not own). */
  public boolean isTaskFormField(String name) {
    return taskFormFields.contains(name) && !isOwnedByTheProcess(name);
  }

  /** Null when {@code value} fits the task-form field {@code name} (its kind and its form's rules), else why not. */
  public String editProblem(String name, Object value) {
    return forms.editProblem(name, value);
  }

  public Set<String> fieldsOf(String formId) {
    return forms.fieldKeys(formId);
  }

  public Set<String> shownReadOnlyBy(String formId) {
    return forms.displayKeys(formId);
  }

  public Set<String> owned() {
    return Set.copyOf(owned);
  }
}
