package mil.usace.cwbi.migration.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.process.forms.JsonValues;
import mil.usace.cwbi.migration.support.IntegrationTest;
import mil.usace.cwbi.migration.support.MigrationDriver;
import mil.usace.cwbi.migration.support.ScriptedGateVerifier;
import mil.usace.cwbi.migration.verification.Environment;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The portfolio export as HEC downloads it: the .xlsx opened with POI's own reader, the CSV parsed back, offices at
 * known points of the roadmap (fresh, held at the Phase 1 gate, finished with skipped and not-applicable items) on a
 * moved clock, and who may download it.
 */
class PortfolioExportTest extends IntegrationTest {

  static final long DAY = 24L * 3600 * 1000;
  static final List<String> ITEMS = List.of("1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1", "2.2", "2.3", "2.4",
      "3.1", "4.1", "4.2", "4.3", "4.4", "4.5", "5.1", "5.2", "6", "7.1", "7.2", "7.3", "7.4", "8.1", "8.2", "8.3",
      "9");

  @Autowired MigrationDriver driver;
  @Autowired ScriptedGateVerifier verifier;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired org.camunda.bpm.engine.HistoryService history;

  final HttpClient http = HttpClient.newHttpClient();
  final List<String> started = new ArrayList<>();
  Instant t0;

  @BeforeEach
  void setUp() {
    verifier.passAll();
    t0 = Instant.now();
    ClockUtil.setCurrentTime(Date.from(t0));
  }

  @AfterEach
  void tearDown() {
    verifier.reset();
    ClockUtil.reset();
    for (String id : started) {
      if (runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
        runtime.deleteProcessInstance(id, "test cleanup");
      } else {
        // a finished migration would stay its office's current one, on a clock other tests do not share
        history.deleteHistoricProcessInstanceIfExists(id);
      }
    }
  }

  @Test
  void hecDownloadsEveryOfficeByRoadmapItemAsXlsxAndCsv() throws Exception {
    ProcessInstance fresh = start("NAB", true);

    ProcessInstance held = start("SAJ", false);
    at(2);
    completeSteps(held, 1);
    verifier.fail(Environment.CWBI_DEV);
    at(5);
    completeSteps(held, 2, 3);
    verifier.pass(Environment.CWBI_DEV);

    ProcessInstance done = start("SPK", false);
    at(6);
    completeSteps(done, 1);
    at(7);
    driver.complete(done.getId(), "task_2_3_ldm_products",
        Map.of("noLdmProducts", true, "ldmProducts", JsonValues.json(List.of())));
    driver.complete(done.getId(), "task_2_4_custom_schema",
        Map.of("noCustomSchema", true, "customSchemaFunctions", JsonValues.json(List.of())));
    completeSteps(done, 2, 3);
    at(8);
    driver.complete(done.getId(), "task_4_opendcs_import", Map.of("opendcsImportedTest", false,
        "opendcsImportedTestNotApplicable", true,
        "opendcsImportedTestNotApplicableReason", "SPK runs no OpenDCS"));
    completeSteps(done, 4, 5);
    at(25);
    runDueTimers(done.getId());
    completeSteps(done, 7, 8);
    at(26);
    completeSteps(done, 9);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(done.getId()).count()).isZero();

    at(30);
    HttpResponse<byte[]> xlsx = send("/api/dashboard/portfolio.xlsx", basic("hec-engineer"));
    assertThat(xlsx.statusCode()).isEqualTo(200);
    assertThat(xlsx.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(xlsx.headers().firstValue("Content-Disposition").orElse(""))
        .contains("attachment").contains("cwbi-migration-portfolio-" + day(30) + ".xlsx");

    List<List<String>> sheet;
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      assertThat(book.getSheetName(0)).isEqualTo("Portfolio");
      assertThat(book.getSheet("Legend")).isNotNull();
      Sheet s = book.getSheet("Portfolio");
      sheet = read(s);
      for (Row row : s) {
        row.forEach(c -> assertThat(c.getCellType()).as("text only, never a formula").isEqualTo(CellType.STRING));
      }
      assertThat(s.getPaneInformation().isFreezePane()).isTrue();
      assertThat(read(book.getSheet("Legend")).toString()).contains("Not applicable").contains("Skipped")
          .contains("by hec-engineer");
    }

