package mil.usace.cwbi.migration.process;

import java.util.List;
import org.springframework.stereotype.Component;

/** The offices that may migrate: those configured in {@code cwbi.offices}. */
@Component
public class OfficeDirectory {

  private final MigrationProperties properties;

  public OfficeDirectory(MigrationProperties properties) {
    this.properties = properties;
  }

  public boolean isKnown(String office) {
    return office != null && properties.getOffices().contains(Office.normalise(office));
  }

  public List<String> known() {
    return properties.getOffices();
  }
}
