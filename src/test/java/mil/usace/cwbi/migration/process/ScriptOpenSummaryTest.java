package mil.usace.cwbi.migration.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.support.MigrationDriver;
import org.junit.jupiter.api.Test;

/** What a returning Task 1.1 says at its top: which scripts keep it open, and why (no engine needed). */
class ScriptOpenSummaryTest {

  static Map<String, Object> script(String name, String status, String recommendation, String reason) {
    Map<String, Object> s = new LinkedHashMap<>(MigrationDriver.script(name, "obsolete", "schedule", "cwms-database",
        "files", status));
    s.put("recommendation", recommendation);
    s.put("reason", reason);
    return s;
  }

  @Test
  void namesEachOpenScriptWithItsStatusRecommendationAndReason() {
    String text = ScriptRecommendationDelegate.openSummary(List.of(
        script("nightly_usgs_pull.py", "converted", "cwms-cli usgs (getUSGS)", "USGS data comes from cwms-cli."),
        script("old_fax_report.sh", "to-convert", "Retire", "The script no longer serves a data process."),
        script("keys_inflow.py", "converting", "OpenDCS computation", "Derived series belong in OpenDCS.")));

    assertThat(text).startsWith("**This task came back: 2 of 3 scripts are still open.**")
        .contains("old\\_fax\\_report.sh** is to convert. Recommended: **Retire**. Why: The script no longer serves")
        .contains("keys\\_inflow.py** is being converted. Recommended: **OpenDCS computation**")
        .doesNotContain("nightly");
  }

  @Test
  void oneOpenScriptIsSingularAndNothingOpenSaysNothing() {
    assertThat(ScriptRecommendationDelegate.openSummary(List.of(
        script("a.sh", "converted", "x", "y"), script("b.sh", "to-convert", "Retire", "gone"))))
        .startsWith("**This task came back: 1 of 2 scripts is still open.**");
    assertThat(ScriptRecommendationDelegate.openSummary(List.of(script("a.sh", "retired", "Retire", "gone"))))
        .isEmpty();
  }

  @Test
  void theDistrictsTextCannotAddMarkupOrLines() {
    String text = ScriptRecommendationDelegate.openSummary(List.of(
        script("**evil** <img src=x> [link](http://x)\n# heading {{office}}", "to-convert", "Retire", "r")));

    assertThat(text).contains("\\*\\*evil\\*\\* \\<img src=x\\> \\[link\\](http://x) \\# heading \\{\\{office\\}\\}")
        .doesNotContain("\n# heading");
  }
}
