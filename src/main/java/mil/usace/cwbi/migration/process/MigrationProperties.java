package mil.usace.cwbi.migration.process;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code cwbi.*}: the offices that may migrate, default due dates, re-check intervals. */
@Validated
@ConfigurationProperties(prefix = "cwbi")
public class MigrationProperties {

  /** Office ids (upper case) allowed to start a migration. */
  @NotEmpty
  private List<String> offices = List.of();

  @NotNull
  private Due due = new Due();

  /** How often a failed gate re-runs its check while its fix task waits. */
  @NotNull
  private Duration recheckInterval = Duration.ofHours(6);

  /** How often CWBI-TEST is re-checked during the Step 5 test period. */
  @NotNull
  private Duration testRecheckInterval = Duration.ofDays(1);

  public List<String> getOffices() {
    return offices;
  }

  public void setOffices(List<String> offices) {
    this.offices = offices.stream().map(o -> Office.of(o).id()).toList(); // a mistyped office fails the start-up
  }

  public Due getDue() {
    return due;
  }

  public void setDue(Due due) {
    this.due = due;
  }

  public Duration getRecheckInterval() {
    return recheckInterval;
  }

  public void setRecheckInterval(Duration recheckInterval) {
    this.recheckInterval = recheckInterval;
  }

  public Duration getTestRecheckInterval() {
    return testRecheckInterval;
  }

  public void setTestRecheckInterval(Duration testRecheckInterval) {
    this.testRecheckInterval = testRecheckInterval;
  }

  /**
   * Due dates: each task's {@code duePeriod} in the model, overridable per task definition key; the default for a
   * task whose model says nothing (process.DueDates).
   */
  public static class Due {
    @NotNull
    private Period defaultPeriod = Period.ofDays(14);
    private Map<String, Period> tasks = new LinkedHashMap<>();

    public Period getDefault() {
      return defaultPeriod;
    }

    public void setDefault(Period p) {
      this.defaultPeriod = p;
    }

    public Map<String, Period> getTasks() {
      return tasks;
    }

    public void setTasks(Map<String, Period> tasks) {
      this.tasks = tasks;
    }
  }
}
