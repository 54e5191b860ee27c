package mil.usace.cwbi.migration.dashboard;

import java.util.stream.Collectors;

/**
 * The portfolio as CSV (RFC 4180), the same lines as the workbook's "Portfolio" sheet. A cell that a spreadsheet
 * would run as a formula (first character = + - @) is prefixed with an apostrophe ({@link AuditCsv#cell}).
 */
final class PortfolioCsv {

  private PortfolioCsv() {}

  static String write(Portfolio portfolio) {
    StringBuilder out = new StringBuilder(line(portfolio.header()));
    for (Portfolio.Office office : portfolio.offices()) {
      out.append(line(office.texts()));
    }
    return out.toString();
  }

  private static String line(java.util.List<String> cells) {
    return cells.stream().map(AuditCsv::cell).collect(Collectors.joining(",")) + "\r\n";
  }
}
