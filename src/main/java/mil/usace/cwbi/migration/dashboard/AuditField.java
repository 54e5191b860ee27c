package mil.usace.cwbi.migration.dashboard;

import java.text.DecimalFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mil.usace.cwbi.migration.process.forms.FormLabels;
import mil.usace.cwbi.migration.process.forms.JsonValues;
import mil.usace.cwbi.migration.verification.Readable;

/**
 * One piece of evidence as people read it: the form's label, and the value in words (Yes/No, readable dates, an
 * option's label) or, for a list (a dynamic list's rows, one id per line), a table.
 *
 * @param key the variable name (for scripts; never shown)
 * @param text the value in words; null when it is a table
 * @param table the rows of a list; null for a single value
 */
public record AuditField(String key, String label, String text, Table table) {

  /** A list's rows under its columns' labels; every cell is text. */
  public record Table(List<String> columns, List<List<String>> rows) {}

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  /** The evidence in the form's order (then any variable the form does not name), each with its label. */
  public static List<AuditField> of(Map<String, Object> evidence, FormLabels labels) {
    FormLabels form = labels == null ? FormLabels.NONE : labels;
    Set<String> order = new LinkedHashSet<>();
    form.fields().keySet().stream().filter(evidence::containsKey).forEach(order::add);
    order.addAll(evidence.keySet());
    List<AuditField> fields = new ArrayList<>();
    for (String key : order) {
      AuditField f = of(key, evidence.get(key), form.field(key));
      if (f != null) {
        fields.add(f);
      }
    }
    return fields;
  }

  /** One value under its field's label; null for nothing worth showing (no value). */
  static AuditField of(String key, Object raw, FormLabels.Field field) {
    String label = field != null && field.label() != null ? field.label() : words(key);
    Object value = plain(raw);
    if (value == null || (value instanceof String s && s.isBlank())) {
      return null;
    }
    if (field != null && field.isList()) {
      return new AuditField(key, label, null, table(value, field.columns()));
    }
    if (value instanceof String s && field != null && field.format() != null && field.format().endsWith("-lines")) {
      List<List<String>> rows = s.lines().map(String::strip).filter(l -> !l.isEmpty()).map(List::of).toList();
      return new AuditField(key, label, null, new Table(List.of(label), rows));
    }
    if (value instanceof List<?> list && list.stream().allMatch(i -> i instanceof Map)) {
      return new AuditField(key, label, null, table(value, List.of()));
    }
    return new AuditField(key, label, text(value, field), null);
  }

  /** Rows of maps as a table: the form's columns first (by their labels), then any other key in words. */
  private static Table table(Object value, List<FormLabels.Field> columns) {
    List<Map<String, Object>> rows;
    try {
      rows = JsonValues.listOfObjects(value);
    } catch (IllegalArgumentException e) {
      return new Table(List.of("Value"), List.of(List.of(String.valueOf(value))));
    }
    Map<String, FormLabels.Field> byKey = new LinkedHashMap<>();
    columns.forEach(c -> byKey.put(c.key(), c));
    Set<String> keys = new LinkedHashSet<>();
    columns.stream().map(FormLabels.Field::key).filter(k -> rows.stream().anyMatch(r -> r.get(k) != null))
        .forEach(keys::add);
    rows.forEach(r -> r.forEach((k, v) -> {
      if (v != null && !byKey.containsKey(k)) {
        keys.add(k);
      }
    }));
    List<String> heads = keys.stream().map(k -> byKey.containsKey(k) && byKey.get(k).label() != null
        ? byKey.get(k).label() : words(k)).toList();
    List<List<String>> cells = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      cells.add(keys.stream().map(k -> r.get(k) == null ? "" : text(r.get(k), byKey.get(k))).toList());
    }
    return new Table(heads, cells);
  }

  /** A single value in words. */
  static String text(Object raw, FormLabels.Field field) {
    Object value = plain(raw);
    if (value == null) {
      return "";
    }
    if (value instanceof Boolean b) {
      return b ? "Yes" : "No";
    }
    if (value instanceof Date d) {
      return Readable.time(d.toInstant());
    }
    if (value instanceof Instant t) {
      return Readable.time(t);
    }
    if (value instanceof Number n) {
      return new DecimalFormat("0.##########").format(n);
    }
    if (value instanceof Collection<?> c) {
      List<String> items = new ArrayList<>();
      c.forEach(i -> items.add(text(i, field)));
      return String.join(", ", items);
    }
    if (value instanceof Map<?, ?> m) {
      List<String> items = new ArrayList<>();
      m.forEach((k, v) -> items.add(words(String.valueOf(k)) + ": " + text(v, null)));
      return String.join(", ", items);
    }
    String s = value.toString();
    if (field != null && field.options().containsKey(s)) {
      return field.options().get(s);
    }
    if (s.matches("P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+S)?)?")) {
      return duration(s) + " (" + s + ")"; // a test duration as typed, and in words
    }
    if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
      try {
        return DAY.format(LocalDate.parse(s));
      } catch (RuntimeException e) {
        return s;
      }
    }
    if (s.matches("\\d{4}-\\d{2}-\\d{2}T[\\d:.]+(Z|[+-]\\d{2}:?\\d{2})")) {
      try {
        return Readable.time(java.time.OffsetDateTime.parse(s).toInstant());
      } catch (RuntimeException e) {
        return s;
      }
    }
    return s;
  }

  private static String duration(String iso) {
    try {
      return Readable.duration(java.time.Duration.parse(iso));
    } catch (RuntimeException notADuration) {
      try {
        java.time.Period p = java.time.Period.parse(iso);
        List<String> parts = new ArrayList<>();
        unit(parts, p.getYears(), "year");
        unit(parts, p.getMonths(), "month");
        unit(parts, p.getDays(), "day");
        return parts.isEmpty() ? iso : String.join(" ", parts);
      } catch (RuntimeException notAPeriod) {
        return iso;
      }
    }
  }

  private static void unit(List<String> parts, int n, String unit) {
    if (n != 0) {
      parts.add(n + " " + unit + (n == 1 ? "" : "s"));
    }
  }

  /** Spin JSON and JSON text of a list or object become Java values; other values stay as they are. */
  private static Object plain(Object raw) {
    Object v;
    try {
      v = JsonValues.plain(raw);
    } catch (IllegalArgumentException e) {
      return String.valueOf(raw);
    }
    if (v instanceof String s && (s.startsWith("[") || s.startsWith("{"))) {
      try {
        return JsonValues.plain(org.camunda.spin.Spin.JSON(s));
      } catch (RuntimeException e) {
        return s; // text a person typed that only looks like JSON
      }
    }
    return v;
  }

  /** A variable name in words when no form names it: "critLineCount" becomes "Crit line count". */
  static String words(String key) {
    String spaced = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ENGLISH);
    return spaced.isEmpty() ? key : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }
}
