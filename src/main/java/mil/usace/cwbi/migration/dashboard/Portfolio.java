package mil.usace.cwbi.migration.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import mil.usace.cwbi.migration.dashboard.RoadmapItems.Item;

/**
 * HEC's checklist-tracking spreadsheet: one line per office, one cell per roadmap item (status and date). Written
 * as .xlsx by {@link PortfolioWorkbook} and as CSV by {@link PortfolioCsv}.
 *
 * @param exported when it was read (engine clock); dates are UTC days
 */
public record Portfolio(Instant exported, List<Item> items, List<Office> offices) {

  /** Fixed columns before the items. */
  public static final List<String> LEADING = List.of("Office", "Migration", "Current step");

  /** The header line in words: Office, Migration, Current step, "1.1 Convert custom scripts ...", ... "9 ...". */
  public List<String> header() {
    return java.util.stream.Stream.concat(LEADING.stream(), items.stream().map(Item::title)).toList();
  }

  /** @param migration "Not started", "Running", "Held at Phase 1 gate (CWBI-DEV check)", "Finished" */
  public record Office(String office, String migration, String currentStep, List<Cell> cells) {

    /** The line's texts in header order. */
    public List<String> texts() {
      return java.util.stream.Stream.concat(java.util.stream.Stream.of(office, migration, currentStep),
          cells.stream().map(Cell::text)).toList();
    }
  }

  /** @param date Done: completed; Open: since; Not applicable / Skipped: decided (null if unknown); else null */
  public record Cell(Status status, LocalDate date, boolean overdue) {

    static final Cell NOT_STARTED = new Cell(Status.NOT_STARTED, null, false);

    /** "Done 2026-03-14", "Open 2026-03-01 (overdue)", "Not started". */
    public String text() {
      return status.label() + (date == null ? "" : " " + date) + (overdue ? " (overdue)" : "");
    }
  }

  public enum Status {
    DONE("Done", "completed; the date it was completed (the last time, for an item done more than once)"),
    OPEN("Open", "a task of the item is waiting; the date it opened, \"(overdue)\" past its due date"),
    NOT_STARTED("Not started", "the office has not reached the item yet"),
    NOT_APPLICABLE("Not applicable", "does not apply to this office: HEC marked it so, with a reason (audit trail), "
        + "or the office uses no USGS data; the date it was decided"),
    SKIPPED("Skipped", "the office passed it by: the District's answers left nothing to do (no custom schema "
        + "functions in Task 2.4, no LDM products in Task 2.3), Step 5 needed no fixing, or the roadmap version the "
        + "office runs does not have the item; the date when known");

    private final String label;
    private final String meaning;

    Status(String label, String meaning) {
      this.label = label;
      this.meaning = meaning;
    }

    public String label() {
      return label;
    }

    public String meaning() {
      return meaning;
    }
  }
}
