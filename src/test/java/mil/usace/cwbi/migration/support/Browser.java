package mil.usace.cwbi.migration.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.openqa.selenium.By;
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
        WebDriver d = driver;
        Runtime.getRuntime().addShutdownHook(new Thread(d::quit));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return driver;
  }

  public static WebDriverWait waitFor(int seconds) {
    return new WebDriverWait(driver(), Duration.ofSeconds(seconds));
  }

  /** Logs out whoever is logged in (cookies), then logs in to a Camunda webapp ("tasklist", "cockpit", "admin"). */
  public static void login(String baseUrl, String app, String user, String password) {
    WebDriver d = driver();
    d.get(baseUrl + "/camunda/app/" + app + "/default/");
    d.manage().deleteAllCookies();
    // a full page load: a hash change alone would keep the previous user logged in inside the running app
    d.get("about:blank");
    d.get(baseUrl + "/camunda/app/" + app + "/default/#/login");
    WebElement name = waitFor(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("form[name=signinForm] input[ng-model=username]")));
    name.sendKeys(user);
    d.findElement(By.cssSelector("form[name=signinForm] input[ng-model=password]")).sendKeys(password);
    d.findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
    waitFor(30).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form[name=signinForm]")));
  }

  public static void loginTasklist(String baseUrl, String user, String password) {
    login(baseUrl, "tasklist", user, password);
  }
}
