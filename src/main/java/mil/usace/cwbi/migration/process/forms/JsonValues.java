package mil.usace.cwbi.migration.process.forms;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;

/**
 * Camunda Forms submit lists (dynamic lists, checklists) as JSON variables (Spin); Java callers may pass plain
 * lists or JSON strings. This turns any of them into plain Java values and back.
 */
public final class JsonValues {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonValues() {}

  /** Spin JSON and JSON text become Java lists/maps; anything else is returned as is. */
  public static Object plain(Object raw) {
    if (raw instanceof SpinJsonNode node) {
      return parse(node.toString());
    }
    if (raw instanceof JsonValue json) {
      return json.getValue() == null ? null : parse(json.getValue().toString());
    }
    return raw;
  }

  public static List<Map<String, Object>> listOfObjects(Object raw) {
    Object v = plain(raw);
    if (v == null) {
      return List.of();
    }
    if (v instanceof String s) {
      if (s.isBlank()) {
        return List.of();
      }
      v = parse(s);
    }
    return JSON.convertValue(v, new TypeReference<List<Map<String, Object>>>() {});
  }

  /** A JSON variable as Tasklist itself would store it. */
  public static JsonValue json(Object value) {
    try {
      return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Object parse(String text) {
    try {
      return JSON.readValue(text, Object.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + ")");
    }
  }
}
