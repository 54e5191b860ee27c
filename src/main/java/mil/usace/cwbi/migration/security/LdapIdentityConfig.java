package mil.usace.cwbi.migration.security;

import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Identity from the organisation's directory, when {@code cwbi.ldap.enabled=true}: Camunda's LDAP identity provider,
 * every setting of it bound from {@code cwbi.ldap.*} (server-url, manager-dn, base-dn, user-search-base, ...).
 * The manager password comes from {@code CWBI_LDAP_MANAGER_PASSWORD}. Users and groups are then read-only:
 * the directory's groups must carry the design's ids ({@code hec}, {@code camunda-admin}, {@code district-swt}, ...);
 * the grants stay in the engine's database and are made as without LDAP.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties
@ConditionalOnProperty(prefix = "cwbi.ldap", name = "enabled", havingValue = "true")
public class LdapIdentityConfig {

  @Bean
  @ConfigurationProperties(prefix = "cwbi.ldap")
  LdapIdentityProviderPlugin ldapIdentityProviderPlugin() {
    LdapIdentityProviderPlugin plugin = new LdapIdentityProviderPlugin();
    // Directory-friendly defaults (groupOfNames, inetOrgPerson); each can be overridden by a property.
    plugin.setUserSearchFilter("(objectclass=person)");
    plugin.setUserIdAttribute("uid");
    plugin.setUserFirstnameAttribute("givenName");
    plugin.setUserLastnameAttribute("sn");
    plugin.setUserEmailAttribute("mail");
    plugin.setGroupSearchFilter("(objectclass=groupOfNames)");
    plugin.setGroupIdAttribute("cn");
    plugin.setGroupNameAttribute("cn");
    plugin.setGroupMemberAttribute("member");
    return plugin;
  }
}
