package mil.usace.cwbi.migration.process.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The server's copy of the rules each Camunda Form declares, read from the same {@code forms/*.form} files the
 * engine deploys, so the browser and the server enforce one set of rules. A submission that breaks one is refused
 * with a {@link FormFieldValidationException} naming the field (the REST API answers 400); the engine rolls the
 * transaction back, so nothing of it is stored.
 */
@Component
public class FormRules {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, List<FieldRule>> rulesByFormId = new HashMap<>();
  private final Map<String, FormLabels> labelsByFormId = new HashMap<>();
  private final Map<String, Set<String>> displayKeysByFormId = new HashMap<>();

  public FormRules() throws IOException {
    Resource[] forms = new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form");
    for (Resource form : forms) {
      try (InputStream in = form.getInputStream()) {
        JsonNode schema = JSON.readTree(in);
        rulesByFormId.put(schema.path("id").asText(), rulesOf(schema.path("components")));
        labelsByFormId.put(schema.path("id").asText(), FormLabels.of(schema.path("components")));
        Set<String> display = new LinkedHashSet<>();
        displayKeysOf(schema.path("components"), display);
        displayKeysByFormId.put(schema.path("id").asText(), display);
      }
    }
  }

  public boolean knows(String formId) {
    return rulesByFormId.containsKey(formId);
  }

  public List<FieldRule> rules(String formId) {
    return rulesByFormId.getOrDefault(formId, List.of());
  }

  /** What the form calls its fields (labels, option labels, list columns), for showing stored values to people. */
  public FormLabels labels(String formId) {
    return formId == null ? FormLabels.NONE : labelsByFormId.getOrDefault(formId, FormLabels.NONE);
  }

  /** The keys a submission of the form may carry: its fields, not what it only shows. */
  public Set<String> fieldKeys(String formId) {
    Set<String> keys = new LinkedHashSet<>();
    rules(formId).forEach(r -> keys.add(r.key()));
    keys.removeAll(displayKeys(formId));
    return keys;
  }

  /** Keys the form shows read-only (a submission may send them back, unchanged). */
  public Set<String> displayKeys(String formId) {
    return displayKeysByFormId.getOrDefault(formId, Set.of());
  }

  private static void displayKeysOf(JsonNode components, Set<String> into) {
    for (JsonNode c : components) {
      boolean display = c.path("disabled").asBoolean(false) || c.path("readonly").asBoolean(false);
      if (c.path("type").asText().equals("dynamiclist")) {
        Set<String> shown = new LinkedHashSet<>();
        displayKeysOf(c.path("components"), shown);
        long keyed = 0;
        for (JsonNode child : c.path("components")) {
          keyed += child.hasNonNull("key") ? 1 : 0;
        }
        if (display || (keyed > 0 && shown.size() == keyed)) { // a list whose every column is shown read-only
          into.add(c.path("path").asText());
        }
      } else if (c.has("components")) {
        displayKeysOf(c.path("components"), into);
      } else if (c.hasNonNull("key") && display) {
        into.add(c.path("key").asText());
      }
    }
  }

  public Collection<String> formIds() {
    return rulesByFormId.keySet();
  }

  /** Throws for the first field that breaks its form's rules; values are looked up by field key. */
  public void check(String formId, Function<String, Object> values) {
    for (FieldRule rule : rules(formId)) {
      Object value = values.apply(rule.key());
      String problem = problem(rule, value);
      if (problem == null && rule.requiredUnless() != null && isEmpty(rule, value)
          && !Boolean.TRUE.equals(JsonValues.plain(values.apply(rule.requiredUnless())))) {
        problem = (rule.isList() ? "must list at least one entry" : "is required")
            + " unless '" + labelOf(formId, rule.requiredUnless()) + "' is ticked";
      }
      if (problem == null && rule.requiredIf() != null && isEmpty(rule, value)
          && Boolean.TRUE.equals(JsonValues.plain(values.apply(rule.requiredIf())))) {
        problem = "is required when '" + labelOf(formId, rule.requiredIf()) + "' is ticked";
      }
      if (problem != null) {
        throw invalid(rule.key(), "Field " + rule.displayName() + " " + problem + ".");
      }
    }
  }

  private String labelOf(String formId, String key) {
    return rules(formId).stream().filter(r -> r.key().equals(key)).map(FieldRule::label).findFirst().orElse(key);
  }

