package mil.usace.cwbi.migration.engine;

import mil.usace.cwbi.migration.process.MigrationProperties;
import mil.usace.cwbi.migration.security.Groups;
import mil.usace.cwbi.migration.security.OfficeAccess;
import mil.usace.cwbi.migration.security.SecurityProperties;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * At start-up, once every bean (the engine included) is built and before the web server takes requests (Spring's
 * {@link SmartInitializingSingleton}: no engine plugin needed; in a cluster under {@link StartupLock}): groups
 * {@code hec}, {@code camunda-admin} and {@code district-<office>} for every configured office, their standing
 * grants, and the administrator from {@code cwbi.security.admin-user} when a password is given. Idempotent, so an
 * office added to {@code cwbi.offices} gets its group and grants at the next start.
 */
@Component
public class SecurityBootstrap implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(SecurityBootstrap.class);

  private final ProcessEngine engine;
  private final MigrationProperties migration;
  private final SecurityProperties security;

  public SecurityBootstrap(ProcessEngine engine, MigrationProperties migration, SecurityProperties security) {
    this.engine = engine;
    this.migration = migration;
    this.security = security;
  }

  @Override
  public void afterSingletonsInstantiated() {
    prepare(engine);
  }

  /** Groups, grants and the administrator: idempotent, so every start (and a test) may run it again. */
  public void prepare(ProcessEngine engine) {
    OfficeAccess access = new OfficeAccess(engine);
    access.prepareAdmins();
    access.prepareHec();
    migration.getOffices().forEach(access::prepareOffice);
    ensureAdministrator(engine.getIdentityService());
    LOG.info("Groups and grants ready: hec, camunda-admin and {} district groups{}", migration.getOffices().size(),
        engine.getIdentityService().isReadOnly() ? " (identity is read-only: groups come from the directory)" : "");
  }

  /** The environment is the source of the administrator's password: a changed secret takes effect at restart. */
  private void ensureAdministrator(IdentityService identity) {
    if (!security.hasAdminPassword() || identity.isReadOnly()) {
      return;
    }
    String id = security.getAdminUser();
    User user = identity.createUserQuery().userId(id).singleResult();
    if (user == null) {
      user = identity.newUser(id);
      user.setFirstName("CWBI");
      user.setLastName("Administrator");
      user.setPassword(security.getAdminPassword());
      identity.saveUser(user);
      LOG.info("Administrator {} created", id);
    } else if (!identity.checkPassword(id, security.getAdminPassword())) {
      user.setPassword(security.getAdminPassword());
      identity.saveUser(user);
      identity.unlockUser(id);
      LOG.info("Administrator {}: password set from the environment", id);
    }
    if (identity.createGroupQuery().groupId(Groups.ADMIN).groupMember(id).count() == 0) {
      identity.createMembership(id, Groups.ADMIN);
    }
  }
}
