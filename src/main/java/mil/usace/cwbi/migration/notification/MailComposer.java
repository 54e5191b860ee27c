package mil.usace.cwbi.migration.notification;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import mil.usace.cwbi.migration.roadmap.Roadmap;
import mil.usace.cwbi.migration.verification.FindingsRenderer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/** Renders the notices of one kind for one recipient as one message, plain text and HTML. */
@Component
public class MailComposer {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm 'UTC'", java.util.Locale.ENGLISH);

  private final NotificationProperties properties;
  private final Roadmap roadmap;

  public MailComposer(NotificationProperties properties, Roadmap roadmap) {
    this.properties = properties;
    this.roadmap = roadmap;
  }

  public OutgoingMail compose(String to, List<Notice> notices) {
    Notice first = notices.get(0);
    String subject = "[CWBI migration " + first.office() + "] " + first.kind().label() + ": " + first.taskName()
        + (notices.size() > 1 ? " (and " + (notices.size() - 1) + " more)" : "");

    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder("<html><body style=\"font-family:sans-serif\">");
    String intro = intro(first);
    text.append(intro).append("\n\n");
    html.append("<p>").append(esc(intro)).append("</p>");
    if (first.finished() != null) {
      text.append("Just finished: ").append(first.finished()).append("\n\n");
      html.append("<p><b>Just finished:</b> ").append(esc(first.finished())).append("</p>");
    }
    html.append("<ul>");
    for (Notice n : notices) {
      String link = properties.taskLink(n.taskId());
      String where = roadmap.of(n.processDefinitionId()).where(n.taskKey());
      text.append("* ").append(n.taskName()).append('\n')
          .append("  Office: ").append(n.office()).append('\n')
          .append("  ").append(where).append('\n')
          .append("  Due: ").append(day(n.due())).append('\n');
      html.append("<li><p><b>").append(esc(n.taskName())).append("</b><br>")
          .append("Office: ").append(esc(n.office())).append("<br>")
          .append(esc(where)).append("<br>")
          .append("Due: ").append(esc(day(n.due()))).append("</p>");
      if (n.assignee() != null) {
        text.append("  Assigned to: ").append(n.assignee()).append('\n');
        html.append("<p>Assigned to: ").append(esc(n.assignee())).append("</p>");
      }
      if (n.findings() != null) {
        // the one renderer for people: what failed, the evidence, what to do; passing checks counted
        text.append('\n').append(FindingsRenderer.text(n.findings()).indent(2).replaceAll("(?m)^ +$", ""))
            .append('\n');
        html.append(FindingsRenderer.html(n.findings()));
      } else if (!n.failedChecks().isEmpty()) {
        text.append("  Failed checks:\n");
        html.append("<p>Failed checks:</p><ul>");
        for (String c : n.failedChecks()) {
          text.append("    - ").append(c).append('\n');
          html.append("<li>").append(esc(c)).append("</li>");
        }
        html.append("</ul>");
      }
      text.append("  Open in Tasklist: ").append(link).append("\n\n");
      html.append("<p><a href=\"").append(esc(link)).append("\">Open in Tasklist</a></p></li>");
    }
    html.append("</ul><p style=\"color:#666\">CWBI migration workflow. You receive this because you are a candidate "
        + "for the task or it is assigned to you.</p></body></html>");
    text.append("-- \nCWBI migration workflow. You receive this because you are a candidate for the task or it is "
        + "assigned to you.\n");
    return new OutgoingMail(to, subject, text.toString(), html.toString());
  }

  private static String intro(Notice n) {
    return switch (n.kind()) {
      case HANDOFF -> n.finished() == null
          ? "The CWBI migration of office " + n.office() + " has started. Work is waiting for you:"
          : "Work in the CWBI migration of office " + n.office() + " is waiting for you:";
      // Step 6 also follows Step 5 results reported as failing while the CWBI-TEST check itself passed
      case GATE_FAILED -> n.findings() != null && n.findings().passed()
          ? "A gate of the CWBI migration of office " + n.office() + " did not pass: the results reported need "
              + "fixing (the last automated check passed). A task is waiting for you:"
          : "An automated check of the CWBI migration of office " + n.office()
              + " failed. A fix task is waiting for you:";
      case ASSIGNED -> "A task of the CWBI migration of office " + n.office() + " was assigned to you:";
      case REMINDER -> "A task of the CWBI migration of office " + n.office() + " is past its due date:";
      case ESCALATION -> "A task of the CWBI migration of office " + n.office()
          + " is past its due date and its grace period. It has been escalated to HEC (group hec):";
    };
  }

  private static String day(Date date) {
    return date == null ? "no due date" : DAY.format(date.toInstant().atZone(ZoneOffset.UTC));
  }

  private static String esc(String s) {
    return s == null ? "" : HtmlUtils.htmlEscape(s);
  }
}