  private static boolean isEmpty(FieldRule rule, Object raw) {
    if (rule.isList()) {
      try {
        return JsonValues.listOfObjects(raw).isEmpty();
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    Object v = JsonValues.plain(raw);
    return v == null || (v instanceof String s && s.isBlank()) || (v instanceof List<?> l && l.isEmpty())
        || ("checkbox".equals(rule.type()) && Boolean.FALSE.equals(v)); // an unticked box: "ticked unless ..."
  }

  /**
   * Null when {@code raw} may be stored as the task-form field {@code key} outside its form (a variable endpoint,
   * Cockpit's edit): a value of the kind the form writes (text, yes/no, number; a list as JSON) that keeps the
   * field's rules. Otherwise what is wrong, naming the field. Keys of no task form: null (the caller decides).
   */
  public String editProblem(String key, Object raw) {
    FieldRule rule = rulesByFormId.entrySet().stream()
        .filter(e -> !e.getKey().equals(mil.usace.cwbi.migration.process.MigrationVariables.START_FORM))
        .flatMap(e -> e.getValue().stream()).filter(r -> r.key().equals(key)).findFirst().orElse(null);
    if (rule == null) {
      return null;
    }
    Object value = raw;
    if (raw instanceof TypedValue typed && !(raw instanceof JsonValue)) {
      ValueType type = typed.getType();
      // a serialized object's value cannot even be read without deserializing it: judged by its type alone
      boolean readable = type == null || type.isPrimitiveValueType() && type != ValueType.BYTES;
      Object v = readable ? typed.getValue() : null;
      boolean plainValue = readable && (type != null || v == null || v instanceof String || v instanceof Boolean
          || v instanceof Number); // untyped ({"value": ...} without a type): what JSON gave
      if (!plainValue || rule.isList() && !(v == null || v instanceof String)) {
        return "Field " + rule.displayName() + " takes " + (rule.isList() ? "a list (JSON)" : "text, yes/no or a "
            + "number") + " as its form writes it, not a value of type "
            + (type != null ? type.getName() : v.getClass().getSimpleName()) + ".";
      }
      value = v;
    } else if (raw instanceof JsonValue && !rule.isList()) {
      return "Field " + rule.displayName() + " takes text, yes/no or a number as its form writes it, not JSON.";
    }
    String problem = problem(rule, value);
    return problem == null ? null : "Field " + rule.displayName() + " " + problem + ".";
  }

  public static FormFieldValidationException invalid(String field, String message) {
    return new FormFieldValidationException(field, message);
  }

  private static List<FieldRule> rulesOf(JsonNode components) {
    List<FieldRule> rules = new ArrayList<>();
    for (JsonNode c : components) {
      String type = c.path("type").asText();
      boolean display = c.path("disabled").asBoolean(false) || c.path("readonly").asBoolean(false);
      if (type.equals("dynamiclist")) {
        rules.add(new FieldRule(c.path("path").asText(), c.path("label").asText(null), type, false, null, null,
            null, null, null, null, List.of(), c.path("properties").path("required-unless").asText(null),
            rulesOf(c.path("components"))));
      } else if (c.has("components")) { // a group: its fields belong to the same data level
        rules.addAll(rulesOf(c.path("components")));
      } else if (c.hasNonNull("key") && !display) {
        JsonNode v = c.path("validate");
        List<String> allowed = new ArrayList<>();
        c.path("values").forEach(opt -> allowed.add(opt.path("value").asText()));
        rules.add(new FieldRule(
            c.path("key").asText(), c.path("label").asText(null), type,
            v.path("required").asBoolean(false),
            v.has("minLength") ? v.get("minLength").asInt() : null,
            v.has("maxLength") ? v.get("maxLength").asInt() : null,
            v.hasNonNull("pattern") ? v.get("pattern").asText() : null,
            v.has("min") ? v.get("min").asDouble() : null,
            v.has("max") ? v.get("max").asDouble() : null,
            FieldFormat.of(c.path("properties").path("format").asText(null)),
            allowed, c.path("properties").path("required-unless").asText(null), List.of(),
            c.path("properties").path("required-if").asText(null)));
      }
    }
    return rules;
  }

  /** Null when the value satisfies the rule, else what is wrong (without the field's name). */
  static String problem(FieldRule rule, Object raw) {
    if (rule.isList()) {
      return listProblem(rule, raw);
    }
    Object value = plain(raw);
    boolean missing = value == null
        || (value instanceof String s && s.isBlank())
        || (value instanceof List<?> l && l.isEmpty())
        || ("checkbox".equals(rule.type()) && Boolean.FALSE.equals(value));
    if (missing) {
      if (rule.required()) {
        return "checkbox".equals(rule.type()) ? "must be ticked" : "is required";
      }
      return null;
    }
    if (value instanceof Number n) {
      if (rule.min() != null && n.doubleValue() < rule.min()) {
        return "must be at least " + fmt(rule.min());
      }
      if (rule.max() != null && n.doubleValue() > rule.max()) {
        return "must be at most " + fmt(rule.max());
      }
    }
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (!rule.allowedValues().isEmpty() && !rule.allowedValues().contains(String.valueOf(item))) {
          return "has '" + item + "', which is not one of " + rule.allowedValues();
        }
      }
      return null;
    }
    if (!(value instanceof String s)) {
      return null;
    }
    if (!rule.allowedValues().isEmpty() && !rule.allowedValues().contains(s)) {
      return "must be one of " + rule.allowedValues() + " (got '" + s + "')";
    }
    if (rule.minLength() != null && s.strip().length() < rule.minLength()) {
      return "must have at least " + rule.minLength() + " characters";
    }
    if (rule.maxLength() != null && s.strip().length() > rule.maxLength()) {
      return "must have at most " + rule.maxLength() + " characters";
    }
    // form-js tests its pattern with RegExp.test (unanchored): find() keeps the same meaning
    if (rule.pattern() != null && !Pattern.compile(rule.pattern()).matcher(s).find()) {
      return "does not have the expected format (" + rule.pattern() + ")";
    }
    if (rule.format() != null) {
      return rule.format().problem(s);
    }
    return null;
  }

  private static String listProblem(FieldRule rule, Object raw) {
    List<Map<String, Object>> items;
    try {
      items = JsonValues.listOfObjects(raw);
    } catch (IllegalArgumentException e) {
      return "must be a list of entries: " + e.getMessage();
    }
    for (int i = 0; i < items.size(); i++) {
      Map<String, Object> item = items.get(i);
      for (FieldRule child : rule.children()) {
        String p = problem(child, item.get(child.key()));
        if (p != null) {
          return "entry " + (i + 1) + ": " + child.displayName() + " " + p;
        }
      }
    }
    return null;
  }

  private static Object plain(Object raw) {
    return JsonValues.plain(raw);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
