package mil.usace.cwbi.migration.notification.digest;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mil.usace.cwbi.migration.notification.NotificationProperties;
import mil.usace.cwbi.migration.notification.OutgoingMail;
import mil.usace.cwbi.migration.notification.digest.WeeklyDigest.Finished;
import mil.usace.cwbi.migration.notification.digest.WeeklyDigest.Held;
import mil.usace.cwbi.migration.notification.digest.WeeklyDigest.Overdue;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * HEC's weekly digest as one message (plain text and HTML, like every other mail): offices at risk, offices held
 * at a gate and why, overdue tasks, what finished this week. Dates in the digest's zone, in words.
 */
@Component
public class DigestComposer {

  static final String AT_RISK = "Offices at risk of missing their target date";
  static final String HELD = "Offices held at a gate";
  static final String OVERDUE = "Overdue tasks";
  static final String FINISHED = "Finished this week";

  private final NotificationProperties links;

  public DigestComposer(NotificationProperties links) {
    this.links = links;
  }

  public OutgoingMail compose(String to, WeeklyDigest d) {
    ZoneId zone = d.slot().getZone();
    DateTimeFormatter day = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH).withZone(zone);
    String subject = "[CWBI migration] HEC's week to " + day.format(d.slot()) + ": "
        + (d.atRisk() == null ? "" : d.atRisk().size() + " at risk, ") + d.held().size() + " held at a gate, "
        + d.overdue().size() + " overdue " + (d.overdue().size() == 1 ? "task" : "tasks") + ", "
        + d.finished().stream().filter(f -> f.step() != null).count() + " steps finished";

    Mail m = new Mail();
    m.para("HEC's week in the District Cloud Migration, " + day.format(d.weekStart()) + " to "
        + day.format(d.slot()) + ".");

    m.section(AT_RISK);
    if (d.atRisk() == null) {
      m.none("No forecast is available yet.");
    } else if (d.atRisk().isEmpty()) {
      m.none("None: every office with a target date is forecast to finish by it.");
    } else {
      m.list(d.atRisk().stream().map(r -> new Line(r.office(), r.why(), List.of(), null)).toList());
    }

    m.section(HELD);
    if (d.held().isEmpty()) {
      m.none("None.");
    } else {
      List<Line> lines = new ArrayList<>();
      for (Held h : d.held()) {
        lines.add(new Line(h.office(), "held at the " + h.gate() + " in " + h.step()
            + (h.since() == null ? "" : ", since " + day.format(h.since())), h.failing(), null));
      }
      m.list(lines);
    }

    m.section(OVERDUE);
    if (d.overdue().isEmpty()) {
      m.none("None.");
    } else {
      List<Line> lines = new ArrayList<>();
      for (Overdue o : d.overdue()) {
        lines.add(new Line(o.office(), o.task() + " (" + (o.lane() == null || o.lane().isEmpty() ? "" : o.lane() + ", ")
            + (o.assignee() == null ? "unclaimed" : "assigned to " + o.assignee()) + "), due "
            + day.format(o.due()) + ", " + daysLate(o.due(), d.slot().toInstant()), List.of(),
            links.taskLink(o.taskId())));
      }
      m.list(lines);
    }

    m.section(FINISHED);
    if (d.finished().isEmpty()) {
      m.none("No step was finished this week.");
    } else {
      m.list(d.finished().stream().map(f -> new Line(f.office(), "finished "
          + f.what() + " on " + day.format(f.when()), List.of(), null)).toList());
    }

    String dashboard = links.getTasklistBaseUrl() + "/camunda/app/cockpit/default/";
    String portfolio = links.getTasklistBaseUrl() + "/api/dashboard/portfolio.xlsx";
    m.text.append("Every office on HEC's dashboard in Cockpit: ").append(dashboard).append('\n')
        .append("The portfolio as a spreadsheet: ").append(portfolio).append("\n\n")
        .append("-- \nCWBI migration workflow. You receive this weekly digest as a member of HEC.\n");
    m.html.append("<p><a href=\"").append(esc(dashboard)).append("\">Every office on HEC's dashboard in Cockpit</a>")
        .append(" &middot; <a href=\"").append(esc(portfolio)).append("\">The portfolio as a spreadsheet</a></p>")
        .append("<p style=\"color:#666\">CWBI migration workflow. You receive this weekly digest as a member of HEC.")
        .append("</p></body></html>");
    return new OutgoingMail(to, subject, m.text.toString(), m.html.toString());
  }

  private static String daysLate(Instant due, Instant now) {
    long days = java.time.Duration.between(due, now).toDays();
    return days < 1 ? "less than a day late" : days + (days == 1 ? " day" : " days") + " late";
  }

  private record Line(String office, String text, List<String> details, String link) {}

  /** Text and HTML side by side. */
  private static final class Mail {
    final StringBuilder text = new StringBuilder();
    final StringBuilder html = new StringBuilder("<html><body style=\"font-family:sans-serif\">");

    void para(String s) {
      text.append(s).append("\n\n");
      html.append("<p>").append(esc(s)).append("</p>");
    }

    void section(String title) {
      text.append(title).append('\n').append("-".repeat(title.length())).append('\n');
      html.append("<h3>").append(esc(title)).append("</h3>");
    }

    void none(String s) {
      text.append(s).append("\n\n");
      html.append("<p>").append(esc(s)).append("</p>");
    }

    void list(List<Line> lines) {
      html.append("<ul>");
      for (Line l : lines) {
        text.append("* ").append(l.office()).append(": ").append(l.text()).append('\n');
        html.append("<li><b>").append(esc(l.office())).append("</b>: ").append(esc(l.text()));
        if (!l.details().isEmpty()) {
          html.append("<ul>");
          for (String detail : l.details()) {
            text.append("    - ").append(detail).append('\n');
            html.append("<li>").append(esc(detail)).append("</li>");
          }
          html.append("</ul>");
        }
        if (l.link() != null) {
          text.append("    Open in Tasklist: ").append(l.link()).append('\n');
          html.append(" <a href=\"").append(esc(l.link())).append("\">Open in Tasklist</a>");
        }
        html.append("</li>");
      }
      text.append('\n');
      html.append("</ul>");
    }
  }

  private static String esc(String s) {
    return s == null ? "" : HtmlUtils.htmlEscape(s);
  }
}
