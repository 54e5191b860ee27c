package mil.usace.cwbi.migration.notification;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** E-mail addresses of groups' members and of single users, from the engine's identity service (DB or LDAP). */
@Component
public class Recipients {

  private final IdentityService identity;

  public Recipients(IdentityService identity) {
    this.identity = identity;
  }

  /** Members of the groups that have an address; a member of several groups appears once. */
  public Set<String> ofGroups(Collection<String> groupIds) {
    return Privileged.call(() -> membersOf(groupIds));
  }

  private Set<String> membersOf(Collection<String> groupIds) {
    Set<String> addresses = new LinkedHashSet<>();
    for (String group : groupIds) {
      for (User u : identity.createUserQuery().memberOfGroup(group).orderByUserId().asc().list()) {
        add(addresses, u);
      }
    }
    return addresses;
  }

  public Set<String> ofUser(String userId) {
    Set<String> addresses = new LinkedHashSet<>();
    if (userId != null) {
      add(addresses, Privileged.call(() -> identity.createUserQuery().userId(userId).singleResult()));
    }
    return addresses;
  }

  private static void add(Set<String> addresses, User u) {
    if (u != null && u.getEmail() != null && !u.getEmail().isBlank()) {
      addresses.add(u.getEmail().strip());
    }
  }
}
