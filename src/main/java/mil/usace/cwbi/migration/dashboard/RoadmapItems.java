package mil.usace.cwbi.migration.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mil.usace.cwbi.migration.roadmap.Roadmap;
import mil.usace.cwbi.migration.roadmap.RoadmapFacts;
import org.springframework.stereotype.Component;

/**
 * The roadmap's items, steps and gates as the portfolio export and HEC's weekly digest read them. Steps, phases,
 * fix tasks, gates and which item a task does come from the model ({@link Roadmap}: the extension properties
 * {@code step}, {@code role}, {@code gate}, {@code roadmapItem}); the table below holds only what the model does not
 * carry: the checklist's column titles, in roadmap order, and which items are USGS-only. The ids beside each item
 * answer for offices still on a version without {@code roadmapItem}.
 */
@Component
public class RoadmapItems {

  private final Roadmap roadmap;

  public RoadmapItems(Roadmap roadmap) {
    this.roadmap = roadmap;
  }

  /** One column of HEC's checklist spreadsheet: a task of the roadmap, by its number ("1.1" ... "9"). */
  public record Item(String number, String name, int step) {

    /** "1.1 Convert custom scripts ...". */
    public String title() {
      return number + " " + name;
    }
  }

  /** The roadmap's tasks in roadmap order, with the ids of the user tasks that do each. */
  private static final Map<Item, List<String>> ITEMS = new LinkedHashMap<>();

  static {
    add("1.1", "Convert custom scripts to cwms-python/CDA/OpenDCS", 1, "task_1_1_convert_scripts");
    add("1.2", "Use the new getUSGS scripts in cwms-cli on T7", 1, "task_1_2_usgs_scripts");
    add("1.3", "Run the critimport function on T7", 1, "task_1_3_critimport");
    add("1.4", "Test the python shef-parser package on T7", 1, "task_1_4_shef_parser");
    add("1.5", "Export shef-parser configuration", 1, "task_1_5_export_shef_config");
    add("1.6", "Set up OpenDCS schema and import OpenDCS data into CWBI-DEV", 1, "task_1_6_opendcs_dev");
    add("2.1", "Load database objects into CWBI-DEV using cwms-cli", 2, "task_2_1_load_db_objects");
    add("2.2", "Run all custom scripts in the CWBI-DEV batch process", 2, "task_2_2_batch_scripts_dev");
    add("2.3", "List all LDM data products", 2, "task_2_3_ldm_products");
    add("2.4", "Identify custom database schema functions/processes", 2, "task_2_4_custom_schema");
    add("3.1", "Test modeling operations in CAVI/CWMS-Vue", 3, "task_3_1_modeling_ops");
    add("4.1", "Migrate custom schema functions into the CWMS Database Schema", 4, "task_4_schema_functions");
    add("4.2", "Add all LDM data products to CWBI-TEST", 4, "task_4_ldm_products");
    add("4.3", "Configure the office for USGS data processes in CWBI-TEST", 4, "task_4_usgs_config");
    add("4.4", "Migrate CWMS-Batch scripts to the CWBI-TEST branch", 4, "task_4_batch_scripts");
    add("4.5", "Import OpenDCS configurations into CWBI-TEST", 4, "task_4_opendcs_import");
    add("5.1", "Confirm all data processes are running successfully", 5, "task_5_confirm_data_processes");
    add("5.2", "Run HEC-RTS forecasts using processes set up in CWBI-TEST", 5, "task_5_rts_forecasts");
    add("6", "Fix any issues found during Step 5", 6, "task_6_fix_issues", "task_6_district_review");
    add("7.1", "Add all LDM data products to CWBI-PROD", 7, "task_7_ldm_products");
    add("7.2", "Configure the office for USGS data processes in CWBI-PROD", 7, "task_7_usgs_config");
    add("7.3", "Migrate CWMS-Batch scripts to the CWBI-PROD branch", 7, "task_7_batch_scripts");
    add("7.4", "Import OpenDCS configurations into CWBI-PROD", 7, "task_7_opendcs_import");
    add("8.1", "Turn off Goldengate from T7 to CWBI-TEST", 8, "task_8_goldengate_off");
    add("8.2", "Import the past 2 years of time series into CWBI-PROD", 8, "task_8_import_two_years");
    add("8.3", "Migrate all historical data into CWBI-PROD", 8, "task_8_migrate_history");
    add("9", "Decommission T7 server", 9, "task_9_decommission_t7");
  }

  /** Items only an office that uses USGS data has (the start form's answer); the model's USGS branches. */
  private static final Set<String> USGS_ONLY = Set.of("1.2", "4.3", "7.2");

  private static final Map<String, Item> BY_TASK = new LinkedHashMap<>();
  private static final Map<String, Item> BY_NUMBER = new LinkedHashMap<>();

  static {
    ITEMS.forEach((item, tasks) -> tasks.forEach(t -> BY_TASK.put(t, item)));
    ITEMS.keySet().forEach(item -> BY_NUMBER.put(item.number(), item));
  }

  private static void add(String number, String name, int step, String... taskKeys) {
    ITEMS.put(new Item(number, name, step), List.of(taskKeys));
  }

  /** Every item, in roadmap order (1.1 ... 9). */
  public List<Item> items() {
    return List.copyOf(ITEMS.keySet());
  }

  /** Every activity id {@link #itemOf} gives an item for (the tasks that fill the portfolio's columns). */
  public java.util.Set<String> itemTaskKeys() {
    java.util.Set<String> keys = new java.util.TreeSet<>(BY_TASK.keySet());
    facts().activityIds().stream().filter(id -> itemOf(id) != null).forEach(keys::add);
    return keys;
  }

  /** The item a user task does, or null (fix tasks of a check, the District's answers beside HEC's work). */
  public Item itemOf(String taskKey) {
    if (taskKey == null) {
      return null;
    }
    String number = facts().roadmapItem(taskKey);
    if (number != null) {
      // "4", "5": the District's answers beside HEC's work in a step, and fix tasks: not a column of their own
      return BY_NUMBER.get(number);
    }
    return BY_TASK.get(taskKey);
  }

  /** Only for an office that uses USGS data. */
  public boolean usgsOnly(Item item) {
    return USGS_ONLY.contains(item.number());
  }

  public int stepCount() {
    return facts().stepCount();
  }

  /** The step an activity belongs to, or null. */
  public Integer stepOf(String activityId) {
    return facts().step(activityId);
  }

  /** "Step 4: Migrate all processes to CWBI-TEST". */
  public String stepTitle(int step) {
    return "Step " + step + ": " + facts().stepName(step);
  }

  public String phaseName(int phase) {
    return facts().phaseName(phase);
  }

  public int phaseOf(int step) {
    Integer phase = facts().phaseOfStep(step);
    return phase == null ? 0 : phase;
  }

  /** The task a pass-by event of that version skips (its {@code skips} property); null for any other. */
  public String skippedTask(String processDefinitionId, String activityId) {
    return roadmap.of(processDefinitionId).skippedTask(activityId);
  }

  /** A failed check's fix task (its open presence holds the office at a gate). */
  public boolean isFixTask(String taskKey) {
    return facts().isFixTask(taskKey);
  }

  /** The gate a fix task holds the office at, in words ("Phase 1 gate (CWBI-DEV check)"). */
  public String gateOf(String fixTaskKey) {
    String gate = facts().gate(fixTaskKey);
    return gate == null ? fixTaskKey : gate;
  }

  private RoadmapFacts facts() {
    return roadmap.latest();
  }
}
