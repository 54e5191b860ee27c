package mil.usace.cwbi.migration.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mil.usace.cwbi.migration.verification.checks.HistoryCoverageCheck;
import mil.usace.cwbi.migration.verification.checks.ParityCheck;
import org.junit.jupiter.api.Test;

/** The check report for people: what failed, the evidence, what to do; passing checks counted; nothing raw. */
class FindingsRendererTest {

  static final Instant TIME = Instant.parse("2026-11-25T06:28:10Z");

  /** A CWBI-DEV report as CdaGateVerifier writes it: seven checks pass, two fail. */
  static VerificationReport devReport() {
    return new VerificationReport(Environment.CWBI_DEV, "SWT", TIME, List.of(
        CheckResult.pass("CDA service answers (CWBI-DEV)", "CDA 3.2.1 at https://water.dev.cwbi.us/cwms-data/"),
        CheckResult.pass("office known (CWBI-DEV)", "SWT: Tulsa District (DIS)"),
        CheckResult.pass("critical series present (CWBI-DEV)", "all 2 in the catalog; read in 1 catalog requests"),
        CheckResult.fail("critical series fresh (CWBI-DEV)", "stale 1 of 2: KEYS.Elev.Inst.1Hour.0.Ccp-Rev has no "
            + "value since 2026-11-15T06:00:00Z (PT240H28M old > limit PT3H)"),
        CheckResult.pass("SHEF Data Acquisition (CWBI-DEV)", "4 members of SWT; 4 fresh"),
        CheckResult.pass("USGS TS Data Acquisition (CWBI-DEV)", "3 members of SWT; 3 fresh"),
        CheckResult.fail(ParityCheck.name("time series ids", "T7", "CWBI-DEV"),
            "CWBI-DEV lacks 2 of 7 time series ids of T7: LAKE2.ELEV.INST.15MINUTES.0.RAW, LAKE3.ELEV.INST.15MINUTES.0.RAW"),
        CheckResult.pass(ParityCheck.name("locations", "T7", "CWBI-DEV"), "all 3 locations of T7 are in CWBI-DEV"),
        CheckResult.pass("verification extra (CWBI-DEV)", "fine")));
  }

  @Test
  void aFailedCheckReadsAsWhatFailedTheEvidenceAndWhatToDo() {
    Findings f = Findings.of(VerificationReport.fromJson(devReport().toJson()));
    assertThat(f.passed()).isFalse();
    assertThat(f.failed()).extracting(Findings.Finding::what).containsExactly(
        "Critical time series are not up to date in CWBI-DEV", "Time series ids of T7 are missing in CWBI-DEV");
    assertThat(f.failed().get(0).evidence()).isEqualTo(
        "stale 1 of 2: KEYS.Elev.Inst.1Hour.0.Ccp-Rev has no value since 15 Nov 2026 06:00 UTC (10 days old > limit 3 h)");
    assertThat(f.failed().get(0).todo()).isEqualTo("Check that the district's batch job / OpenDCS computation that "
        + "writes them runs against CWBI-DEV.");
    assertThat(f.failed().get(1).todo()).contains("cwms-cli (Task 2.1)");

    String text = FindingsRenderer.text(f);
    assertThat(text).startsWith("CWBI-DEV check of SWT, 25 Nov 2026 06:28 UTC: 2 of 9 checks failed.")
        .contains("1. Critical time series are not up to date in CWBI-DEV\n   Evidence: stale 1 of 2")
        .contains("   What to do: Check that the district's batch job / OpenDCS computation")
        .contains("2. Time series ids of T7 are missing in CWBI-DEV")
        .endsWith("7 other checks passed.\n");
    assertThat(text.indexOf("Critical time series")).as("failures first").isLessThan(text.indexOf("other checks"));
    assertThat(text).as("passing checks are only counted").doesNotContain("office known").doesNotContain("Tulsa");
    for (String shown : List.of(text, FindingsRenderer.html(f), FindingsRenderer.markdown(f),
        FindingsRenderer.oneLine(f))) {
      assertThat(shown).doesNotContain("{").doesNotContain("\"passed\"").doesNotContain("\"check\"")
          .doesNotContain("2026-11-15T06:00:00Z").doesNotContain("PT240H");
    }
  }

