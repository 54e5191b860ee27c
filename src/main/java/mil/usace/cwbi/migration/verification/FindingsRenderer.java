package mil.usace.cwbi.migration.verification;

import org.springframework.web.util.HtmlUtils;

/**
 * The one way people see a check report: plain text (mails, CSV), HTML (mails) and markdown (the fix task's Camunda
 * Form). Failed checks first, each with what failed, the evidence and what to do; the passing ones counted.
 * Everything a check quotes (CDA's messages, ids) is escaped for the target format.
 */
public final class FindingsRenderer {

  /** Below Camunda's 4000-character String variable limit (the fix task stores the markdown as one), like the report. */
  public static final int MAX_STORED_CHARS = 3800;

  private static final int[] EVIDENCE_CAPS = {Integer.MAX_VALUE, 800, 400, 200, 100};

  private FindingsRenderer() {}

  public static String text(Findings f) {
    if (f == null) {
      return "";
    }
    StringBuilder s = new StringBuilder(f.title()).append(": ").append(f.verdict()).append(".\n");
    int i = 1;
    for (Findings.Finding x : f.failed()) {
      s.append('\n').append(i++).append(". ").append(x.what()).append('\n')
          .append("   Evidence: ").append(x.evidence()).append('\n')
          .append("   What to do: ").append(x.todo()).append('\n');
    }
    if (f.othersPassed() != null) {
      s.append('\n').append(f.othersPassed()).append(".\n");
    }
    return s.toString();
  }

  /** All on one line ("2 of 9 checks failed. What failed: evidence. What to do: ..."), for a CSV field. */
  public static String oneLine(Findings f) {
    if (f == null) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    sentence(s, f.verdict());
    for (Findings.Finding x : f.failed()) {
      sentence(s, x.what() + ": " + x.evidence());
      sentence(s, "What to do: " + x.todo());
    }
    if (f.othersPassed() != null) {
      sentence(s, f.othersPassed());
    }
    return s.toString();
  }

  private static void sentence(StringBuilder s, String text) {
    if (s.length() > 0) {
      s.append(' ');
    }
    s.append(text);
    if (!text.endsWith(".")) {
      s.append('.');
    }
  }

  /** An HTML fragment with inline styles (mail clients drop style sheets). */
  public static String html(Findings f) {
    if (f == null) {
      return "";
    }
    StringBuilder s = new StringBuilder("<div class=\"cwbi-findings\">");
    s.append("<p><b>").append(esc(f.title())).append(":</b> <span style=\"color:")
        .append(f.passed() ? "#2e7d32" : "#c62828").append(";font-weight:bold\">").append(esc(f.verdict()))
        .append("</span></p>");
    if (!f.failed().isEmpty()) {
      s.append("<ol>");
      for (Findings.Finding x : f.failed()) {
        s.append("<li style=\"margin-bottom:8px\"><b>").append(esc(x.what())).append("</b><br>")
            .append("<span style=\"color:#555\">Evidence:</span> ").append(esc(x.evidence())).append("<br>")
            .append("<span style=\"color:#555\">What to do:</span> ").append(esc(x.todo())).append("</li>");
      }
      s.append("</ol>");
    }
    if (f.othersPassed() != null) {
      s.append("<p style=\"color:#2e7d32\">").append(esc(f.othersPassed())).append(".</p>");
    }
    return s.append("</div>").toString();
  }

  /** Markdown for a form-js text component, kept under {@link #MAX_STORED_CHARS} by shortening long evidence. */
  public static String markdown(Findings f) {
    if (f == null) {
      return "No check report yet.";
    }
    String out = "";
    for (int cap : EVIDENCE_CAPS) {
      out = markdown(f, cap);
      if (out.length() <= MAX_STORED_CHARS) {
        return out;
      }
    }
    return out.substring(0, MAX_STORED_CHARS - 60) + "\n\n(shortened: the audit trail has the full findings)";
  }

  private static String markdown(Findings f, int evidenceCap) {
    StringBuilder s = new StringBuilder("**").append(md(f.verdict())).append("** (").append(md(f.title()))
        .append(")\n\n");
    int i = 1;
    for (Findings.Finding x : f.failed()) {
      s.append(i++).append(". **").append(md(x.what())).append("**  \n")
          .append("   *Evidence:* ").append(md(cap(x.evidence(), evidenceCap))).append("  \n")
          .append("   *What to do:* ").append(md(x.todo())).append("\n");
    }
    if (f.othersPassed() != null) {
      s.append("\n").append(md(f.othersPassed())).append(".\n");
    }
    return s.toString();
  }

  private static String cap(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    return text.substring(0, max) + " ... (shortened; the audit trail has all of it)";
  }

  private static final java.util.regex.Pattern AUTOLINKED = java.util.regex.Pattern.compile(
      "(?i)\\b(?:[a-z][a-z0-9+.-]*://|www\\.)[^\\s`]*|[^\\s`@]+@[^\\s`@]+\\.[a-z]{2,}");

  /**
   * Markdown's special characters as literals: a CDA message or id never becomes a link, markup or a heading.
   * Addresses (which form-js's markdown would turn into links even when escaped) become code spans.
   */
  static String md(String text) {
    StringBuilder s = new StringBuilder();
    java.util.regex.Matcher m = AUTOLINKED.matcher(text);
    int at = 0;
    while (m.find()) {
      s.append(escapeMd(text.substring(at, m.start()))).append('`').append(m.group()).append('`');
      at = m.end();
    }
    return s.append(escapeMd(text.substring(at))).toString();
  }

  private static String escapeMd(String text) {
    StringBuilder s = new StringBuilder();
    for (char c : text.toCharArray()) {
      if ("\\`*_{}[]()<>#+-.!|~&:@".indexOf(c) >= 0) {
        s.append('\\');
      }
      s.append(c);
    }
    return s.toString();
  }

  static String esc(String s) {
    return s == null ? "" : HtmlUtils.htmlEscape(s);
  }
}
