package mil.usace.cwbi.migration.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The script decision table of Task 1.1, rule by rule (a plain DMN engine: no application needed). */
class ScriptDecisionTest {

  static DmnDecision decision;
  static DmnEngine dmn;

  @BeforeAll
  static void load() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = new FileInputStream("bpmn/script-decision.dmn")) {
      decision = dmn.parseDecision("script-decision", in);
    }
  }

  DmnDecisionTableResult decide(String purpose, String runs, String reads, String writes) {
    return dmn.evaluateDecisionTable(decision, Variables.createVariables()
        .putValue("purpose", purpose).putValue("runs", runs).putValue("reads", reads).putValue("writes", writes));
  }

  @ParameterizedTest(name = "{0}/{1}/{2}/{3} -> {4}")
  @CsvSource({
      "obsolete,schedule,usgs-web-service,cwms-database,Retire,retire",
      "usgs-acquisition,schedule,cwms-database,cwms-database,cwms-cli usgs (getUSGS),getUSGS",
      "data-transfer,schedule,usgs-web-service,cwms-database,cwms-cli usgs (getUSGS),USGS web services",
      "shef-decoding,on-data-arrival,ldm-feed,cwms-database,cwms-cli shef (crit import + shef-parser),shef-parser",
      "data-transfer,schedule,shef-files,cwms-database,cwms-cli shef (crit import + shef-parser),SHEF files",
      "computation,on-data-arrival,other-files,files,OpenDCS computation (CCP),triggered by new data",
      "computation,schedule,cwms-database,cwms-database,OpenDCS computation (CCP),database series",
      "web-publishing,schedule,cwms-database,files,CDA endpoint (web),CDA endpoints",
      "reporting,schedule,cwms-database,web-page,CDA endpoint (web),publishes to the web",
      "reporting,schedule,cwms-database,email-or-report,cwms-python batch job,cwms-python batch jobs",
      "computation,schedule,other-files,files,cwms-python batch job,cwms-python batch jobs",
      "data-transfer,manual,ldm-feed,files,cwms-python batch job,cwms-python batch jobs",
  })
  void eachRuleRecommendsItsTargetWithAReason(String purpose, String runs, String reads, String writes,
      String target, String reasonPart) {
    DmnDecisionTableResult result = decide(purpose, runs, reads, writes);
    assertThat(result).hasSize(1); // hit policy FIRST: exactly one answer
    assertThat(result.getSingleResult().<String>getEntry("target")).isEqualTo(target);
    assertThat(result.getSingleResult().<String>getEntry("reason")).contains(reasonPart);
  }

  @Test
  void anUnlistedCombinationStillGetsTheDefaultRecommendation() {
    assertThat(decide("", "", "", "").getSingleResult().<String>getEntry("target")).isEqualTo("cwms-python batch job");
  }
}
