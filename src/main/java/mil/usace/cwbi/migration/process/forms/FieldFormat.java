package mil.usace.cwbi.migration.process.forms;

import java.net.URI;
import java.time.Duration;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import mil.usace.cwbi.migration.process.Office;

/**
 * Formats that a regular expression in the form cannot express fully (or that the browser cannot check, like
 * whether a Java regular expression compiles). Named in a form field's custom property {@code format}.
 * Each returns null when the value is fine, else what is wrong, in words.
 */
public enum FieldFormat {
  OFFICE_ID {
    @Override
    String problem(String v) {
      return Office.isValid(v) ? null : "must be an office id of 3 or 4 upper-case letters, e.g. SWT";
    }
  },
  URL {
    @Override
    String problem(String v) {
      try {
        URI u = URI.create(v.strip());
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
          return null;
        }
      } catch (IllegalArgumentException e) {
        // fall through
      }
      return "must be an http(s) URL, e.g. https://wm.swt.ds.usace.army.mil/swt-data/";
    }
  },
  /** One time series id per line: six dot-separated parts, at most 183 characters. */
  TS_ID_LINES {
    @Override
    String problem(String v) {
      List<String> lines = Arrays.stream(v.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
      for (int i = 0; i < lines.size(); i++) {
        String p = tsIdProblem(lines.get(i));
        if (p != null) {
          return "line " + (i + 1) + " '" + lines.get(i) + "' " + p;
        }
      }
      return null;
    }
  },
  TS_ID {
    @Override
    String problem(String v) {
      return tsIdProblem(v.strip());
    }
  },
  /** ISO-8601 duration such as P14D or PT12H, longer than zero. */
  ISO_DURATION {
    @Override
    String problem(String v) {
      String s = v.strip();
      try {
        if (s.contains("T")) {
          return Duration.parse(s).isNegative() || Duration.parse(s).isZero() ? "must be longer than zero" : null;
        }
        Period p = Period.parse(s);
        return p.isNegative() || p.isZero() ? "must be longer than zero" : null;
      } catch (RuntimeException e) {
        return "must be an ISO-8601 duration such as P14D (14 days), P3W or PT36H";
      }
    }
  },
  /** A regular expression that must compile (LDM products, Task 2.3). */
  REGEX {
    @Override
    String problem(String v) {
      try {
        Pattern.compile(v);
        return null;
      } catch (PatternSyntaxException e) {
        return "is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex();
      }
    }
  };

  abstract String problem(String value);

  /** Null when the value has this format, else what is wrong. */
  public String problemOf(String value) {
    return problem(value);
  }

  static String tsIdProblem(String id) {
    if (id.length() > 183) {
      return "is longer than 183 characters";
    }
    String[] parts = id.split("\\.", -1);
    if (parts.length != 6 || Arrays.stream(parts).anyMatch(String::isBlank)) {
      return "is not a time series id: six dot-separated parts, Location.Parameter.Type.Interval.Duration.Version";
    }
    return null;
  }

  public static FieldFormat of(String name) {
    return name == null || name.isBlank() ? null : valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
