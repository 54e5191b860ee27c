package mil.usace.cwbi.migration.demo.cda;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import mil.usace.cwbi.migration.security.PageCsrf;
import mil.usace.cwbi.migration.security.PageLogin;
import mil.usace.cwbi.migration.security.PageLogin.PageUser;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /cda-sim}: the page and API to break and recover a simulated CDA environment. Behind log-in
 * ({@link PageLogin}: the Tasklist session or HTTP Basic) with CSRF protection ({@link PageCsrf}): a GET of the page
 * or of {@code /cda-sim/state} hands out the token, every POST/DELETE must send it back. Who may press which button:
 * the CWBI environments are shared by every office, so any logged-in user may break and recover them (that is the
 * demo walk); a T7 belongs to its district, so {@code t7-swt} only for {@code district-swt}, {@code hec} and
 * {@code camunda-admin}.
 */
@RestController
@Profile("demo")
@RequestMapping("/cda-sim")
public class SimulatorControlsController {

  private final SimulatedCda cda;
  private final PageLogin login;

  public SimulatorControlsController(SimulatedCda cda, PageLogin login) {
    this.cda = cda;
    this.login = login;
  }

  @GetMapping(value = {"", "/"}, produces = MediaType.TEXT_HTML_VALUE)
  public void page(HttpServletRequest req, HttpServletResponse res) throws IOException {
    Optional<PageUser> user = login.user(req);
    if (user.isEmpty()) {
      PageLogin.refuse(res, true, "the CDA simulator");
      return;
    }
    String html;
    try (InputStream in = getClass().getResourceAsStream("/cda-sim/index.html")) {
      html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // The T7 URL a demo migration uses: the application calls its own simulator, on the port it listens on.
    html = html.replace("{{CDA_BASE}}", HtmlUtils.htmlEscape(baseUrl(req)))
        .replace("{{USER}}", HtmlUtils.htmlEscape(user.get().id()));
    res.setHeader(PageCsrf.HEADER, PageCsrf.token(req));
    res.setHeader("Cache-Control", "no-store");
    res.setContentType(MediaType.TEXT_HTML_VALUE);
    res.setCharacterEncoding("UTF-8");
    res.getWriter().write(html);
  }

  /** The page's script (scripts come from our own origin only: the pages' Content-Security-Policy). */
  @GetMapping(value = "/app.js", produces = "text/javascript")
  public void script(HttpServletResponse res) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/cda-sim/app.js")) {
      res.setContentType("text/javascript");
      res.setCharacterEncoding("UTF-8");
      res.getOutputStream().write(in.readAllBytes());
    }
  }

  @GetMapping("/state")
  public void state(HttpServletRequest req, HttpServletResponse res) throws IOException {
    if (login.user(req).isEmpty()) {
      PageLogin.refuse(res, false, "the CDA simulator");
      return;
    }
    res.setHeader(PageCsrf.HEADER, PageCsrf.token(req));
    res.setHeader("Cache-Control", "no-store");
    CdaSimulatorController.write(res, 200, cda.state());
  }

  @PostMapping("/{env}/faults/{fault}")
  public void addFault(@PathVariable String env, @PathVariable String fault, HttpServletRequest req,
      HttpServletResponse res) throws IOException {
    if (!allowed(env, req, res)) {
      return;
    }
    Fault f;
    try {
      f = Fault.valueOf(fault.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      CdaSimulatorController.error(res, 400, "Unknown fault; one of stale, missing, error, no-history");
      return;
    }
    cda.add(env, f);
    CdaSimulatorController.write(res, 200, cda.state());
  }

  @DeleteMapping("/{env}/faults")
  public void clearFaults(@PathVariable String env, HttpServletRequest req, HttpServletResponse res)
      throws IOException {
    if (!allowed(env, req, res)) {
      return;
    }
    cda.clear(env);
    CdaSimulatorController.write(res, 200, cda.state());
  }

  /** Log-in (401), CSRF token and origin (403), a known environment (404), then who may change it (403). */
  private boolean allowed(String env, HttpServletRequest req, HttpServletResponse res) throws IOException {
    Optional<PageUser> user = login.user(req);
    if (user.isEmpty()) {
      PageLogin.refuse(res, false, "the CDA simulator");
      return false;
    }
    String csrf = PageCsrf.refusal(req);
    if (csrf != null) {
      CdaSimulatorController.error(res, 403, csrf);
      return false;
    }
    if (!cda.knows(env)) {
      CdaSimulatorController.error(res, 404, "No simulated environment; one of " + SimulatedCda.ENVIRONMENTS);
      return false;
    }
    if (!mayChange(user.get(), env)) {
      CdaSimulatorController.error(res, 403, "Only " + env.substring(3).toUpperCase(Locale.ROOT)
          + "'s district, hec or camunda-admin may change " + env);
      return false;
    }
    return true;
  }

  static boolean mayChange(PageUser user, String env) {
    if (!env.startsWith("t7-")) {
      return true;
    }
    return user.seesAllOffices() || user.inDistrictOf(env.substring(3));
  }

  private static String baseUrl(HttpServletRequest req) {
    return "http://localhost:" + req.getLocalPort() + req.getContextPath() + "/cda-sim/";
  }
}
