package mil.usace.cwbi.migration.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.dashboard.Portfolio.Cell;
import mil.usace.cwbi.migration.dashboard.Portfolio.Status;
import mil.usace.cwbi.migration.verification.Readable;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The portfolio as an Excel workbook (Apache POI): sheet "Portfolio" in the layout of HEC's checklist-tracking
 * spreadsheet (one row per office, one column per roadmap item, each cell its status and date, coloured by status,
 * header and office column frozen, filters on), and sheet "Legend" (what each status means, when and by whom it was
 * exported). Every cell is a text cell: nothing is ever a formula, whatever a form's free text says.
 */
final class PortfolioWorkbook {

  static final String SHEET = "Portfolio";
  static final String LEGEND = "Legend";

  private static final Map<Status, IndexedColors> COLORS = new EnumMap<>(Map.of(
      Status.DONE, IndexedColors.LIGHT_GREEN,
      Status.OPEN, IndexedColors.LIGHT_YELLOW,
      Status.NOT_STARTED, IndexedColors.WHITE,
      Status.NOT_APPLICABLE, IndexedColors.GREY_25_PERCENT,
      Status.SKIPPED, IndexedColors.GREY_25_PERCENT));

  private PortfolioWorkbook() {}

  static byte[] write(Portfolio portfolio, String exportedBy) {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle header = book.createCellStyle();
      Font bold = book.createFont();
      bold.setBold(true);
      header.setFont(bold);
      header.setWrapText(true);
      header.setVerticalAlignment(VerticalAlignment.TOP);
      header.setFillForegroundColor(IndexedColors.PALE_BLUE.getIndex());
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      border(header);
      CellStyle plain = book.createCellStyle();
      border(plain);
      Map<Status, CellStyle> byStatus = new EnumMap<>(Status.class);
      COLORS.forEach((status, color) -> {
        CellStyle s = book.createCellStyle();
        s.setFillForegroundColor(color.getIndex());
        s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        border(s);
        byStatus.put(status, s);
      });
      CellStyle overdue = book.createCellStyle();
      overdue.cloneStyleFrom(byStatus.get(Status.OPEN));
      Font red = book.createFont();
      red.setColor(IndexedColors.RED.getIndex());
      red.setBold(true);
      overdue.setFont(red);

      Sheet sheet = book.createSheet(SHEET);
      List<String> heads = portfolio.header();
      Row top = sheet.createRow(0);
      top.setHeightInPoints(75);
      for (int c = 0; c < heads.size(); c++) {
        text(top, c, heads.get(c), header);
      }
      int r = 1;
      for (Portfolio.Office office : portfolio.offices()) {
        Row row = sheet.createRow(r++);
        text(row, 0, office.office(), plain);
        text(row, 1, office.migration(), plain);
        text(row, 2, office.currentStep(), plain);
        for (int i = 0; i < office.cells().size(); i++) {
          Cell cell = office.cells().get(i);
          text(row, Portfolio.LEADING.size() + i, cell.text(), cell.overdue() ? overdue : byStatus.get(cell.status()));
        }
      }
      sheet.setColumnWidth(0, 9 * 256);
      sheet.setColumnWidth(1, 34 * 256);
      sheet.setColumnWidth(2, 44 * 256);
      for (int c = Portfolio.LEADING.size(); c < heads.size(); c++) {
        sheet.setColumnWidth(c, 17 * 256);
      }
      sheet.createFreezePane(1, 1);
      sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, heads.size() - 1));

      Sheet legend = book.createSheet(LEGEND);
      int l = 0;
      text(legend.createRow(l++), 0, "CWBI migration portfolio: one row per office, one column per roadmap item",
          header);
      text(legend.createRow(l++), 0, "Exported " + Readable.time(portfolio.exported()) + " by " + exportedBy
          + "; dates are UTC days (YYYY-MM-DD)", plain);
      l++;
      Row legendHead = legend.createRow(l++);
      text(legendHead, 0, "Status", header);
      text(legendHead, 1, "Meaning", header);
      for (Status s : Status.values()) {
        Row row = legend.createRow(l++);
        text(row, 0, s.label(), byStatus.get(s));
        text(row, 1, s.meaning(), plain);
      }
      legend.setColumnWidth(0, 16 * 256);
      legend.setColumnWidth(1, 120 * 256);

      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the portfolio workbook", e);
    }
  }

  private static void text(Row row, int column, String value, CellStyle style) {
    org.apache.poi.ss.usermodel.Cell cell = row.createCell(column);
    cell.setCellValue(value == null ? "" : value);
    cell.setCellStyle(style);
  }

  private static void border(CellStyle s) {
    s.setBorderBottom(BorderStyle.THIN);
    s.setBorderTop(BorderStyle.THIN);
    s.setBorderLeft(BorderStyle.THIN);
    s.setBorderRight(BorderStyle.THIN);
  }
}
