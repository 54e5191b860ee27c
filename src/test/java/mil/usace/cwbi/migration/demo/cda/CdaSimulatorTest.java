package mil.usace.cwbi.migration.demo.cda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import mil.usace.cwbi.migration.cda.CdaClientFactory;
import mil.usace.cwbi.migration.cda.CdaProperties;
import mil.usace.cwbi.migration.verification.CdaGateVerifier;
import mil.usace.cwbi.migration.verification.CheckResult;
import mil.usace.cwbi.migration.verification.Environment;
import mil.usace.cwbi.migration.verification.MigrationSubject;
import mil.usace.cwbi.migration.verification.VerificationReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.client.MockMvcClientHttpRequestFactory;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The demo's CDA simulator, read through its HTTP interface (MockMvc) by the real verifier: every gate passes for
 * the demo offices; each fault makes the right check fail; recovering opens the gate again. (The page's buttons,
 * behind log-in and CSRF, are SimulatorControlsTest.)
 */
class CdaSimulatorTest {

  static final String BASE = "http://localhost/cda-sim/";
  static final List<String> CRITICAL = List.of("KEYS.Elev.Inst.1Hour.0.Ccp-Rev",
      "KEYS.Flow-Out.Ave.1Hour.1Hour.Rev-Regi-Flowgroup");

  MockMvc mvc;
  SimulatedCda cda;
  CdaGateVerifier verifier;

  @BeforeEach
  void setUp() {
    cda = new SimulatedCda();
    mvc = MockMvcBuilders.standaloneSetup(new CdaSimulatorController(cda)).build();
    CdaProperties props = new CdaProperties();
    props.getT7().setAllowedHosts(List.of("localhost"));
    props.getT7().setRequireHttps(false);
    props.setPageSize(20);
    for (String env : List.of("cwbi-dev", "cwbi-test", "cwbi-prod")) {
      CdaProperties.EnvironmentConfig c = new CdaProperties.EnvironmentConfig();
      c.setBaseUrl(BASE + env + "/");
      props.getEnvironments().put(env, c);
    }
    verifier = new CdaGateVerifier(new CdaClientFactory(props, new MockMvcClientHttpRequestFactory(mvc)));
  }

  static MigrationSubject swt() {
    return new MigrationSubject("SWT", BASE + "t7-swt/", true, CRITICAL, null);
  }

  static CheckResult line(VerificationReport r, String prefix) {
    return r.checks().stream().filter(c -> c.check().startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no check " + prefix + " in " + r.checks()));
  }

  @Test
  void everyGatePassesForBothDemoOfficesWhenHealthy() {
    MigrationSubject lrl = new MigrationSubject("LRL", BASE + "t7-lrl/", true,
        List.of("Buckhorn-Lake.Stage.Inst.15Minutes.0.USGS-raw", "Markland.Elev.Inst.1Hour.0.Ccp-Rev"), null);
    for (Environment env : Environment.values()) {
      assertThat(verifier.verify(env, swt()).failures()).as("SWT " + env).isEmpty();
      assertThat(verifier.verify(env, lrl).failures()).as("LRL " + env).isEmpty();
    }
    // a T7 holds its own district only
    assertThat(verifier.verify(Environment.T7, new MigrationSubject("LRL", BASE + "t7-swt/", false, CRITICAL,
        null)).passed()).isFalse();
  }

  @Test
  void missingSeriesCloseTheDevGateUntilRecovered() throws Exception {
    cda.add("cwbi-dev", Fault.MISSING);
    assertThat(cda.state().get("cwbi-dev")).containsExactly("missing");

    VerificationReport r = verifier.verify(Environment.CWBI_DEV, swt());
    assertThat(r.passed()).isFalse();
    assertThat(line(r, "critical series present").evidence()).contains("KEYS.Flow-Out.Ave.1Hour.1Hour");
    assertThat(line(r, "parity of time series ids").evidence()).contains("CWBI-DEV lacks 17 of 56");
    assertThat(line(r, "parity of locations").evidence()).contains("lacks 1 of 8", "HUGO");
    assertThat(verifier.verify(Environment.CWBI_TEST, swt()).passed()).isTrue();

    cda.clear("cwbi-dev");
    assertThat(verifier.verify(Environment.CWBI_DEV, swt()).passed()).isTrue();
  }

  @Test
  void staleDataFailsFreshness() throws Exception {
    cda.add("cwbi-test", Fault.STALE);
    VerificationReport r = verifier.verify(Environment.CWBI_TEST, swt());
    assertThat(line(r, "critical series fresh").passed()).isFalse();
    assertThat(line(r, "critical series fresh").evidence()).contains("stale 2 of 2");
    assertThat(line(r, "USGS TS Data Acquisition").passed()).isFalse();
  }

  @Test
  void errorsAnswer500WithAnIncidentId() throws Exception {
    cda.add("cwbi-prod", Fault.ERROR);
    VerificationReport r = verifier.verify(Environment.CWBI_PROD, swt());
    assertThat(r.passed()).isFalse();
    assertThat(line(r, "CDA service answers").evidence()).contains("HTTP 500", "System Error", "CDA incident");
  }

  @Test
  void noHistoryFailsTheHistoryGateOnly() throws Exception {
    cda.add("cwbi-prod", Fault.NO_HISTORY);
    assertThat(line(verifier.verify(Environment.HISTORY, swt()), "history coverage").passed()).isFalse();
    assertThat(verifier.verify(Environment.CWBI_PROD, swt()).passed()).isTrue();
  }

  @Test
  void badRequestsAnswerLikeCdaWithoutEchoingTheInput() throws Exception {
    mvc.perform(get("/cda-sim/nowhere/version")).andExpect(status().isNotFound())
        .andExpect(jsonPath("$.incidentIdentifier").exists())
        .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("nowhere"))));
    mvc.perform(get("/cda-sim/cwbi-dev/offices/{o}", "<b>x")).andExpect(status().isNotFound())
        .andExpect(jsonPath("$.message").value("Unable to find office"))
        .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<b>"))));
    mvc.perform(get("/cda-sim/cwbi-dev/catalog/TIMESERIES").param("office", "SWT").param("like", "(unclosed"))
        .andExpect(status().isBadRequest());
    mvc.perform(get("/cda-sim/cwbi-dev/catalog/TIMESERIES").param("office", "SWT").param("page-size", "10"))
        .andExpect(jsonPath("$.total").value(56)).andExpect(jsonPath("$.next-page").exists());
  }
}
