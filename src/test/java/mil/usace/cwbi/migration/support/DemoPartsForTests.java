package mil.usace.cwbi.migration.support;

import mil.usace.cwbi.migration.demo.DemoUsers;
import mil.usace.cwbi.migration.demo.cda.CdaSimulatorController;
import mil.usace.cwbi.migration.demo.cda.SimulatedCda;
import mil.usace.cwbi.migration.demo.cda.SimulatorControlsController;
import mil.usace.cwbi.migration.demo.mail.DemoInbox;
import mil.usace.cwbi.migration.demo.mail.MailViewerController;
import mil.usace.cwbi.migration.security.PageLogin;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The demo's parts the tests use: its users (the tests log in as them), the CDA simulator with its pages, and the mail
 * viewer. In the application they are demo-only ({@code @Profile("demo")}, package {@code demo}); the test context
 * runs profile {@code test}, so it registers them here by name instead of running the demo profile (which would
 * also start the demo's SMTP server and point every CWBI environment at the simulator).
 */
@TestConfiguration(proxyBeanMethods = false)
public class DemoPartsForTests {

  @Bean
  DemoUsers demoUsers(IdentityService identity) {
    return new DemoUsers(identity);
  }

  @Bean
  SimulatedCda simulatedCda() {
    return new SimulatedCda();
  }

  @Bean
  CdaSimulatorController cdaSimulatorController(SimulatedCda cda) {
    return new CdaSimulatorController(cda);
  }

  @Bean
  SimulatorControlsController simulatorControlsController(SimulatedCda cda, PageLogin login) {
    return new SimulatorControlsController(cda, login);
  }

  @Bean
  MailViewerController mailViewerController(DemoInbox inbox, PageLogin login) {
    return new MailViewerController(inbox, login);
  }
}
