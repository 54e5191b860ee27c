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
    execution.setVariable(OPEN_SUMMARY, openSummary(updated));
  }

  /** Shown at the top of a returning Task 1.1: why it came back. */
  public static final String OPEN_SUMMARY = "scriptsOpenSummary";

  private static final Map<String, String> STATUS_WORDS = Map.of(
      "to-convert", "to convert", "converting", "being converted", "converted", "converted and tested",
      "retired", "retired");

  /**
   * In words (Markdown) which scripts keep Task 1.1 open and why: each open script's status, the decision table's
   * recommendation and its reason. Empty when none is open (the task does not return then).
   */
  public static String openSummary(List<Map<String, Object>> scripts) {
    List<Map<String, Object>> open = scripts.stream()
        .filter(s -> !DONE.contains(String.valueOf(s.get("status")))).toList();
    if (open.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("**This task came back: ").append(open.size()).append(" of ")
        .append(scripts.size()).append(scripts.size() == 1 ? " script" : " scripts")
        .append(open.size() == 1 ? " is" : " are")
        .append(" still open.** It returns until every script is converted and tested, or retired.\n");
    for (Map<String, Object> s : open) {
      text.append("\n- **").append(plain(s.get("name"))).append("** is ")
          .append(STATUS_WORDS.getOrDefault(str(s.get("status")), "without a status"))
          .append(". Recommended: **").append(plain(s.get("recommendation"))).append("**. Why: ")
          .append(plain(s.get("reason")));
    }
    return text.toString();
  }

  /** A district's own text inside Markdown: shown as typed (markup characters escaped), on one line. */
  private static String plain(Object o) {
    return str(o).replaceAll("\\s+", " ").strip().replaceAll("([\\\\*_`#\\[\\]<>|~!{}])", "\\\\$1");
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
