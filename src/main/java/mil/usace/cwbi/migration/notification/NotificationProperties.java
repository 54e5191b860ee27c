package mil.usace.cwbi.migration.notification;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code cwbi.notification.*}: where the links point, who sends, how delivery retries, when reminders go out. */
@Validated
@org.springframework.stereotype.Component("notificationSettings")
@ConfigurationProperties(prefix = "cwbi.notification")
public class NotificationProperties {

  /** Base URL of the application as the recipients reach it; the Tasklist link is built on it. */
  @NotBlank
  private String tasklistBaseUrl = "http://localhost:8080";

  /** Sender address of every notification. */
  @NotBlank
  @Email
  private String from = "cwbi-migration@localhost";

  /**
   * Camunda retry cycle of one mail's delivery job: a list of back-off intervals (one try each after the first) or
   * {@code R<n>/<interval>}. When the tries are used up the job becomes an incident in Cockpit.
   */
  @NotBlank
  private String retryCycle = "PT1M,PT5M,PT15M,PT1H,PT4H";

  /** How often the reminder process looks for overdue tasks (ISO-8601 cycle of its timer start event). */
  @NotBlank
  private String reminderCycle = "R/PT15M";

  /** How long after its due date an overdue task escalates to HEC. */
  @NotNull
  private Duration escalationGrace = Duration.ofDays(3);

  public String getTasklistBaseUrl() {
    return tasklistBaseUrl;
  }

  public void setTasklistBaseUrl(String tasklistBaseUrl) {
    this.tasklistBaseUrl = tasklistBaseUrl.endsWith("/")
        ? tasklistBaseUrl.substring(0, tasklistBaseUrl.length() - 1) : tasklistBaseUrl;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getRetryCycle() {
    return retryCycle;
  }

  public void setRetryCycle(String retryCycle) {
    this.retryCycle = retryCycle;
  }

  public String getReminderCycle() {
    return reminderCycle;
  }

  public void setReminderCycle(String reminderCycle) {
    this.reminderCycle = reminderCycle;
  }

  public Duration getEscalationGrace() {
    return escalationGrace;
  }

  public void setEscalationGrace(Duration escalationGrace) {
    this.escalationGrace = escalationGrace;
  }

  /** The link that opens one task in Tasklist. */
  public String taskLink(String taskId) {
    return tasklistBaseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }
}
