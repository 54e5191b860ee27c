package mil.usace.cwbi.migration.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium for the whole test run (stack.md): started on first use, quit at JVM exit.
 * Selenium Manager never downloads anything: the driver and the binary are Debian's.
 */
public final class Browser {

  private static WebDriver driver;

  private Browser() {}

  public static synchronized WebDriver driver() {
    if (driver == null) {
      try {
        File profile = Files.createTempDirectory("cwbi-chromium").toFile();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/lib/chromium/chromium").exists()
            ? "/usr/lib/chromium/chromium" : "/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1400,900", "--user-data-dir=" + profile.getAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        WebDriver d = driver;
        Runtime.getRuntime().addShutdownHook(new Thread(d::quit));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return driver;
  }

  public static WebDriverWait waitFor(int seconds) {
    // pages re-render while we wait (the dashboard refreshes its table): an element gone stale is looked up again
    WebDriverWait wait = new WebDriverWait(driver(), Duration.ofSeconds(seconds));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }

  static final By SIGNIN_FORM = By.cssSelector("form[name=signinForm]");
  static final By USERNAME = By.cssSelector("form[name=signinForm] input[ng-model=username]");
  static final By PASSWORD = By.cssSelector("form[name=signinForm] input[ng-model=password]");
  static final By LOGIN_ERROR = By.cssSelector(".notifications .alert-danger, .page-notifications .alert-danger");

  /**
   * Logs out whoever is logged in (cookies), then logs in to a Camunda webapp ("tasklist", "cockpit", "admin").
   *
   * <p>Why it once timed out with the log-in form still on screen: the webapps answer every request that comes back
   * 401 by re-rendering the current view (commons-ui HttpClient broadcasts {@code authentication.changed(null)},
   * AuthenticationService then calls {@code $route.reload()}). A starting app's requests can come back 401 before
   * anyone is logged in; on a loaded machine one arrived after the user name was typed, the form was replaced by an
   * empty one, the password went into the new form, the browser's "required" check stopped the submit, and the
   * form stayed. So the typing now waits until the app is idle (AngularJS testability: no request or timeout
   * pending), each field is checked to have reached its {@code ng-model}, a form replaced under our hands is filled
   * again, and a refused log-in fails at once with the page's message. The cookies are dropped on a page that runs
   * no script, so no app is left half-started as the previous user.
   */
  public static void login(String baseUrl, String app, String user, String password) {
    WebDriver d = driver();
    d.get("about:blank");
    d.get(baseUrl + "/camunda/app/" + app + "/styles/user-styles.css");
    d.manage().deleteAllCookies();
    d.get(baseUrl + "/camunda/app/" + app + "/default/#/login");
    for (int attempt = 1; ; attempt++) {
      waitFor(60).until(ExpectedConditions.visibilityOfElementLocated(USERNAME));
      waitForAngular();
      try {
        typeChecked(USERNAME, user);
        typeChecked(PASSWORD, password);
        d.findElement(PASSWORD).sendKeys(Keys.ENTER);
        break;
      } catch (StaleElementReferenceException | TimeoutException e) {
        if (attempt == 3) {
          throw e; // the form keeps being replaced: something else is wrong
        }
      }
    }
    waitFor(60).until(x -> x.findElements(SIGNIN_FORM).isEmpty() || !x.findElements(LOGIN_ERROR).isEmpty());
    List<WebElement> errors = d.findElements(LOGIN_ERROR);
    if (!errors.isEmpty() && !d.findElements(SIGNIN_FORM).isEmpty()) {
      throw new IllegalStateException("log-in of " + user + " to " + app + " refused: " + errors.get(0).getText());
    }
    waitForAngular();
  }

  /** Types into an input of an AngularJS form and waits until its model holds the text (what a submit sends). */
  private static void typeChecked(By input, String text) {
    WebElement el = waitFor(30).until(ExpectedConditions.elementToBeClickable(input));
    el.clear();
    el.sendKeys(text);
    waitFor(10).until(x -> text.equals(((JavascriptExecutor) x).executeScript(
        "var c = window.angular && angular.element(arguments[0]).controller('ngModel');"
            + " return c ? c.$viewValue : arguments[0].value;", x.findElement(input))));
  }

  /** Waits until the AngularJS app of the page is idle: no pending requests or timeouts (its testability API). */
  public static void waitForAngular() {
    WebDriver d = driver();
    waitFor(60).until(x -> Boolean.TRUE.equals(((JavascriptExecutor) x).executeScript(
        "return !!(window.angular && angular.element(document.documentElement).injector());")));
    Object result = ((JavascriptExecutor) d).executeAsyncScript(
        "var done = arguments[arguments.length - 1];"
            + " try { angular.getTestability(document.documentElement).whenStable(function () { done(true); }); }"
            + " catch (e) { done(String(e)); }");
    if (!Boolean.TRUE.equals(result)) {
      throw new IllegalStateException("AngularJS app not ready: " + result);
    }
  }

  /** Scrolls an element to the middle of the window (Tasklist's footer covers the bottom), then clicks it. */
  public static void click(WebElement element) {
    ((JavascriptExecutor) driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  /**
   * Clicks what {@code by} finds, looked up afresh on each try: Tasklist re-renders its lists (after a completion,
   * on its refresh), so an element found a moment ago may have been replaced by an equal one.
   */
  public static void click(By by) {
    waitFor(30).ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class).ignoring(ElementClickInterceptedException.class)
        .until(d -> {
          WebElement element = d.findElement(by);
          if (!element.isDisplayed() || !element.isEnabled()) {
            return false;
          }
          click(element);
          return true;
        });
  }

  /** Saves a screenshot as target/screenshots/{name}.png. Tests never write tracked files. */
  public static Path screenshot(String name) {
    try {
      File shot = ((TakesScreenshot) driver()).getScreenshotAs(OutputType.FILE);
      Path target = Path.of("target", "screenshots", name + ".png");
      Files.createDirectories(target.getParent());
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A screenshot the README shows: under target/screenshots like any other, and copied to docs/{name}.png only when
   * the run asks for it ({@code -Ddocs.screenshots=true}, README "Refreshing the screenshots").
   */
  public static Path docsScreenshot(String name) {
    Path target = screenshot(name);
    if (Boolean.getBoolean("docs.screenshots")) {
      try {
        Files.copy(target, Path.of("docs", name + ".png"), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return target;
  }

  public static void loginTasklist(String baseUrl, String user, String password) {
    login(baseUrl, "tasklist", user, password);
  }
}
