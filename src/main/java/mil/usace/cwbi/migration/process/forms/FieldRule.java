package mil.usace.cwbi.migration.process.forms;

import java.util.List;

/**
 * The validation a Camunda Form declares for one field (form-js {@code validate}), plus our own format named in the
 * field's custom property {@code format} (see {@link FieldFormat}), and {@code required-unless}: required unless the
 * named checkbox is ticked, and {@code required-if}: required when the named checkbox is ticked (e.g. the reason of
 * "Not applicable for this office"). A dynamic list carries its item fields as children.
 */
public record FieldRule(
    String key,
    String label,
    String type,
    boolean required,
    Integer minLength,
    Integer maxLength,
    String pattern,
    Double min,
    Double max,
    FieldFormat format,
    List<String> allowedValues,
    String requiredUnless,
    List<FieldRule> children,
    String requiredIf) {

  public FieldRule(String key, String label, String type, boolean required, Integer minLength, Integer maxLength,
      String pattern, Double min, Double max, FieldFormat format, List<String> allowedValues, String requiredUnless,
      List<FieldRule> children) {
    this(key, label, type, required, minLength, maxLength, pattern, min, max, format, allowedValues, requiredUnless,
        children, null);
  }

  public boolean isList() {
    return "dynamiclist".equals(type);
  }

  public String displayName() {
    return label == null || label.isBlank() ? key : "'" + label + "' (" + key + ")";
  }
}
