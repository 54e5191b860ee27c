package mil.usace.cwbi.migration.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says where the demo is, once its web server listens: the port is not always 8080. */
@Component
@Profile("demo")
public class DemoAddresses {

  private static final Logger LOG = LoggerFactory.getLogger(DemoAddresses.class);

  @EventListener
  public void onWebServer(WebServerInitializedEvent event) {
    String base = "http://localhost:" + event.getWebServer().getPort();
    LOG.info("Demo listening at {}/ ; T7 CDA URL of a demo migration: {}/cda-sim/t7-swt/ (SWT) or {}/cda-sim/t7-lrl/ "
        + "(LRL); simulator {}/cda-sim ; mail {}/demo/mail", base, base, base, base, base);
  }
}
