package mil.usace.cwbi.migration.security;

import static org.assertj.core.api.Assertions.assertThat;

import mil.usace.cwbi.migration.process.forms.FormRules;
import org.junit.jupiter.api.Test;

/** Which variables the process owns, read from the forms and the model as the application does at start-up. */
class VariableOwnershipTest {

  @Test
  void theProcessOwnsTheStartFieldsGateDecisionsCheckResultsAndCountersPeopleOwnTheirEvidence() throws Exception {
    VariableOwnership ownership = new VariableOwnership(new FormRules());
    // what the start form fixed, the district group, every gateway condition's variable, listeners' counters
    assertThat(ownership.owned()).contains("office", "t7CdaUrl", "usesUsgsData", "criticalTimeSeries", "tsGroup",
        "districtGroup", "dataProcessesConfirmed", "rtsForecastsSuccessful", "scriptsAllDone", "testPeriodEnd",
        "verification_passed", "scriptsOpen", "findings", "step5Issues");
    // what a check's call activity passes to the check it calls, and the called check's own verdict and report
    assertThat(ownership.owned()).contains("environment", "environmentLabel", "fixGroup", "gate");
    assertThat(ownership.isOwnedByTheProcess("verification_t7_passed")).isTrue();
    assertThat(ownership.isOwnedByTheProcess("verification_report")).isTrue();
    assertThat(ownership.owned()).doesNotContain("timers", "isPast", "execution", "critNotes");
    assertThat(ownership.isOwnedByTheProcess("verification_cwbi_prod")).isTrue();
    assertThat(ownership.isOwnedByTheProcess("verification_anything_new")).isTrue();
    // a task form's evidence field may be corrected outside the form; unknown names are not fields
    assertThat(ownership.isTaskFormField("critNotes")).isTrue();
    assertThat(ownership.isTaskFormField("critFile")).isTrue();
    assertThat(ownership.isTaskFormField("office")).isFalse();
    assertThat(ownership.isTaskFormField("dataProcessesConfirmed")).isFalse();
    assertThat(ownership.isTaskFormField("whatever")).isFalse();
    // a form writes its own fields, not what it only shows
    assertThat(ownership.fieldsOf("task-1-3-critimport")).containsExactly("critFile", "critLineCount",
        "critImportRun", "critNotes");
    assertThat(ownership.fieldsOf("task-4-schema-functions")).doesNotContain("customSchemaFunctions");
    assertThat(ownership.shownReadOnlyBy("task-4-schema-functions")).contains("customSchemaFunctions");
    // the fix task shows its findings as text (findingsSummary, an input mapping): nothing of it is a form field
    assertThat(ownership.owned()).contains("findingsSummary");
    assertThat(ownership.fieldsOf("fix-findings")).doesNotContain("findings", "findingsSummary");
    assertThat(ownership.isOwnedByTheProcess("findings")).isTrue();
    assertThat(ownership.isTaskFormField("findingsSummary")).isFalse();
  }
}
