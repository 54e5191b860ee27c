package mil.usace.cwbi.migration.process;

import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** The offices that may migrate: those configured in {@code cwbi.offices}. */
@Component
public class OfficeDirectory {

  private final MigrationProperties properties;

  public OfficeDirectory(MigrationProperties properties) {
    this.properties = properties;
  }

  public boolean isKnown(String office) {
    return office != null && properties.getOffices().contains(office.strip().toUpperCase(Locale.ROOT));
  }

  public List<String> known() {
    return properties.getOffices();
  }
}
