package mil.usace.cwbi.migration.process;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Names of the process variables that the design contract (shared/design/process.md) fixes. */
public final class MigrationVariables {

  public static final String PROCESS_KEY = "cwbi-migration";
  /**
   * The check the migration calls ({@code bpmn/verify-environment.bpmn}, from its {@code check_*} call activities):
   * its instances carry the office as business key and belong to the migration that called them.
   */
  public static final String CHECK_PROCESS_KEY = "verify-environment";
  /** Every process an office's migration runs in: the migration and the checks it calls. */
  public static final String[] PROCESS_KEYS = {PROCESS_KEY, CHECK_PROCESS_KEY};
  /** The start event's Camunda Form ({@code forms/cwbi-migration-start.form}). */
  public static final String START_FORM = "cwbi-migration-start";

  public static final String OFFICE = "office";
  public static final String T7_CDA_URL = "t7CdaUrl";
  public static final String USES_USGS_DATA = "usesUsgsData";
  public static final String CRITICAL_TIME_SERIES = "criticalTimeSeries";
  public static final String TS_GROUP = "tsGroup";
  public static final String DISTRICT_GROUP = "districtGroup";
  public static final String TEST_PERIOD = "testPeriod";
  public static final String TEST_PERIOD_END = "testPeriodEnd";
  public static final String SCRIPT_INVENTORY = "scriptInventory";

  private MigrationVariables() {}

  /** Whether a process definition key is one of an office's migration ({@link #PROCESS_KEYS}). */
  public static boolean isMigrationKey(String processDefinitionKey) {
    return PROCESS_KEY.equals(processDefinitionKey) || CHECK_PROCESS_KEY.equals(processDefinitionKey);
  }

  public static String districtGroup(String office) {
    return Office.groupOf(office);
  }

  /** The critical time series ids as a list: one per line (blank lines and surrounding blanks ignored). */
  public static List<String> criticalTimeSeries(VariableScope scope) {
    Object raw = scope.getVariable(CRITICAL_TIME_SERIES);
    if (raw == null) {
      return List.of();
    }
    return Arrays.stream(raw.toString().split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  public static String string(VariableScope scope, String name) {
    Object v = scope.getVariable(name);
    return v == null || v.toString().isBlank() ? null : v.toString().strip();
  }

  public static boolean flag(VariableScope scope, String name) {
    Object v = scope.getVariable(name);
    return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
  }
}
