package mil.usace.cwbi.migration.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Component;

/**
 * The lines of an office's audit trail that no form wrote: a variable changed or removed by a person outside a
 * form (REST variable endpoints, Cockpit), and an administrator's override (instance modified, migrated, restarted,
 * or started past its start event). Who and when come from Camunda's user operation log; the values from the
 * variable history of the same operation.
 */
@Component
public class OutsideFormChanges {

  static final String VARIABLE_CHANGED = "VARIABLE_CHANGED";
  static final String ADMIN_OVERRIDE = "ADMIN_OVERRIDE";

  private static final Set<String> VARIABLE_OPERATIONS = Set.of(UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE,
      UserOperationLogEntry.OPERATION_TYPE_MODIFY_VARIABLE, UserOperationLogEntry.OPERATION_TYPE_REMOVE_VARIABLE,
      UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLES);
  private static final Set<String> OVERRIDES = Set.of(UserOperationLogEntry.OPERATION_TYPE_MODIFY_PROCESS_INSTANCE,
      UserOperationLogEntry.OPERATION_TYPE_MIGRATE, UserOperationLogEntry.OPERATION_TYPE_RESTART_PROCESS_INSTANCE);

  private final HistoryService history;

  public OutsideFormChanges(HistoryService history) {
    this.history = history;
  }

  public List<AuditEntry> of(String office, String processInstanceId) {
    return of(office, processInstanceId, processInstanceId);
  }

  /**
   * The changes made outside forms in {@code processInstanceId}, shown as the migration {@code migrationInstanceId}'s
   * (a check the migration called: e.g. a fix task's notes corrected by HEC).
   */
  public List<AuditEntry> of(String office, String processInstanceId, String migrationInstanceId) {
    Map<String, AuditEntry> byOperation = new LinkedHashMap<>();
    for (UserOperationLogEntry log : history.createUserOperationLogQuery().processInstanceId(processInstanceId)
        .list()) {
      String op = log.getOperationType();
      boolean annotatedStart = UserOperationLogEntry.OPERATION_TYPE_CREATE.equals(op) && log.getAnnotation() != null;
      if (log.getUserId() == null || byOperation.containsKey(log.getOperationId())
          || !(VARIABLE_OPERATIONS.contains(op) || OVERRIDES.contains(op) || annotatedStart)) {
        continue;
      }
      boolean variable = VARIABLE_OPERATIONS.contains(op);
      Map<String, Object> evidence = new LinkedHashMap<>();
      if (variable) {
        for (HistoricDetail d : history.createHistoricDetailQuery().processInstanceId(processInstanceId)
            .userOperationId(log.getOperationId()).variableUpdates().disableBinaryFetching().list()) {
          HistoricVariableUpdate u = (HistoricVariableUpdate) d;
          evidence.put(u.getVariableName(), u.getValue() == null ? null : String.valueOf(u.getValue()));
        }
      }
      if (log.getAnnotation() != null) {
        evidence.put("annotation", log.getAnnotation());
      }
      String name = variable
          ? (UserOperationLogEntry.OPERATION_TYPE_REMOVE_VARIABLE.equals(op) ? "Variable removed outside a form"
              : "Variable changed outside a form")
          : "Administrator override: " + switch (op) {
            case UserOperationLogEntry.OPERATION_TYPE_MODIFY_PROCESS_INSTANCE -> "activities started or cancelled";
            case UserOperationLogEntry.OPERATION_TYPE_MIGRATE -> "migrated to another process version";
            case UserOperationLogEntry.OPERATION_TYPE_RESTART_PROCESS_INSTANCE -> "restarted";
            default -> "started past the start event's rules";
          };
      byOperation.put(log.getOperationId(), new AuditEntry(DashboardQueries.instant(log.getTimestamp()), office,
          migrationInstanceId, variable ? VARIABLE_CHANGED : ADMIN_OVERRIDE, null, null, name, log.getUserId(), null,
          evidence, List.of()));
    }
    return new ArrayList<>(byOperation.values());
  }
}
