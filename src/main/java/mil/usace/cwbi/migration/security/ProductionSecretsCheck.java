package mil.usace.cwbi.migration.security;

import java.util.Locale;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start the {@code prod} profile without a real administrator password, before anything else (the engine
 * included) starts. Runs once the configuration files and the environment are read; says why, never the value.
 */
public class ProductionSecretsCheck implements EnvironmentPostProcessor {

  public static final String PROD = "prod";
  public static final String PASSWORD_ENV = "CWBI_ADMIN_PASSWORD";
  public static final String LDAP_PASSWORD_ENV = "CWBI_LDAP_MANAGER_PASSWORD";
  static final int MIN_LENGTH = 12;

  /** Passwords found in demos, images and guides: never acceptable in production. */
  static final Set<String> KNOWN_DEFAULTS = Set.of("demo", "admin", "administrator", "password", "passw0rd",
      "changeme", "change-me", "change_me", "camunda", "secret", "default", "test", "root", "letmein", "123456",
      "12345678", "123456789", "qwerty", "cwbi", "cwbi-migration", "usace");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.acceptsProfiles(Profiles.of(PROD))) {
      return;
    }
    String problem = problem(environment);
    if (problem != null) {
      throw new IllegalStateException("Refusing to start the production profile: " + problem);
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  static String problem(ConfigurableEnvironment environment) {
    if (environment.acceptsProfiles(Profiles.of("demo"))) {
      return "the demo profile (demo users, simulators, password 'demo') must not run together with prod.";
    }
    String user = environment.getProperty("cwbi.security.admin-user", "admin");
    String password = environment.getProperty("cwbi.security.admin-password");
    if (password == null || password.isBlank()) {
      return "no administrator password. Set the environment variable " + PASSWORD_ENV
          + " (the password of administrator '" + user + "', at least " + MIN_LENGTH + " characters).";
    }
    String normalized = password.strip().toLowerCase(Locale.ROOT);
    if (KNOWN_DEFAULTS.contains(normalized) || normalized.equals(user.toLowerCase(Locale.ROOT))) {
      return PASSWORD_ENV + " is a known default password (or the user name). Choose a secret one of at least "
          + MIN_LENGTH + " characters.";
    }
    if (password.length() < MIN_LENGTH) {
      return PASSWORD_ENV + " is too short: at least " + MIN_LENGTH + " characters.";
    }
    if (environment.getProperty("cwbi.ldap.enabled", Boolean.class, false)
        && !isBlank(environment.getProperty("cwbi.ldap.manager-dn"))
        && isBlank(environment.getProperty("cwbi.ldap.manager-password"))) {
      return "LDAP is on with a manager DN but no manager password: set " + LDAP_PASSWORD_ENV + ".";
    }
    return null;
  }
}
