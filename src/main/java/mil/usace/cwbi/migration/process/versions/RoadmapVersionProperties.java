package mil.usace.cwbi.migration.process.versions;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code cwbi.roadmap.*}: what happens to running offices when a new version of the roadmap model is deployed. */
@Validated
@ConfigurationProperties(prefix = "cwbi.roadmap")
public class RoadmapVersionProperties {

  /**
   * On start-up, move every running office on an older version of the roadmap to the newest one
   * ({@link RunningOfficesMover}). Off: they finish on the version they started on.
   */
  private boolean migrateRunning = true;

  public boolean isMigrateRunning() {
    return migrateRunning;
  }

  public void setMigrateRunning(boolean migrateRunning) {
    this.migrateRunning = migrateRunning;
  }
}
