package mil.usace.cwbi.migration.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.Map;
import mil.usace.cwbi.migration.process.forms.FieldFormat;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The one rule of an office id, and the places outside Java that must repeat its pattern. */
class OfficeTest {

  @Test
  void anOfficeIsThreeOrFourLettersNormalisedToUpperCase() {
    assertThat(Office.of(" swt ").id()).isEqualTo("SWT");
    assertThat(Office.of("NwDm").id()).isEqualTo("NWDM");
    assertThat(Office.of("lrn").group()).isEqualTo("district-lrn");
    assertThat(Office.of("lrn").districtName()).isEqualTo("District LRN");
    for (String bad : new String[] {null, "", "  ", "SW", "SWTXX", "SW1", "S-T", "S WT", "ŠWT", "district-swt"}) {
      assertThatThrownBy(() -> Office.of(bad)).as("%s", bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("3 or 4 letters");
    }
  }

  @Test
  void theStrictRuleTakesOnlyTheContractsForm() {
    assertThat(Office.isValid("SWT")).isTrue();
    assertThat(Office.isValid("swt")).isFalse();
    assertThat(Office.isValid(" SWT")).isFalse();
    assertThat(FieldFormat.of("office-id").problemOf("swt")).contains("office id");
    assertThat(FieldFormat.of("office-id").problemOf("MVP")).isNull();
    assertThat(Office.normalise(" mvp ")).isEqualTo("MVP");
    assertThat(Office.normalise(null)).isNull();
  }

  @Test
  void aDistrictGroupNamesItsOffice() {
    assertThat(Office.ofGroup("district-swt")).isEqualTo(Office.of("SWT"));
    assertThat(Office.ofGroup("hec")).isNull();
    assertThat(Office.ofGroup("district-")).isNull();
    assertThat(Office.ofGroup("district-toolong")).isNull();
    assertThat(Office.groupOf(" NWDM ")).isEqualTo("district-nwdm");
  }

  @Test
  void theStartFormTheHelmSchemaAndTheGroupPatternRepeatThePattern() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode form = json.readTree(new File("forms/cwbi-migration-start.form"));
    JsonNode office = null;
    for (JsonNode c : form.get("components")) {
      if ("office".equals(c.path("key").asText())) {
        office = c;
      }
    }
    assertThat(office).isNotNull();
    assertThat(office.at("/validate/pattern").asText()).isEqualTo("^" + Office.PATTERN + "$");
    assertThat(office.at("/properties/format").asText()).isEqualTo("office-id");

    JsonNode schema = json.readTree(new File("helm/cwbi-migration/values.schema.json"));
    assertThat(schema.at("/properties/config/properties/offices/items/pattern").asText())
        .isEqualTo("^" + Office.PATTERN + "$");

    try (InputStream in = new FileInputStream("src/main/resources/application.yaml")) {
      Map<String, Object> yaml = new Yaml().load(in);
      String groups = String.valueOf(path(yaml, "camunda", "bpm", "generic-properties", "properties",
          "groupResourceWhitelistPattern"));
      assertThat(groups).endsWith("|" + Office.GROUP_PREFIX + Office.PATTERN.replace("A-Z", "a-z"));
    }
  }

  @SuppressWarnings("unchecked")
  private static Object path(Map<String, Object> map, String... keys) {
    Object node = map;
    for (String k : keys) {
      node = ((Map<String, Object>) node).get(k);
    }
    return node;
  }
}
