package mil.usace.cwbi.migration.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.process.forms.FormRules;
import mil.usace.cwbi.migration.process.forms.JsonValues;
import org.junit.jupiter.api.Test;

/** Evidence as people read it: the deployed forms' labels, Yes/No, readable dates, option labels, lists as tables. */
class AuditFieldTest {

  static final FormRules FORMS = newRules();

  static FormRules newRules() {
    try {
      return new FormRules();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void valuesUnderTheFormsLabelsInTheFormsOrder() {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("goldengateNotes", "Turned off by the DBA");
    evidence.put("goldengateOffOn", "2026-11-20");
    evidence.put("goldengateOff", true);
    List<AuditField> fields = AuditField.of(evidence, FORMS.labels("task-8-goldengate-off"));
    assertThat(fields).extracting(f -> f.label() + ": " + f.text()).containsExactly(
        "The Goldengate connection from T7 to CWBI-TEST is turned off: Yes",
        "Turned off on: 20 Nov 2026",
        "Notes: Turned off by the DBA");
  }

  @Test
  void aDynamicListIsATableUnderItsColumnsLabelsWithOptionLabels() {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("noLdmProducts", false);
    evidence.put("ldmProducts", JsonValues.json(List.of(
        Map.of("productName", "SHEF from NWS", "direction", "receive", "filePattern", "^SWT_.*\\.shef$"),
        Map.of("productName", "Lake report", "direction", "send", "feedType", "EXP"))));
    List<AuditField> fields = AuditField.of(evidence, FORMS.labels("task-2-3-ldm-products"));
    assertThat(fields.get(0).text()).isEqualTo("No");
    AuditField.Table t = fields.get(1).table();
    assertThat(fields.get(1).label()).isEqualTo("LDM products");
    assertThat(t.columns()).containsExactly("Product", "Direction", "File name or regular expression",
        "LDM feed type (e.g. EXP)");
    assertThat(t.rows()).containsExactly(
        List.of("SHEF from NWS", "Received", "^SWT_.*\\.shef$", ""),
        List.of("Lake report", "Sent", "", "EXP"));
    assertThat(AuditCsv.details(fields)).isEqualTo("The office receives and sends no LDM products: No; "
        + "LDM products: 1) Product: SHEF from NWS, Direction: Received, File name or regular expression: "
        + "^SWT_.*\\.shef$ | 2) Product: Lake report, Direction: Sent, LDM feed type (e.g. EXP): EXP");
  }

  @Test
  void oneIdPerLineIsAOneColumnTable() {
    AuditField f = AuditField.of(Map.of("criticalTimeSeries", "KEYS.Elev.Inst.1Hour.0.Ccp-Rev\n\n KEYS.Flow \n"),
        FORMS.labels("cwbi-migration-start")).get(0);
    assertThat(f.label()).isEqualTo("Critical time series");
    assertThat(f.table().columns()).containsExactly("Critical time series");
    assertThat(f.table().rows()).containsExactly(List.of("KEYS.Elev.Inst.1Hour.0.Ccp-Rev"), List.of("KEYS.Flow"));
  }

  @Test
  void withoutAFormValuesStillReadAsWords() {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("reviewedByDistrict", Boolean.FALSE);
    evidence.put("commentText", "[draft] looks fine {mostly}");
    evidence.put("changedAt", Date.from(Instant.parse("2026-11-25T06:28:10Z")));
    evidence.put("items", "[{\"itemName\":\"a\",\"done\":true}]");
    evidence.put("empty", "");
    List<AuditField> fields = AuditField.of(evidence, null);
    assertThat(fields).extracting(AuditField::label)
        .containsExactly("Reviewed by district", "Comment text", "Changed at", "Items");
    assertThat(fields.get(0).text()).isEqualTo("No");
    assertThat(fields.get(1).text()).as("typed text that only looks like JSON stays as typed")
        .isEqualTo("[draft] looks fine {mostly}");
    assertThat(fields.get(2).text()).isEqualTo("25 Nov 2026 06:28 UTC");
    assertThat(fields.get(3).table().columns()).containsExactly("Item name", "Done");
    assertThat(fields.get(3).table().rows()).containsExactly(List.of("a", "Yes"));
  }

  @Test
  void anEntryAnotherCapabilityAddsIsShownTheSameWay() {
    AuditEntry e = new AuditEntry(Instant.now(), "SWT", "pi", "VARIABLE_CHANGED", 4, null,
        "Variable changed outside a form", "admin", null, Map.of("testPeriod", "P14D"), List.of());
    assertThat(e.fields()).extracting(f -> f.label() + ": " + f.text()).containsExactly("Test period: 14 days (P14D)");
    assertThat(AuditField.text("P1M2W", null)).isEqualTo("1 month 14 days (P1M2W)");
    assertThat(AuditCsv.entry(e.type())).isEqualTo("Variable changed");
  }
}
