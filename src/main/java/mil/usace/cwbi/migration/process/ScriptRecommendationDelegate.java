package mil.usace.cwbi.migration.process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mil.usace.cwbi.migration.process.forms.JsonValues;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Task 1.1's script decision: evaluates the DMN table {@code script-decision} for every script of the inventory the
 * district keeps in Task 1.1, stores the recommended target and the rule's reason with each script, and tells the
 * gateway whether every script is converted or retired ({@code scriptsAllDone}).
 */
@Component("scriptRecommendationDelegate")
public class ScriptRecommendationDelegate implements JavaDelegate {

  public static final String DECISION_KEY = "script-decision";
  public static final Set<String> DONE = Set.of("converted", "retired");

  private final DecisionService decisions;

  public ScriptRecommendationDelegate(DecisionService decisions) {
    this.decisions = decisions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<Map<String, Object>> scripts = JsonValues.listOfObjects(execution.getVariable(MigrationVariables.SCRIPT_INVENTORY));
    List<Map<String, Object>> updated = scripts.stream().map(this::withRecommendation).toList();
    execution.setVariable(MigrationVariables.SCRIPT_INVENTORY, JsonValues.json(updated));
    execution.setVariable("scriptsAllDone", updated.stream().allMatch(s -> DONE.contains(String.valueOf(s.get("status")))));
    execution.setVariable("scriptsOpen", updated.stream().filter(s -> !DONE.contains(String.valueOf(s.get("status")))).count());
  }

  private Map<String, Object> withRecommendation(Map<String, Object> script) {
    Map<String, Object> out = new LinkedHashMap<>(script);
    DmnDecisionRuleResult result = recommend(
        str(script.get("purpose")), str(script.get("runs")), str(script.get("reads")), str(script.get("writes")));
    out.put("recommendation", result.getEntry("target"));
    out.put("reason", result.getEntry("reason"));
    return out;
  }

  /** One script through the table (the table's hit policy is FIRST, so there is always exactly one answer). */
  public DmnDecisionRuleResult recommend(String purpose, String runs, String reads, String writes) {
    return decisions.evaluateDecisionTableByKey(DECISION_KEY, Variables.createVariables()
            .putValue("purpose", purpose).putValue("runs", runs).putValue("reads", reads).putValue("writes", writes))
        .getSingleResult();
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }
}