    List<String> header = sheet.get(0);
    assertThat(header.subList(0, 3)).containsExactly("Office", "Migration", "Current step");
    assertThat(header.subList(3, header.size()).stream().map(h -> h.substring(0, h.indexOf(' '))).toList())
        .as("one column per roadmap item, in roadmap order").isEqualTo(ITEMS);
    assertThat(header.get(3)).isEqualTo("1.1 Convert custom scripts to cwms-python/CDA/OpenDCS");
    assertThat(header.get(7)).isEqualTo("1.5 Export shef-parser configuration");
    assertThat(header.get(header.size() - 1)).isEqualTo("9 Decommission T7 server");
    List<String> offices = sheet.stream().skip(1).map(r -> r.get(0)).toList();
    assertThat(offices).as("every office, one row each, by office id").contains("NAB", "SAJ", "SPK", "SWT", "LRL")
        .isSorted().doesNotHaveDuplicates();

    Map<String, String> nab = cells(sheet, "NAB");
    assertThat(nab.get("Migration")).isEqualTo("Running");
    assertThat(nab.get("Current step")).isEqualTo("Step 1: Convert/test all data processes on T7");
    assertThat(nab.get("1.1")).isEqualTo("Open " + day(0));
    assertThat(nab.get("1.2")).isEqualTo("Open " + day(0));
    assertThat(nab.get("1.3")).isEqualTo("Open " + day(0));
    assertThat(nab.get("2.1")).isEqualTo("Not started");
    assertThat(nab.get("9")).isEqualTo("Not started");

    Map<String, String> saj = cells(sheet, "SAJ");
    assertThat(saj.get("Migration")).isEqualTo("Held at Phase 1 gate (CWBI-DEV check)");
    assertThat(saj.get("Current step")).isEqualTo("Step 3: Test modeling operations (CAVI/CWMS-Vue)");
    assertThat(saj.get("1.1")).isEqualTo("Done " + day(2));
    assertThat(saj.get("1.2")).as("no USGS data").isEqualTo("Not applicable " + day(0));
    assertThat(saj.get("2.1")).isEqualTo("Done " + day(5));
    assertThat(saj.get("3.1")).isEqualTo("Done " + day(5));
    assertThat(saj.get("4.1")).isEqualTo("Not started");
    assertThat(saj.get("6")).isEqualTo("Not started");

    Map<String, String> spk = cells(sheet, "SPK");
    assertThat(spk.get("Migration")).isEqualTo("Finished " + day(26));
    assertThat(spk.get("Current step")).isEqualTo("All 9 steps done");
    assertThat(spk.get("1.1")).isEqualTo("Done " + day(6));
    assertThat(spk.get("2.3")).isEqualTo("Done " + day(7));
    assertThat(spk.get("4.1")).as("no custom schema functions in 2.4").isEqualTo("Skipped " + day(7));
    assertThat(spk.get("4.2")).as("no LDM products in 2.3").isEqualTo("Skipped " + day(7));
    assertThat(spk.get("4.3")).as("no USGS data; started on day 5").isEqualTo("Not applicable " + day(5));
    assertThat(spk.get("4.5")).as("HEC: not applicable").isEqualTo("Not applicable " + day(8));
    assertThat(spk.get("4.4")).isEqualTo("Done " + day(8));
    assertThat(spk.get("6")).as("Step 5 passed: no Step 6").isEqualTo("Skipped");
    assertThat(spk.get("7.1")).isEqualTo("Skipped " + day(25));
    assertThat(spk.get("8.3")).isEqualTo("Done " + day(25));
    assertThat(spk.get("9")).isEqualTo("Done " + day(26));

