package mil.usace.cwbi.migration.notification.digest;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code cwbi.digest.*}: when HEC's weekly digest goes out and to whom. Checked at start-up: a wrong day, hour or
 * zone stops the application with a message naming the property.
 */
@Validated
@org.springframework.stereotype.Component("digestSettings")
@ConfigurationProperties(prefix = "cwbi.digest")
public class DigestProperties {

  /** Day of the week the digest is sent (MONDAY ... SUNDAY). */
  @NotNull
  private DayOfWeek day = DayOfWeek.MONDAY;

  /** Hour of that day, 0-23, in {@link #zone}. */
  @Min(0)
  @Max(23)
  private int hour = 7;

  /** Time zone of day and hour (HEC is in Davis, California); daylight saving time is followed. */
  @NotNull
  private ZoneId zone = ZoneId.of("America/Los_Angeles");

  /** The group whose members (with an e-mail address) receive it. */
  @NotBlank
  @Pattern(regexp = "[a-zA-Z0-9-]+", message = "must be a group id (letters, digits, '-')")
  private String group = "hec";

  /**
   * How often the digest process looks whether a digest is due (the cycle of its timer start event: a cron
   * expression of the engine, in the server's zone). Hourly on the hour by default: the day and hour above are
   * compared in their own zone, so a daylight-saving change never moves the digest.
   */
  @NotBlank
  private String checkCycle = "0 0 * * * *";

  /**
   * A digest missed at its hour (every node down) is still sent when a node looks within this time; later it is
   * skipped, so a restart mid-week does not send last Monday's digest.
   */
  @NotNull
  private Duration lateLimit = Duration.ofHours(12);

  @AssertTrue(message = "late-limit must be between PT1M and P6D")
  public boolean isLateLimitInRange() {
    return lateLimit == null || lateLimit.compareTo(Duration.ofMinutes(1)) >= 0
        && lateLimit.compareTo(Duration.ofDays(6)) <= 0;
  }

  public DayOfWeek getDay() {
    return day;
  }

  public void setDay(DayOfWeek day) {
    this.day = day;
  }

  public int getHour() {
    return hour;
  }

  public void setHour(int hour) {
    this.hour = hour;
  }

  public ZoneId getZone() {
    return zone;
  }

  public void setZone(ZoneId zone) {
    this.zone = zone;
  }

  public String getGroup() {
    return group;
  }

  public void setGroup(String group) {
    this.group = group;
  }

  public String getCheckCycle() {
    return checkCycle;
  }

  public void setCheckCycle(String checkCycle) {
    this.checkCycle = checkCycle;
  }

  public Duration getLateLimit() {
    return lateLimit;
  }

  public void setLateLimit(Duration lateLimit) {
    this.lateLimit = lateLimit;
  }
}
