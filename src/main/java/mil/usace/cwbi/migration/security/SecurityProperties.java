package mil.usace.cwbi.migration.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code cwbi.security.*}: the administrator created at start-up. The password comes only from the environment
 * ({@code CWBI_ADMIN_PASSWORD}); {@link ProductionSecretsCheck} refuses a missing or known-default one in {@code prod}.
 */
@Validated
@ConfigurationProperties(prefix = "cwbi.security")
public class SecurityProperties {

  /** User id of the administrator (member of {@code camunda-admin}); created when a password is given. */
  private String adminUser = "admin";

  /** From {@code CWBI_ADMIN_PASSWORD}; never logged. Blank: no administrator is created (demo has its own). */
  private String adminPassword;

  public String getAdminUser() {
    return adminUser;
  }

  public void setAdminUser(String adminUser) {
    this.adminUser = adminUser;
  }

  public String getAdminPassword() {
    return adminPassword;
  }

  public void setAdminPassword(String adminPassword) {
    this.adminPassword = adminPassword;
  }

  public boolean hasAdminPassword() {
    return adminPassword != null && !adminPassword.isBlank();
  }

  @Override
  public String toString() {
    // Never the password, whoever prints this.
    return "SecurityProperties[adminUser=" + adminUser + ", adminPassword=" + (hasAdminPassword() ? "***" : "none") + "]";
  }
}