  @Test
  void everyKindOfCheckHasItsRemedy() {
    assertThat(CheckKind.of("CDA service answers (T7)")).isEqualTo(CheckKind.SERVICE);
    assertThat(CheckKind.of("office known (CWBI-TEST)")).isEqualTo(CheckKind.OFFICE);
    assertThat(CheckKind.of("critical series present (CWBI-PROD)")).isEqualTo(CheckKind.CRITICAL_PRESENT);
    assertThat(CheckKind.of("critical series fresh (T7)")).isEqualTo(CheckKind.CRITICAL_FRESH);
    assertThat(CheckKind.of("USGS TS Data Acquisition (T7)")).isEqualTo(CheckKind.USGS_GROUP);
    assertThat(CheckKind.of("SHEF Data Acquisition (T7)")).isEqualTo(CheckKind.SHEF_GROUP);
    assertThat(CheckKind.of(ParityCheck.name("locations", "T7", "CWBI-PROD"))).isEqualTo(CheckKind.PARITY_LOCATIONS);
    assertThat(CheckKind.of(HistoryCoverageCheck.NAME)).isEqualTo(CheckKind.HISTORY_COVERAGE);
    assertThat(CheckKind.of("configuration (CWBI-DEV)")).isEqualTo(CheckKind.CONFIGURATION);
    assertThat(CheckKind.of("data checks (CWBI-DEV)")).isEqualTo(CheckKind.DATA_NOT_RUN);
    assertThat(CheckKind.of("verification")).isEqualTo(CheckKind.VERIFICATION);
    assertThat(CheckKind.of(CheckResult.fail(HistoryCoverageCheck.NAME, CdaGateVerifier.NOT_RUN)))
        .as("a check that did not run is not a history gap").isEqualTo(CheckKind.DATA_NOT_RUN);
    assertThat(CheckKind.of(CheckResult.fail("critical series present (CWBI-DEV)",
        "the catalog could not be read: HTTP 500"))).as("a CDA fault is not missing data")
        .isEqualTo(CheckKind.UNREADABLE);
    for (CheckKind k : CheckKind.values()) {
      for (String env : List.of("T7", "CWBI-DEV", "CWBI-TEST", "CWBI-PROD")) {
        assertThat(k.remedy(env, "SWT")).isNotBlank().doesNotContain("null");
        assertThat(k.headline("some check (" + env + ")", env, "SWT")).isNotBlank().doesNotContain("null");
      }
    }
    assertThat(CheckKind.CRITICAL_FRESH.remedy("T7", "SWT")).endsWith("runs on T7.");
    assertThat(CheckKind.OFFICE.remedy("CWBI-PROD", "SWT")).contains("Step 7");
    assertThat(CheckKind.HISTORY_COVERAGE.remedy("CWBI-PROD", "SWT")).contains("past 2 years").contains("Step 8");
    assertThat(CheckKind.where(ParityCheck.name("time series ids", "T7", "CWBI-PROD"), "CWBI-PROD history"))
        .as("a parity check is about its target").isEqualTo("CWBI-PROD");
  }

  @Test
  void allPassedIsOneLine() {
    VerificationReport ok = new VerificationReport(Environment.T7, "SWT", TIME,
        List.of(CheckResult.pass("CDA service answers (T7)", "CDA 3"), CheckResult.pass("office known (T7)", "SWT")));
    Findings f = Findings.of(ok);
    assertThat(FindingsRenderer.text(f)).isEqualTo("T7 check of SWT, 25 Nov 2026 06:28 UTC: All 2 checks passed.\n");
    assertThat(FindingsRenderer.html(f)).contains("All 2 checks passed").doesNotContain("<ol>");
  }

  @Test
  void whatCdaSaysIsNeverMarkupOrALink() {
    VerificationReport r = new VerificationReport(Environment.T7, "SWT", TIME, List.of(CheckResult.fail(
        "CDA service answers (T7)", "HTTP 500 <script>alert(1)</script> [click](http://evil.example) **x** # head")));
    Findings f = Findings.of(r);
    assertThat(FindingsRenderer.html(f)).doesNotContain("<script>").contains("&lt;script&gt;");
    String md = FindingsRenderer.markdown(f);
    assertThat(md).as("an address is a code span: form-js's markdown would link it even escaped")
        .contains("\\[click\\]\\(`http://evil.example)`").contains("\\<script\\>")
        .contains("\\*\\*x\\*\\*").contains("\\# head");
  }

  @Test
  void theFixTasksMarkdownStaysUnderCamundasStringLimit() {
    List<CheckResult> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      lines.add(CheckResult.fail("critical series present (CWBI-DEV)", "missing 900 of 900: "
          + "KEYS.Elev.Inst.1Hour.0.Ccp-Rev, ".repeat(30)));
    }
    String md = FindingsRenderer.markdown(Findings.of(new VerificationReport(Environment.CWBI_DEV, "SWT", TIME, lines)));
    assertThat(md.length()).isLessThanOrEqualTo(FindingsRenderer.MAX_STORED_CHARS);
    assertThat(md).contains("Critical time series are missing in CWBI\\-DEV").contains("shortened");
  }

  @Test
  void anUnreadableStoredReportFailsClosedInWords() {
    Findings f = Findings.ofJson("{not json");
    assertThat(f.passed()).isFalse();
    assertThat(f.failed()).hasSize(1);
    assertThat(f.failed().get(0).what()).isEqualTo("The check itself could not complete");
    assertThat(Findings.ofJson(null)).isNull();
    VerificationReport back = VerificationReport.fromJson(devReport().toJson());
    assertThat(back).isEqualTo(devReport());
  }
}
