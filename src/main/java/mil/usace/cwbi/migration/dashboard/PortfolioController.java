package mil.usace.cwbi.migration.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The portfolio for HEC leadership, in the layout of HEC's checklist-tracking spreadsheet: {@code .xlsx} and CSV.
 * HEC and administrators only ({@link DashboardAccess}: 401 without a log-in, 403 for anyone else).
 */
@RestController
@RequestMapping("/api/dashboard")
public class PortfolioController {

  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final DashboardAccess access;
  private final PortfolioQueries portfolio;

  public PortfolioController(DashboardAccess access, PortfolioQueries portfolio) {
    this.access = access;
    this.portfolio = portfolio;
  }

  @GetMapping("/portfolio.xlsx")
  public ResponseEntity<byte[]> xlsx(HttpServletRequest request) {
    String user = access.require(request);
    Portfolio p = portfolio.portfolio();
    return attachment(PortfolioWorkbook.write(p, user), XLSX, name(p, "xlsx"));
  }

  @GetMapping("/portfolio.csv")
  public ResponseEntity<byte[]> csv(HttpServletRequest request) {
    access.require(request);
    Portfolio p = portfolio.portfolio();
    return attachment(PortfolioCsv.write(p).getBytes(StandardCharsets.UTF_8),
        new MediaType("text", "csv", StandardCharsets.UTF_8), name(p, "csv"));
  }

  private static String name(Portfolio p, String extension) {
    return "cwbi-migration-portfolio-" + p.exported().atZone(ZoneOffset.UTC).toLocalDate() + "." + extension;
  }

  private static ResponseEntity<byte[]> attachment(byte[] body, MediaType type, String filename) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
        .body(body);
  }
}
