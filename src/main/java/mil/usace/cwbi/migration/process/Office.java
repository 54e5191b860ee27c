package mil.usace.cwbi.migration.process;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An office id as the process contract has it: 3 or 4 letters, upper case ("SWT"). It is the business key of the
 * office's migration and names the district's group ({@code district-swt}). The one place that normalises (blanks
 * around, any case) and validates an office id; the start form, the Helm schema and the group pattern of the engine
 * repeat {@link #PATTERN} because they cannot call Java (OfficeTest holds them to it).
 */
public record Office(String id) {

  /** An office id once normalised. */
  public static final String PATTERN = "[A-Z]{3,4}";
  public static final String GROUP_PREFIX = "district-";
  public static final String PROBLEM = "must be an office id of 3 or 4 letters, e.g. SWT";

  private static final Pattern VALID = Pattern.compile(PATTERN);

  public Office {
    if (id == null || !VALID.matcher(id).matches()) {
      throw new IllegalArgumentException("office " + PROBLEM);
    }
  }

  /** " swt " is office SWT; anything that is not 3 or 4 letters is refused (IllegalArgumentException). */
  public static Office of(String typed) {
    return new Office(normalise(typed));
  }

  /**
   * A typed office id in the contract's form (no blanks around, upper case) without validating it: for comparing a
   * value a person sent with the offices someone may act for. Null stays null.
   */
  public static String normalise(String typed) {
    return typed == null ? null : typed.strip().toUpperCase(Locale.ROOT);
  }

  /** Whether {@code value}, exactly as given, is an office id (the start form's rule: no normalising). */
  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  /** The office a group stands for ({@code district-swt} is SWT); null for any other group. */
  public static Office ofGroup(String groupId) {
    if (groupId == null || !groupId.startsWith(GROUP_PREFIX)) {
      return null;
    }
    String office = normalise(groupId.substring(GROUP_PREFIX.length()));
    return isValid(office) ? new Office(office) : null;
  }

  /** The group of a typed office id, valid or not (refusals name the group a person would need). */
  public static String groupOf(String typed) {
    return GROUP_PREFIX + typed.strip().toLowerCase(Locale.ROOT);
  }

  /** The district's group: {@code district-swt}. */
  public String group() {
    return groupOf(id);
  }

  /** The district group's name in Camunda's admin: "District SWT". */
  public String districtName() {
    return "District " + id;
  }

  @Override
  public String toString() {
    return id;
  }
}
