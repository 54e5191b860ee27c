package mil.usace.cwbi.migration.process.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The forms as files (what the Forms editor opens) and the server's reading of their rules. */
class FormRulesTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyFormIsAFormJsSchemaWithUniqueIdsNamedLikeItsFile() throws Exception {
    File[] files = new File("forms").listFiles((d, n) -> n.endsWith(".form"));
    assertThat(files).hasSizeGreaterThanOrEqualTo(28);
    for (File f : files) {
      JsonNode form = JSON.readTree(f);
      assertThat(form.path("id").asText() + ".form").isEqualTo(f.getName());
      assertThat(form.path("type").asText()).isEqualTo("default");
      assertThat(form.path("schemaVersion").asInt()).isEqualTo(16);
      assertThat(form.path("executionPlatform").asText()).isEqualTo("Camunda Platform");
      Set<String> ids = new HashSet<>();
      Set<String> keys = new HashSet<>();
      collect(form.path("components"), ids, keys, f.getName());
    }
  }

  private void collect(JsonNode components, Set<String> ids, Set<String> keys, String file) {
    for (JsonNode c : components) {
      assertThat(ids.add(c.path("id").asText())).as("unique id %s in %s", c.path("id"), file).isTrue();
      if (c.has("key")) {
        assertThat(keys.add(c.path("key").asText())).as("unique key %s in %s", c.path("key"), file).isTrue();
      }
      // forms are edited by hand in the Forms editor now: every free text a person types stays bounded
      if (Set.of("textfield", "textarea").contains(c.path("type").asText()) && !c.path("readonly").asBoolean()) {
        assertThat(c.path("validate").path("maxLength").isInt()).as("maxLength of %s in %s", c.path("key"), file)
            .isTrue();
      }
      if (c.has("components")) {
        collect(c.path("components"), ids, new HashSet<>(), file); // a list's items are their own data level
      }
    }
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "OFFICE_ID|SWT|",
      "OFFICE_ID|swt|must be an office id",
      "URL|https://cwms-data.usace.army.mil/cwms-data/|",
      "URL|ftp://t7/|must be an http(s) URL",
      "TS_ID|KEYS.Elev.Inst.1Hour.0.Ccp-Rev|",
      "TS_ID|KEYS.Elev.Inst.1Hour..Ccp-Rev|six dot-separated parts",
      "ISO_DURATION|P14D|",
      "ISO_DURATION|PT36H|",
      "ISO_DURATION|P0D|longer than zero",
      "ISO_DURATION|14 days|ISO-8601 duration",
      "REGEX|^SWT_[0-9]{8}\\.shef$|",
      "REGEX|^SWT_[0-9{8}|not a valid regular expression",
  })
  void formats(FieldFormat format, String value, String problem) {
    if (problem == null) {
      assertThat(format.problemOf(value)).isNull();
    } else {
      assertThat(format.problemOf(value)).contains(problem);
    }
  }

  @Test
  void tooLongTimeSeriesIdsAreRefused() {
    assertThat(FieldFormat.TS_ID.problemOf("A".repeat(180) + ".B.C.D.E.F")).contains("183");
  }

  @Test
  void theServerReadsTheRulesTheFormsDeclare() throws Exception {
    FormRules rules = new FormRules();
    Map<String, Object> start = new HashMap<>(Map.of("office", "SWT", "t7CdaUrl", "https://t7.example.mil/swt-data/",
        "criticalTimeSeries", "KEYS.Elev.Inst.1Hour.0.Ccp-Rev"));
    assertThatCode(() -> rules.check("cwbi-migration-start", start::get)).doesNotThrowAnyException();

    start.put("office", "");
    assertThatThrownBy(() -> rules.check("cwbi-migration-start", start::get))
        .isInstanceOf(FormFieldValidationException.class).hasMessage("Field 'Office' (office) is required.");

    Map<String, Object> rts = new HashMap<>(Map.of("forecastsRun", "Keystone daily", "rtsForecastsSuccessful", false));
    assertThatThrownBy(() -> rules.check("task-5-rts-forecasts", rts::get))
        .hasMessageContaining("rtsIssues").hasMessageContaining("unless 'The HEC-RTS forecasts ran successfully");
    rts.put("rtsIssues", "Keystone forecast failed: missing inflow");
    assertThatCode(() -> rules.check("task-5-rts-forecasts", rts::get)).doesNotThrowAnyException();

    Map<String, Object> modeling = new HashMap<>(Map.of("modelingEnvironment", "CWBI-QA", "clientTools", List.of("CAVI"),
        "modelingOpsTested", true));
    assertThatThrownBy(() -> rules.check("task-3-1-modeling-ops", modeling::get))
        .hasMessageContaining("modelingEnvironment").hasMessageContaining("must be one of");
  }

  @Test
  void aBoxIsRequiredUnlessNotApplicableIsTickedAndThenItsReasonIsRequired() throws Exception {
    FormRules rules = new FormRules();
    Map<String, Object> done = new HashMap<>(Map.of("ldmProductsAddedProd", true));
    assertThatCode(() -> rules.check("task-7-ldm-products", done::get)).doesNotThrowAnyException();

    Map<String, Object> neither = new HashMap<>(Map.of("ldmProductsAddedProd", false));
    assertThatThrownBy(() -> rules.check("task-7-ldm-products", neither::get))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessage("Field 'All LDM data products are added to CWBI-PROD' (ldmProductsAddedProd) is required unless "
            + "'Not applicable for this office' is ticked.");

    Map<String, Object> notApplicable = new HashMap<>(Map.of("ldmProductsAddedProdNotApplicable", true));
    assertThatThrownBy(() -> rules.check("task-7-ldm-products", notApplicable::get))
        .hasMessage("Field 'Why it does not apply' (ldmProductsAddedProdNotApplicableReason) is required when "
            + "'Not applicable for this office' is ticked.");
    notApplicable.put("ldmProductsAddedProdNotApplicableReason", "SWT sends and receives nothing by LDM any more");
    assertThatCode(() -> rules.check("task-7-ldm-products", notApplicable::get)).doesNotThrowAnyException();
    notApplicable.put("ldmProductsAddedProdNotApplicableReason", "x".repeat(2001));
    assertThatThrownBy(() -> rules.check("task-7-ldm-products", notApplicable::get))
        .hasMessageContaining("at most 2000 characters");
  }
}
