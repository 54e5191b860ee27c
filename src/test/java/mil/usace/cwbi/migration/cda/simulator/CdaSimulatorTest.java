package mil.usace.cwbi.migration.cda.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
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
 * The demo's CDA simulator, driven through its HTTP interface (MockMvc) by the real verifier: every gate passes for
 * the demo offices; each fault makes the right check fail; recovering opens the gate again.
 */
class CdaSimulatorTest {

  static final String BASE = "http://localhost/cda-sim/";
  static final List<String> CRITICAL = List.of("KEYS.Elev.Inst.1Hour.0.Ccp-Rev",
      "KEYS.Flow-Out.Ave.1Hour.1Hour.Rev-Regi-Flowgroup");

  MockMvc mvc;
  CdaGateVerifier verifier;

  @BeforeEach
  void setUp() {
    mvc = MockMvcBuilders.standaloneSetup(new CdaSimulatorController(new SimulatedCda())).build();
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
    mvc.perform(post("/cda-sim/cwbi-dev/faults/missing")).andExpect(status().isOk())
        .andExpect(jsonPath("$.cwbi-dev[0]").value("missing"));

    VerificationReport r = verifier.verify(Environment.CWBI_DEV, swt());
    assertThat(r.passed()).isFalse();
    assertThat(line(r, "critical series present").evidence()).contains("KEYS.Flow-Out.Ave.1Hour.1Hour");
    assertThat(line(r, "parity of time series ids").evidence()).contains("CWBI-DEV lacks 11 of 56");
    assertThat(line(r, "parity of locations").evidence()).contains("lacks 1 of 8", "HUGO");
    assertThat(verifier.verify(Environment.CWBI_TEST, swt()).passed()).isTrue();

    mvc.perform(delete("/cda-sim/cwbi-dev/faults")).andExpect(status().isOk());
    assertThat(verifier.verify(Environment.CWBI_DEV, swt()).passed()).isTrue();
  }

  @Test
  void staleDataFailsFreshness() throws Exception {
    mvc.perform(post("/cda-sim/cwbi-test/faults/stale")).andExpect(status().isOk());
    VerificationReport r = verifier.verify(Environment.CWBI_TEST, swt());
    assertThat(line(r, "critical series fresh").passed()).isFalse();
    assertThat(line(r, "critical series fresh").evidence()).contains("stale 2 of 2");
    assertThat(line(r, "USGS TS Data Acquisition").passed()).isFalse();
  }

  @Test
  void errorsAnswer500WithAnIncidentId() throws Exception {
    mvc.perform(post("/cda-sim/cwbi-prod/faults/error")).andExpect(status().isOk());
    VerificationReport r = verifier.verify(Environment.CWBI_PROD, swt());
    assertThat(r.passed()).isFalse();
    assertThat(line(r, "CDA service answers").evidence()).contains("HTTP 500", "System Error", "CDA incident");
  }

  @Test
  void noHistoryFailsTheHistoryGateOnly() throws Exception {
    mvc.perform(post("/cda-sim/cwbi-prod/faults/no-history")).andExpect(status().isOk());
    assertThat(line(verifier.verify(Environment.HISTORY, swt()), "history coverage").passed()).isFalse();
    assertThat(verifier.verify(Environment.CWBI_PROD, swt()).passed()).isTrue();
  }

  @Test
  void theControlPageAndBadRequests() throws Exception {
    mvc.perform(get("/cda-sim")).andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("/cda-sim/t7-swt/")));
    mvc.perform(post("/cda-sim/cwbi-dev/faults/flood")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.incidentIdentifier").exists());
    mvc.perform(post("/cda-sim/nowhere/faults/stale")).andExpect(status().isNotFound());
    mvc.perform(get("/cda-sim/state")).andExpect(jsonPath("$.cwbi-dev").isEmpty());
    mvc.perform(get("/cda-sim/cwbi-dev/catalog/TIMESERIES").param("office", "SWT").param("like", "(unclosed"))
        .andExpect(status().isBadRequest());
    mvc.perform(get("/cda-sim/cwbi-dev/catalog/TIMESERIES").param("office", "SWT").param("page-size", "10"))
        .andExpect(jsonPath("$.total").value(56)).andExpect(jsonPath("$.next-page").exists());
  }
}
