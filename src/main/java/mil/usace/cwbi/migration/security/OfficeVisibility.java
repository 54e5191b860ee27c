package mil.usace.cwbi.migration.security;

import java.util.Set;
import java.util.stream.Collectors;
import mil.usace.cwbi.migration.process.Office;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * Which offices a user may see, for pages that read the engine outside Camunda's own authorization (the Java API
 * without an authenticated user is not checked): a district's members see their office, {@code hec} and
 * {@code camunda-admin} every office. Works with the engine's identity and with LDAP.
 */
@Component
public class OfficeVisibility {

  /** What one user may see. */
  public record Visible(boolean allOffices, Set<String> offices) {
    public boolean canSee(String office) {
      return office != null && (allOffices || offices.contains(Office.normalise(office)));
    }
  }

  private final IdentityService identity;

  public OfficeVisibility(IdentityService identity) {
    this.identity = identity;
  }

  public Visible of(String userId) {
    if (userId == null || userId.isBlank()) {
      return new Visible(false, Set.of());
    }
    Set<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
        .collect(Collectors.toSet());
    boolean all = groups.contains(Groups.HEC) || groups.contains(Groups.ADMIN);
    Set<String> offices = groups.stream().map(Office::ofGroup).filter(java.util.Objects::nonNull).map(Office::id)
        .collect(Collectors.toUnmodifiableSet());
    return new Visible(all, offices);
  }
}
