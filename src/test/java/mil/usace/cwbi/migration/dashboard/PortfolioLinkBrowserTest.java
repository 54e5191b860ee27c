package mil.usace.cwbi.migration.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import mil.usace.cwbi.migration.support.Browser;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The portfolio link on HEC's Cockpit dashboard, in headless Chromium: it is there, and what it points to downloads
 * with the Cockpit session alone as a workbook POI opens, with the office HEC just saw.
 */
class PortfolioLinkBrowserTest extends IntegrationTest {

  @Autowired MigrationDriver driver;
  @Autowired RuntimeService runtime;
  ProcessInstance pi;

  @AfterEach
  void tearDown() {
    if (pi != null && runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count() > 0) {
      runtime.deleteProcessInstance(pi.getId(), "test cleanup");
    }
  }

  @Test
  void hecDownloadsThePortfolioFromTheDashboard() throws Exception {
    pi = driver.start("MVS", true);
    WebDriver web = Browser.driver();
    Browser.login(baseUrl(), "cockpit", "hec-engineer", "demo");
    web.get(baseUrl() + "/camunda/app/cockpit/default/#/dashboard");
    Browser.waitFor(60).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".cwbi-dashboard tr.cwbi-row[data-office='MVS']")));
    List<WebElement> links = web.findElements(By.cssSelector(".cwbi-dashboard .cwbi-portfolio a"));
    assertThat(links).extracting(a -> a.getText()).containsExactly("spreadsheet (.xlsx)", "CSV");
    assertThat(links.get(0).getAttribute("href")).isEqualTo(baseUrl() + "/api/dashboard/portfolio.xlsx");
    assertThat(links.get(1).getAttribute("href")).isEqualTo(baseUrl() + "/api/dashboard/portfolio.csv");

    // what the link downloads, fetched by the page with its session cookie only
    @SuppressWarnings("unchecked")
    List<Object> answer = (List<Object>) ((JavascriptExecutor) web).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0], {credentials: 'same-origin'}).then(async r => {"
            + "  const bytes = new Uint8Array(await r.arrayBuffer()); let s = '';"
            + "  for (const b of bytes) { s += String.fromCharCode(b); }"
            + "  done([r.status, r.headers.get('content-type'), btoa(s)]);"
            + "}).catch(e => done([0, String(e), '']));", links.get(0).getAttribute("href"));
    assertThat(((Number) answer.get(0)).intValue()).isEqualTo(200);
    assertThat(answer.get(1).toString()).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(Base64.getDecoder()
        .decode(answer.get(2).toString())))) {
      List<List<String>> rows = PortfolioExportTest.read(book.getSheet("Portfolio"));
      List<String> mvs = rows.stream().filter(r -> r.get(0).equals("MVS")).findFirst().orElseThrow();
      assertThat(mvs.subList(0, 3)).containsExactly("MVS", "Running", "Step 1: Convert/test all data processes on T7");
      assertThat(mvs.get(3)).startsWith("Open ");
    }
  }
}
