package mil.usace.cwbi.migration.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Identity from a directory: an in-process LDAP server (UnboundID) holds the users and the design's groups; the
 * plugin is configured only by {@code cwbi.ldap.*} properties (the application's own configuration class), then
 * plugged into a separate in-memory engine named "ldap-test" (the shared test context keeps its own identity).
 */
class LdapIdentityTest {

  static InMemoryDirectoryServer ldap;
  static ProcessEngine engine;

  @BeforeAll
  static void startDirectoryAndEngine() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=usace,dc=mil");
    config.addAdditionalBindCredentials("cn=camunda,dc=usace,dc=mil", "manager-secret");
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
    ldap = new InMemoryDirectoryServer(config);
    ldap.add("dn: dc=usace,dc=mil", "objectClass: top", "objectClass: domain", "dc: usace");
    ldap.add("dn: ou=people,dc=usace,dc=mil", "objectClass: organizationalUnit", "ou: people");
    ldap.add("dn: ou=groups,dc=usace,dc=mil", "objectClass: organizationalUnit", "ou: groups");
    person("j.doe", "Jane", "Doe", "Swt-Pass-2026");
    person("h.eng", "Hal", "Engineer", "Hec-Pass-2026");
    group("district-swt", "j.doe");
    group("hec", "h.eng");
    ldap.startListening();

    List<LdapIdentityProviderPlugin> plugin = new java.util.ArrayList<>();
    new ApplicationContextRunner()
        .withUserConfiguration(LdapIdentityConfig.class)
        .withPropertyValues(
            "cwbi.ldap.enabled=true",
            "cwbi.ldap.server-url=ldap://localhost:" + ldap.getListenPort(),
            "cwbi.ldap.manager-dn=cn=camunda,dc=usace,dc=mil",
            "cwbi.ldap.manager-password=manager-secret",
            "cwbi.ldap.base-dn=dc=usace,dc=mil",
            "cwbi.ldap.user-search-base=ou=people",
            "cwbi.ldap.group-search-base=ou=groups",
            "cwbi.ldap.authorization-check-enabled=false")
        .run(context -> plugin.add(context.getBean(LdapIdentityProviderPlugin.class)));

    ProcessEngineConfigurationImpl engineConfig = (ProcessEngineConfigurationImpl)
        new StandaloneInMemProcessEngineConfiguration()
            .setProcessEngineName("ldap-test")
            .setJdbcUrl("jdbc:h2:mem:ldap-test;DB_CLOSE_DELAY=-1")
            .setDatabaseSchemaUpdate("create-drop")
            .setJobExecutorActivate(false)
            .setAuthorizationEnabled(true);
    engineConfig.setHistory("none");
    engineConfig.setProcessEnginePlugins(List.of(plugin.get(0)));
    engine = engineConfig.buildProcessEngine();
  }

  static void person(String uid, String first, String last, String password) throws Exception {
    ldap.add("dn: uid=" + uid + ",ou=people,dc=usace,dc=mil", "objectClass: inetOrgPerson", "uid: " + uid,
        "cn: " + first + " " + last, "givenName: " + first, "sn: " + last, "mail: " + uid + "@usace.army.mil",
        "userPassword: " + password);
  }

  static void group(String cn, String memberUid) throws Exception {
    ldap.add("dn: cn=" + cn + ",ou=groups,dc=usace,dc=mil", "objectClass: groupOfNames", "cn: " + cn,
        "member: uid=" + memberUid + ",ou=people,dc=usace,dc=mil");
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.close();
    }
    if (ldap != null) {
      ldap.shutDown(true);
    }
  }

  @Test
  void withoutTheSwitchThereIsNoLdapPlugin() {
    new ApplicationContextRunner().withUserConfiguration(LdapIdentityConfig.class)
        .withPropertyValues("cwbi.ldap.server-url=ldap://localhost:1")
        .run(context -> assertThat(context).doesNotHaveBean(LdapIdentityProviderPlugin.class));
  }

  @Test
  void usersGroupsAndPasswordsComeFromTheDirectory() {
    IdentityService identity = engine.getIdentityService();
    assertThat(identity.isReadOnly()).isTrue();
    User jane = identity.createUserQuery().userId("j.doe").singleResult();
    assertThat(jane).isNotNull();
    assertThat(jane.getFirstName()).isEqualTo("Jane");
    assertThat(jane.getLastName()).isEqualTo("Doe");
    assertThat(jane.getEmail()).isEqualTo("j.doe@usace.army.mil");
    assertThat(identity.createUserQuery().userId("nobody").count()).isZero();

    assertThat(identity.checkPassword("j.doe", "Swt-Pass-2026")).isTrue();
    assertThat(identity.checkPassword("j.doe", "Hec-Pass-2026")).isFalse();
    assertThat(identity.checkPassword("h.eng", "Hec-Pass-2026")).isTrue();

    assertThat(identity.createGroupQuery().groupMember("j.doe").list()).extracting(Group::getId)
        .containsExactly("district-swt");
    assertThat(identity.createGroupQuery().groupMember("h.eng").list()).extracting(Group::getId)
        .containsExactly("hec");
    assertThat(identity.createUserQuery().memberOfGroup("district-swt").list()).extracting(User::getId)
        .containsExactly("j.doe");
  }

  @Test
  void theGrantsAreMadeInTheEngineForTheDirectorysGroups() {
    OfficeAccess access = new OfficeAccess(engine);
    access.prepareHec();
    access.prepareOffice("SWT");
    access.prepareOffice("SWT"); // idempotent: a second start changes nothing
    AuthorizationService authorizations = engine.getAuthorizationService();
    assertThat(authorizations.createAuthorizationQuery().groupIdIn("district-swt")
        .resourceType(Resources.PROCESS_DEFINITION).resourceId("cwbi-migration").count()).isEqualTo(1);
    assertThat(authorizations.isUserAuthorized("j.doe", List.of("district-swt"), Permissions.ACCESS,
        Resources.APPLICATION, "tasklist")).isTrue();
    assertThat(authorizations.isUserAuthorized("j.doe", List.of("district-swt"), Permissions.ACCESS,
        Resources.APPLICATION, "cockpit")).isFalse();
    assertThat(authorizations.isUserAuthorized("h.eng", List.of("hec"), Permissions.ACCESS,
        Resources.APPLICATION, "cockpit")).isTrue();
    // the directory's groups were not copied into the engine (it cannot write them)
    assertThat(engine.getIdentityService().createGroupQuery().groupId("district-swt").count()).isEqualTo(1);
  }
}