    // two months after the start NAB's Step 1 tasks are past their due date (P60D)
    at(61);
    HttpResponse<byte[]> csv = send("/api/dashboard/portfolio.csv", basic("admin"));
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    List<List<String>> lines = parseCsv(new String(csv.body(), StandardCharsets.UTF_8));
    assertThat(lines.get(0)).isEqualTo(header);
    assertThat(cells(lines, "NAB").get("1.1")).isEqualTo("Open " + day(0) + " (overdue)");
    assertThat(lines.stream().filter(l -> !l.get(0).equals("NAB")).toList())
        .as("the CSV's lines are the workbook's").isEqualTo(sheet.stream().filter(l -> !l.get(0).equals("NAB")).toList());
    assertThat(lines).allSatisfy(l -> assertThat(l).hasSize(header.size()));
  }

  @Test
  void onlyHecAndAdministratorsMayDownloadIt() throws Exception {
    for (String path : List.of("/api/dashboard/portfolio.xlsx", "/api/dashboard/portfolio.csv")) {
      HttpResponse<byte[]> district = send(path, basic("swt-water"));
      assertThat(district.statusCode()).as(path).isEqualTo(403);
      assertThat(new String(district.body(), StandardCharsets.UTF_8)).contains("hec or camunda-admin")
          .doesNotContain("SWT,");
      HttpResponse<byte[]> anonymous = send(path, null);
      assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
      // an unknown user (a wrong password of a real one would throttle that user's log-ins for the next tests)
      assertThat(send(path, basic("nobody-at-all")).statusCode()).as(path).isEqualTo(401);
      assertThat(send(path, basic("admin")).statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void aCellASpreadsheetWouldRunAsAFormulaIsText() {
    Portfolio p = new Portfolio(t0, List.of(new RoadmapItems.Item("1.1", "=HYPERLINK(\"http://x\")", 1)),
        List.of(new Portfolio.Office("+SUM(A1)", "-1", "@cmd", List.of(Portfolio.Cell.NOT_STARTED))));
    List<List<String>> lines = parseCsv(PortfolioCsv.write(p));
    assertThat(lines.get(0)).containsExactly("Office", "Migration", "Current step", "1.1 =HYPERLINK(\"http://x\")");
    assertThat(lines.get(1)).containsExactly("'+SUM(A1)", "'-1", "'@cmd", "Not started");
  }

  // --- driving the offices

  ProcessInstance start(String office, boolean usgs) {
    ProcessInstance pi = driver.start(office, usgs);
    started.add(pi.getId());
    return pi;
  }

  void completeSteps(ProcessInstance pi, int... steps) {
    driver.completeSteps(pi.getId(), steps);
  }

  void runDueTimers(String pi) {
    for (Job job : management.createJobQuery().processInstanceId(pi).timers().executable().list()) {
      management.executeJob(job.getId());
    }
    driver.runJobs(pi);
  }

  void at(long days) {
    ClockUtil.setCurrentTime(new Date(t0.toEpochMilli() + days * DAY));
  }

  String day(long days) {
    return LocalDate.ofInstant(t0.plusMillis(days * DAY), ZoneOffset.UTC).toString();
  }

  // --- reading what was downloaded

  static String basic(String user) {
    return DashboardEndpointTest.basic(user, "demo");
  }

  HttpResponse<byte[]> send(String path, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static List<List<String>> read(Sheet sheet) {
    DataFormatter text = new DataFormatter();
    List<List<String>> rows = new ArrayList<>();
    for (Row row : sheet) {
      List<String> cells = new ArrayList<>();
      for (int c = 0; c < row.getLastCellNum(); c++) {
        cells.add(row.getCell(c) == null ? "" : text.formatCellValue(row.getCell(c)));
      }
      rows.add(cells);
    }
    return rows;
  }

  /** The office's line by column: "Migration", "Current step", and the item numbers. */
  static Map<String, String> cells(List<List<String>> lines, String office) {
    List<String> header = lines.get(0);
    List<String> line = lines.stream().filter(l -> l.get(0).equals(office)).findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + office));
    Map<String, String> byColumn = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      byColumn.put(i < 3 ? h : h.substring(0, h.indexOf(' ')), line.get(i));
    }
    return byColumn;
  }

  /** RFC 4180: quoted cells with doubled quotes, CRLF line ends. */
  static List<List<String>> parseCsv(String csv) {
    List<List<String>> lines = new ArrayList<>();
    List<String> line = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        line.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
        line.add(cell.toString());
        cell.setLength(0);
        lines.add(line);
        line = new ArrayList<>();
        i++;
      } else {
        cell.append(c);
      }
    }
    assertThat(cell.length()).as("the CSV ends with CRLF").isZero();
    return lines;
  }
}
