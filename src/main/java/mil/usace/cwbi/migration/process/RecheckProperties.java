package mil.usace.cwbi.migration.process;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code cwbi.recheck.*}: how often a person's "fixed, check again" may start a check (issue 13). The scheduled
 * re-checks ({@code cwbi.recheck-interval}, {@code cwbi.test-recheck-interval}) are bounded by their intervals; these
 * bound the checks a fix-task completion starts, however fast the completions come.
 */
@Validated
@ConfigurationProperties(prefix = "cwbi.recheck")
public class RecheckProperties {

  /** A fix-task completion within this time of the environment's last check waits until it has passed. */
  @NotNull
  private Duration minInterval = Duration.ofMinutes(15);

  /** At most this many checks per office (all environments together) within {@link #window}. */
  @Min(1)
  @Max(1000)
  private int maxPerWindow = 24;

  /** The sliding window of {@link #maxPerWindow}. */
  @NotNull
  private Duration window = Duration.ofDays(1);

  public Duration getMinInterval() {
    return minInterval;
  }

  public void setMinInterval(Duration minInterval) {
    this.minInterval = minInterval;
  }

  public int getMaxPerWindow() {
    return maxPerWindow;
  }

  public void setMaxPerWindow(int maxPerWindow) {
    this.maxPerWindow = maxPerWindow;
  }

  public Duration getWindow() {
    return window;
  }

  public void setWindow(Duration window) {
    this.window = window;
  }
}
