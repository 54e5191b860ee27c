package mil.usace.cwbi.migration.process.forms;

import java.util.List;

/**
 * The validation a Camunda Form declares for one field (form-js {@code validate}), plus our own format named in the
 * field's custom property {@code format} (see {@link FieldFormat}), and {@code required-unless}: required unless the
 * named checkbox is ticked. A dynamic list carries its item fields as children.
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
    List<FieldRule> children) {

  public boolean isList() {
    return "dynamiclist".equals(type);
  }

  public String displayName() {
    return label == null || label.isBlank() ? key : "'" + label + "' (" + key + ")";
  }
}
