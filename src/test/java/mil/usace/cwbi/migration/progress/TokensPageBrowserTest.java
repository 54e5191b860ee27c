package mil.usace.cwbi.migration.progress;

import static org.assertj.core.api.Assertions.assertThat;

import mil.usace.cwbi.migration.support.Browser;
import mil.usace.cwbi.migration.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * HEC's tokens page in headless Chromium, reached from the Cockpit dashboard's link with the Cockpit session: HEC
 * issues a token and sees it once (a reload shows the list without it), then revokes it, and the token is refused.
 * A name with markup is shown as text.
 */
class TokensPageBrowserTest extends IntegrationTest {

  @Test
  void hecIssuesSeesTheTokenOnceAndRevokesIt() throws Exception {
    WebDriver web = Browser.driver();
    Browser.login(baseUrl(), "cockpit", "hec-engineer", "demo");
    web.get(baseUrl() + "/camunda/app/cockpit/default/#/dashboard");
    WebElement link = Browser.waitFor(60).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".cwbi-dashboard .cwbi-tokens a")));
    assertThat(link.getText()).isEqualTo("API tokens for the district's tools");
    assertThat(link.getAttribute("href")).isEqualTo(baseUrl() + "/dashboard/tokens.html");

    web.get(link.getAttribute("href"));
    Browser.waitFor(30).until(ExpectedConditions.textMatches(By.id("status"), java.util.regex.Pattern.compile(
        "tokens|No tokens")));
    String name = "SWT <b>browser</b> host";
    web.findElement(By.id("office")).sendKeys("SWT");
    web.findElement(By.id("name")).sendKeys(name);
    web.findElement(By.cssSelector("#issue button[type=submit]")).click();
    WebElement secretBox = Browser.waitFor(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("secret")));
    String secret = secretBox.getAttribute("value");
    assertThat(secret).matches("cwbi_[A-Za-z0-9_-]{43}");
    assertThat(web.findElement(By.id("issued")).getText()).contains("shown this once");
    By row = By.xpath("//tr[contains(@class,'token')][td[@class='name' and text()='" + name + "']]");
    WebElement issued = Browser.waitFor(30).until(ExpectedConditions.visibilityOfElementLocated(row));
    assertThat(issued.findElements(By.tagName("b"))).as("the name is text, not markup").isEmpty();
    assertThat(issued.findElement(By.cssSelector("td.state")).getText()).isEqualTo("Active");
    Browser.screenshot("tokens-issued");

    // once: a reload lists the token, never its secret
    web.navigate().refresh();
    Browser.waitFor(30).until(ExpectedConditions.visibilityOfElementLocated(row));
    assertThat(web.getPageSource()).doesNotContain(secret).doesNotContain(secret.substring(5));
    assertThat(web.findElement(By.id("issued")).isDisplayed()).isFalse();

    TokenHttp http = new TokenHttp(baseUrl());
    String report = TokenHttp.report("SWT", "location-loaded", "KEYS", null, "browser-1");
    assertThat(http.report(secret, report).statusCode()).isNotEqualTo(401);

    web.findElement(row).findElement(By.cssSelector("button.revoke")).click();
    WebElement armed = web.findElement(row).findElement(By.cssSelector("button.revoke.armed"));
    assertThat(armed.getText()).contains("are you sure");
    assertThat(http.report(secret, report).statusCode()).as("asked, not yet revoked").isNotEqualTo(401);
    armed.click();
    Browser.waitFor(30).until(ExpectedConditions.textMatches(
        By.xpath("//tr[contains(@class,'token')][td[@class='name' and text()='" + name + "']]/td[contains(@class,'state')]"),
        java.util.regex.Pattern.compile("Revoked by hec-engineer.*")));
    assertThat(web.findElement(row).findElements(By.cssSelector("button.revoke"))).isEmpty();
    assertThat(http.report(secret, report).statusCode()).isEqualTo(401);
  }
}
