package mil.usace.cwbi.migration.process.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Camunda Form calls each of its fields, for showing stored values to people (the audit trail): the label,
 * the labels of a select's options, and for a dynamic list the labels of its columns. Read by {@link FormRules} from
 * the same deployed {@code .form} files; unlike the rules, read-only fields are included (they show values too).
 *
 * @param fields by key (a dynamic list by its path), in the form's order
 */
public record FormLabels(Map<String, Field> fields) {

  public static final FormLabels NONE = new FormLabels(Map.of());

  /**
   * One field.
   *
   * @param type the form-js type (textfield, checkbox, select, dynamiclist, datetime, ...)
   * @param options an option's label by its value (select, radio, checklist, taglist)
   * @param format our custom property "format" ({@code ts-id-lines}: one id per line), or null
   * @param columns a dynamic list's fields, in order
   */
  public record Field(String key, String label, String type, Map<String, String> options, String format,
      List<Field> columns) {

    public boolean isList() {
      return "dynamiclist".equals(type);
    }
  }

  public Field field(String key) {
    return fields.get(key);
  }

  static FormLabels of(JsonNode components) {
    Map<String, Field> fields = new LinkedHashMap<>();
    collect(components, fields);
    return new FormLabels(java.util.Collections.unmodifiableMap(fields));
  }

  private static void collect(JsonNode components, Map<String, Field> into) {
    for (JsonNode c : components) {
      String type = c.path("type").asText();
      if (type.equals("dynamiclist")) {
        Map<String, Field> columns = new LinkedHashMap<>();
        collect(c.path("components"), columns);
        String path = c.path("path").asText();
        into.put(path, new Field(path, label(c, path), type, Map.of(), null, List.copyOf(columns.values())));
      } else if (c.has("components")) { // a group: its fields belong to the same data level
        collect(c.path("components"), into);
      } else if (c.hasNonNull("key")) {
        Map<String, String> options = new LinkedHashMap<>();
        c.path("values").forEach(o -> options.put(o.path("value").asText(), o.path("label").asText()));
        String key = c.path("key").asText();
        into.put(key, new Field(key, label(c, key), type, options,
            c.path("properties").path("format").asText(null), List.of()));
      }
    }
  }

  private static String label(JsonNode c, String key) {
    for (String name : new String[] {"label", "dateLabel", "timeLabel"}) {
      if (c.hasNonNull(name) && !c.get(name).asText().isBlank()) {
        return c.get(name).asText();
      }
    }
    return null;
  }
}
