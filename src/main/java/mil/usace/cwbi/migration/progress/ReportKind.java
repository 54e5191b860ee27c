package mil.usace.cwbi.migration.progress;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The facts a district's tools may report, each about one item of a roadmap task: the scripts of Task 1.1 and 2.2,
 * the database objects of Task 2.1, the LDM products of Task 2.3 (the roadmap's words; the forms of Task 1.1 and
 * Step 2). The id is what a tool sends; the words are what people read in Tasklist and the audit trail.
 */
public enum ReportKind {
  SCRIPT_CONVERTED("script-converted", "1.1", "Script %s converted to cwms-python/CDA/OpenDCS"),
  SCRIPT_RUNNING_IN_CWBI_DEV("script-running-in-cwbi-dev", "2.2",
      "Script %s running in the CWBI-DEV batch process"),
  SERIES_LOADED("series-loaded", "2.1", "Time series %s loaded into CWBI-DEV"),
  LOCATION_LOADED("location-loaded", "2.1", "Location %s loaded into CWBI-DEV"),
  LDM_PRODUCT_RECEIVED("ldm-product-received", "2.3", "LDM product %s received in CWBI-DEV"),
  LDM_PRODUCT_SENT("ldm-product-sent", "2.3", "LDM product %s sent from CWBI-DEV");

  private final String id;
  private final String roadmapItem;
  private final String words;

  ReportKind(String id, String roadmapItem, String words) {
    this.id = id;
    this.roadmapItem = roadmapItem;
    this.words = words;
  }

  public String id() {
    return id;
  }

  /** The roadmap item (task) the fact is evidence for: "1.1", "2.1", "2.2", "2.3". */
  public String roadmapItem() {
    return roadmapItem;
  }

  /** The fact in words, e.g. "Script rating_update.py converted to cwms-python/CDA/OpenDCS". */
  public String inWords(String item) {
    return String.format(words, item);
  }

  /** The variable holding the reports shown in that task's form ({@code toolReports_2_1}). */
  public String evidenceVariable() {
    return evidenceVariable(roadmapItem);
  }

  public static String evidenceVariable(String roadmapItem) {
    return "toolReports_" + roadmapItem.replace('.', '_');
  }

  public static Optional<ReportKind> of(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
  }

  /** The kinds a tool may send, for messages: "script-converted, ...". */
  public static String ids() {
    return Arrays.stream(values()).map(ReportKind::id).collect(Collectors.joining(", "));
  }
}
