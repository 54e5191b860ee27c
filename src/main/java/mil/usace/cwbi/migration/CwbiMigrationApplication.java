package mil.usace.cwbi.migration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CwbiMigrationApplication {
  public static void main(String[] args) {
    SpringApplication.run(CwbiMigrationApplication.class, args);
  }
}
