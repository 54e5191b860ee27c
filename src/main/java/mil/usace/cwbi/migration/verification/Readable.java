package mil.usace.cwbi.migration.verification;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times and durations as people read them: "20 Nov 2026 06:00 UTC", "10 days 2 h". */
public final class Readable {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final Pattern ISO_INSTANT =
      Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z\\b");
  private static final Pattern ISO_DURATION = Pattern.compile(
      "(?<![\\w.-])P(?=\\d|T\\d)(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?(?![\\w.-])");

  private Readable() {}

  public static String time(Instant t) {
    return t == null ? "" : TIME.format(t);
  }

  /** "10 days 2 h", "3 h", "45 min". */
  public static String duration(Duration d) {
    long minutes = d.toMinutes();
    long days = minutes / (24 * 60);
    long hours = minutes / 60 % 24;
    long mins = minutes % 60;
    StringBuilder s = new StringBuilder();
    if (days > 0) {
      s.append(days).append(days == 1 ? " day" : " days");
    }
    if (hours > 0) {
      s.append(s.length() > 0 ? " " : "").append(hours).append(" h");
    }
    if (mins > 0 && days == 0) {
      s.append(s.length() > 0 ? " " : "").append(mins).append(" min");
    }
    return s.length() == 0 ? "under a minute" : s.toString();
  }

  /** A check's evidence with its ISO-8601 times and durations made readable; the words stay as the check wrote them. */
  public static String evidence(String text) {
    if (text == null) {
      return "";
    }
    String s = replace(ISO_INSTANT, text.replaceAll("\\s*[\\r\\n]+\\s*", " "), m -> {
      try {
        return time(Instant.parse(m.group()));
      } catch (RuntimeException e) {
        return m.group();
      }
    });
    return replace(ISO_DURATION, s, m -> {
      try {
        return duration(Duration.parse(m.group()));
      } catch (RuntimeException e) {
        return m.group();
      }
    });
  }

  private static String replace(Pattern p, String text, java.util.function.Function<Matcher, String> f) {
    Matcher m = p.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(f.apply(m)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
