package mil.usace.cwbi.migration.demo;

import java.util.List;
import mil.usace.cwbi.migration.process.Office;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's log-ins, so a newcomer can walk the migration as each role (password {@code demo}, demo profile only;
 * the tests register the same people: support.DemoPartsForTests). Created once; existing users are left as they are.
 */
@Component
@Profile("demo")
@Order(10)
public class DemoUsers {

  private static final Logger LOG = LoggerFactory.getLogger(DemoUsers.class);
  public static final String PASSWORD = "demo";

  public record DemoUser(String id, String first, String last, String group) {
    public String email() {
      return id + "@example.mil";
    }
  }

  public static final List<DemoUser> USERS = List.of(
      new DemoUser("swt-water", "Sam", "Tulsa", "district-swt"),
      new DemoUser("lrl-water", "Lee", "Louisville", "district-lrl"),
      new DemoUser("hec-engineer", "Hana", "Davis", "hec"),
      new DemoUser("admin", "Ada", "Admin", "camunda-admin"));

  private final IdentityService identity;

  public DemoUsers(IdentityService identity) {
    this.identity = identity;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void onReady() {
    for (DemoUser u : USERS) {
      ensureGroup(u.group());
      if (identity.createUserQuery().userId(u.id()).count() == 0) {
        User user = identity.newUser(u.id());
        user.setFirstName(u.first());
        user.setLastName(u.last());
        user.setEmail(u.email());
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        identity.createMembership(u.id(), u.group());
        LOG.info("Demo user {} ({}) created", u.id(), u.group());
      }
    }
  }

  private void ensureGroup(String id) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group g = identity.newGroup(id);
      g.setName(switch (id) {
        case "hec" -> "Hydrologic Engineering Center";
        case "camunda-admin" -> "Administrators";
        default -> Office.ofGroup(id) == null ? id : Office.ofGroup(id).districtName();
      });
      g.setType(id.equals("camunda-admin") ? "SYSTEM" : "WORKFLOW");
      identity.saveGroup(g);
    }
  }
}
