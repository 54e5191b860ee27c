package mil.usace.cwbi.migration.cda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.notification.Notifier;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.support.TestServers;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A district user as an attacker, through the REST API: a migration whose t7CdaUrl names a host that is not an
 * allowed T7 host is refused at start and creates nothing; the CWBI API key never reaches a T7 host; a T7 that
 * answers 500 with a body leaves no trace of that body in the variable, the fix task's form, the mail or the log;
 * a redirect to another host is not followed.
 */
class T7HostAttackTest extends IntegrationTest {

  static final String OFFICE = "SWT";
  static final String USER = "swt-water";
  static final String SECRET = "SECRET-BODY-TEXT-8c2e";
  static final String[] STEP_1 = {"task_1_1_convert_scripts", "task_1_2_usgs_scripts", "task_1_3_critimport",
      "task_1_4_shef_parser", "task_1_5_export_shef_config", "task_1_6_opendcs_dev"};

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired CdaClientFactory clients;

  final WireMockServer t7 = TestServers.t7();
  WireMockServer foreign;
  ListAppender<ILoggingEvent> log;

  @BeforeEach
  void setUp() throws Exception {
    deleteMigrations();
    t7.resetAll();
    foreign = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    foreign.start();
    // anything the foreign host is asked, it answers like a healthy CDA: only the refusal keeps it unasked
    foreign.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"version\":\"stolen\"}")));
    log = new ListAppender<>();
    log.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    TestServers.smtp().purgeEmailFromAllMailboxes();
  }

  @AfterEach
  void tearDown() throws Exception {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    identity.clearAuthentication();
    verifier.reset();
    foreign.stop();
    t7.resetAll();
    deleteMigrations();
  }

  void deleteMigrations() {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(OFFICE).rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  static Map<String, Object> startBody(String t7CdaUrl) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("office", Map.of("value", OFFICE));
    vars.put("t7CdaUrl", Map.of("value", t7CdaUrl));
    vars.put("usesUsgsData", Map.of("value", false));
    vars.put("criticalTimeSeries", Map.of("value", String.join("\n", MigrationDriver.CRITICAL)));
    return Map.of("variables", vars, "businessKey", OFFICE);
  }

  ResponseEntity<String> start(String path, String t7CdaUrl) {
    return http.withBasicAuth(USER, "demo").postForEntity(baseUrl() + "/engine-rest/process-definition/key/"
        + MigrationVariables.PROCESS_KEY + "/" + path, startBody(t7CdaUrl), String.class);
  }

  @Test
  void aForeignT7HostIsRefusedAtStartOnEveryPathAndCreatesNothing() {
    long historic = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(OFFICE).count();
    List<String> foreignUrls = List.of(
        "http://127.0.0.1:" + t7.port() + "/t7/",            // the allowed server under a host name not allowed
        "http://localhost:" + foreign.port() + "/t7/",       // another port of an allowed host name
        "http://wm.swt.ds.usace.army.mil@127.0.0.1:" + foreign.port() + "/t7/",
        "http://swt.usace.army.mil.evil.example.com/t7/");
    // the plain case says why
    assertThat(start("submit-form", foreignUrls.get(0)).getBody()).contains("not one where a T7 CDA may be");
    for (String url : foreignUrls) {
      ResponseEntity<String> r = start("submit-form", url);
      assertThat(r.getStatusCode()).as(url + ": " + r.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(r.getBody()).contains("(t7CdaUrl)").doesNotContain("127.0.0.1", "evil");
      // /start runs the same start listener; its status code for a refusal is the REST layer's (issue 10, item 6)
      ResponseEntity<String> viaStart = start("start", url);
      assertThat(viaStart.getStatusCode().is2xxSuccessful()).as(viaStart.getBody()).isFalse();
      assertThat(viaStart.getBody()).contains("(t7CdaUrl)");
      // the Java API as the same user
      identity.setAuthentication(USER, List.of("district-swt"));
      try {
        Map<String, Object> data = driver.startData(OFFICE, false);
        data.put(MigrationVariables.T7_CDA_URL, url);
        assertThatThrownBy(() -> driver.start(data)).hasMessageContaining("t7CdaUrl");
      } finally {
        identity.clearAuthentication();
      }
    }
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(OFFICE).rootProcessInstances().count()).isZero();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(OFFICE).count())
        .isEqualTo(historic);
    assertThat(foreign.getAllServeEvents()).isEmpty();
    assertThat(t7.getAllServeEvents()).isEmpty();
  }

  @Test
  void aT7ThatAnswers500WithABodyLeavesNoTraceOfItAndNeverSeesTheKey() throws Exception {
    t7.stubFor(get(urlPathEqualTo("/t7a/version")).willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"System Error\","
            + "\"incidentIdentifier\":\"-77\",\"details\":{\"sql\":\"" + SECRET + " select * from at_tsv\"}}")));
    t7.stubFor(get(urlPathEqualTo("/t7a/swagger-docs")).willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "text/html").withBody("<html><body>" + SECRET + " stack trace</body></html>")));

    ResponseEntity<String> started = start("start", "http://localhost:" + t7.port() + "/t7a/");
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(OFFICE).rootProcessInstances().singleResult().getId();
    driver.completeAll(pi, STEP_1);

    Task fix = driver.task(pi, MigrationDriver.FIX_TASK);
    assertThat(fix).as("the T7 check failed and its fix task is open").isNotNull();
    String report = (String) runtime.getVariable(pi, "verification_t7");
    assertThat(report).contains("HTTP 500", "System Error", "CDA incident -77", "no CDA error message")
        .doesNotContain(SECRET, "stack trace", "select", "html");

    // what the district sees: the fix task's form and variables, over REST
    for (String path : List.of("/form-variables", "/variables")) {
      ResponseEntity<String> form = http.withBasicAuth(USER, "demo")
          .getForEntity(baseUrl() + "/engine-rest/task/" + fix.getId() + path, String.class);
      assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(form.getBody()).contains("System Error").doesNotContain(SECRET);
    }
    // the mail that tells the district its check failed
    for (Job job : management.createJobQuery().processDefinitionKey(Notifier.PROCESS_KEY).executable().list()) {
      management.executeJob(job.getId());
    }
    List<String> mails = new ArrayList<>();
    for (MimeMessage m : TestServers.smtp().getReceivedMessages()) {
      mails.add(m.getSubject() + "\n" + GreenMailUtil.getBody(m));
    }
    assertThat(mails).anySatisfy(m -> assertThat(m).contains("Fix what the T7 check found", "System Error"));
    assertThat(mails).noneMatch(m -> m.contains(SECRET));
    // nor any log line
    assertThat(logText()).contains("verified T7 for SWT").doesNotContain(SECRET);

    // the T7 host never saw the CWBI key (nor any key); nothing reached the foreign host
    List<ServeEvent> asked = t7.getAllServeEvents();
    assertThat(asked).isNotEmpty().allSatisfy(e -> {
      assertThat(e.getRequest().containsHeader("Authorization")).isFalse();
      assertThat(e.getRequest().getAbsoluteUrl()).startsWith("http://localhost:" + t7.port() + "/t7a/");
    });
    assertThat(foreign.getAllServeEvents()).isEmpty();
    assertThat(logText()).doesNotContain(TestServers.CWBI_API_KEY);
  }

  @Test
  void theKeyGoesWithTheCwbiEnvironmentsRequestsAndNotWithTheSameUrlTypedAsT7() {
    CdaStubs dev = new CdaStubs(TestServers.cda(), "dev");
    try {
      dev.stub(dev.get("version").atPriority(1)
          .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
              "apikey " + TestServers.CWBI_API_KEY))
          .willReturn(CdaStubs.json(200, CdaStubs.sample("version_constructed.json"))));
      dev.stub(dev.get("version").atPriority(2).willReturn(CdaStubs.json(401, "{\"message\":\"no key\"}")));

      assertThat(clients.client(TestServers.cdaUrl("dev")).version().path("version").asText())
          .isEqualTo("2025.03.20");
      // a district typing CWBI-DEV's URL as its T7 does not get the key sent along
      assertThatThrownBy(() -> clients.t7(TestServers.cdaUrl("dev"), OFFICE).version())
          .isInstanceOf(CdaException.class).hasMessageContaining("HTTP 401");
    } finally {
      dev.reset();
    }
  }

  @Test
  void aRedirectToAForeignHostIsNotFollowed() {
    t7.stubFor(get(urlPathEqualTo("/t7r/version")).willReturn(aResponse().withStatus(302)
        .withHeader("Location", "http://localhost:" + foreign.port() + "/steal/version")));
    t7.stubFor(get(urlPathEqualTo("/t7r/swagger-docs")).willReturn(aResponse().withStatus(307)
        .withHeader("Location", "http://127.0.0.1:" + t7.port() + "/t7a/swagger-docs")));

    ResponseEntity<String> started = start("submit-form", "http://localhost:" + t7.port() + "/t7r/");
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(OFFICE).rootProcessInstances().singleResult().getId();
    driver.completeAll(pi, STEP_1);

    assertThat(driver.task(pi, MigrationDriver.FIX_TASK)).isNotNull();
    assertThat((String) runtime.getVariable(pi, "verification_t7")).contains("HTTP 302", "redirect, not followed")
        .doesNotContain("steal", "stolen");
    assertThat(foreign.getAllServeEvents()).isEmpty();
    assertThat(t7.getAllServeEvents()).allSatisfy(e -> {
      assertThat(e.getRequest().getAbsoluteUrl()).startsWith("http://localhost:" + t7.port() + "/t7r/");
    });
  }

  String logText() {
    StringBuilder s = new StringBuilder();
    for (ILoggingEvent e : log.list) {
      s.append(e.getFormattedMessage()).append('\n');
      if (e.getThrowableProxy() != null) {
        s.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
      }
    }
    return s.toString();
  }
}
