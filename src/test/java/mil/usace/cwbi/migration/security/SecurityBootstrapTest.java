package mil.usace.cwbi.migration.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mil.usace.cwbi.migration.engine.SecurityBootstrap;
import mil.usace.cwbi.migration.process.MigrationProperties;
import mil.usace.cwbi.migration.support.IntegrationTest;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Start-up makes the groups of every configured office and their grants; a newly added office gets the same. */
class SecurityBootstrapTest extends IntegrationTest {

  @Autowired ProcessEngine engine;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired MigrationProperties migration;
  @Autowired SecurityBootstrap bootstrap;

  @AfterEach
  void removeTheAddedOffice() {
    authorizations.createAuthorizationQuery().groupIdIn("district-zzz").list()
        .forEach(a -> authorizations.deleteAuthorization(a.getId()));
    identity.deleteGroup("district-zzz");
  }

  boolean may(String group, org.camunda.bpm.engine.authorization.Permission p,
      org.camunda.bpm.engine.authorization.Resource r, String id) {
    return authorizations.isUserAuthorized("someone", List.of(group), p, r, id);
  }

  @Test
  void everyConfiguredOfficeHasItsGroupAndGrants() {
    assertThat(migration.getOffices()).contains("SWT", "LRL", "NWDP");
    for (String office : migration.getOffices()) {
      String group = "district-" + office.toLowerCase();
      assertThat(identity.createGroupQuery().groupId(group).count()).as(group).isEqualTo(1);
      assertThat(may(group, Permissions.ACCESS, Resources.APPLICATION, "tasklist")).as(group).isTrue();
      assertThat(may(group, Permissions.ACCESS, Resources.APPLICATION, "cockpit")).as(group).isFalse();
      assertThat(may(group, ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION,
          "cwbi-migration")).isTrue();
      // nothing that spans offices
      assertThat(may(group, ProcessDefinitionPermissions.READ_INSTANCE, Resources.PROCESS_DEFINITION,
          "cwbi-migration")).isFalse();
      assertThat(may(group, ProcessDefinitionPermissions.READ_TASK, Resources.PROCESS_DEFINITION,
          "cwbi-migration")).isFalse();
      assertThat(may(group, ProcessDefinitionPermissions.READ_HISTORY, Resources.PROCESS_DEFINITION,
          "cwbi-migration")).isFalse();
      assertThat(may(group, Permissions.READ, Resources.PROCESS_INSTANCE, "*")).isFalse();
      assertThat(may(group, Permissions.READ, Resources.TASK, "*")).isFalse();
    }
    assertThat(may("hec", Permissions.ACCESS, Resources.APPLICATION, "cockpit")).isTrue();
    assertThat(may("hec", Permissions.ACCESS, Resources.APPLICATION, "admin")).isFalse();
    assertThat(may("hec", ProcessDefinitionPermissions.READ_HISTORY, Resources.PROCESS_DEFINITION, "cwbi-migration"))
        .isTrue();
    assertThat(may("camunda-admin", Permissions.ACCESS, Resources.APPLICATION, "admin")).isTrue();
    assertThat(may("camunda-admin", Permissions.ALL, Resources.AUTHORIZATION, "*")).isTrue();
  }

  @Test
  void anAddedOfficeGetsItsGroupAndGrantsAtTheNextStartAndNothingIsDoubled() {
    long before = authorizations.createAuthorizationQuery().count();
    bootstrap.prepare(engine); // a restart with the same offices
    assertThat(authorizations.createAuthorizationQuery().count()).isEqualTo(before);

    new OfficeAccess(engine).prepareOffice("ZZZ"); // what start-up does for an office added to cwbi.offices
    assertThat(identity.createGroupQuery().groupId("district-zzz").singleResult().getName()).isEqualTo("District ZZZ");
    assertThat(may("district-zzz", ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION,
        "cwbi-migration")).isTrue();
  }
}
