package mil.usace.cwbi.migration.security;

import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.process.Office;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.ALL;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;

/**
 * The standing (global) grants of each group. A district group gets only what lets it start its own migration and
 * use Tasklist; what it may see of a migration is granted per instance and per task by {@link MigrationGrants}.
 * Every method is idempotent: it runs at each start-up and whenever a migration of an office starts.
 */
public class OfficeAccess {

  public static final String PROCESS_KEY = "cwbi-migration";

  private final IdentityService identity;
  private final AuthorizationService authorizations;

  public OfficeAccess(ProcessEngine engine) {
    this.identity = engine.getIdentityService();
    this.authorizations = engine.getAuthorizationService();
  }

  /** The district group of an office exists (unless identity comes from LDAP) and has its standing grants. */
  public void prepareOffice(String office) {
    String group = Groups.district(office);
    ensureGroup(group, "District " + Office.normalise(office), "WORKFLOW");
    Grants.grant(authorizations, group, Resources.APPLICATION, "tasklist", ACCESS);
    // READ: the start dialog lists it and serves its start form; CREATE_INSTANCE: start it (own office only,
    // enforced by MigrationGrants when it starts). Not READ_INSTANCE/READ_TASK/READ_HISTORY: they span all offices.
    Grants.grant(authorizations, group, Resources.PROCESS_DEFINITION, PROCESS_KEY,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
    // the check the migration calls: READ only (Tasklist names a fix task's process); nobody starts it by hand
    Grants.grant(authorizations, group, Resources.PROCESS_DEFINITION, MigrationVariables.CHECK_PROCESS_KEY,
        ProcessDefinitionPermissions.READ);
    Grants.grant(authorizations, group, Resources.PROCESS_INSTANCE, "*", CREATE);
    commonReads(group);
  }

  /** HEC: every office, every task, Cockpit and Tasklist. */
  public void prepareHec() {
    ensureGroup(Groups.HEC, "Hydrologic Engineering Center", "WORKFLOW");
    Grants.grant(authorizations, Groups.HEC, Resources.APPLICATION, "cockpit", ACCESS);
    Grants.grant(authorizations, Groups.HEC, Resources.APPLICATION, "tasklist", ACCESS);
    Grants.grant(authorizations, Groups.HEC, Resources.PROCESS_DEFINITION, "*",
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE,
        ProcessDefinitionPermissions.RETRY_JOB, ProcessDefinitionPermissions.SUSPEND_INSTANCE,
        ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.UPDATE_TASK,
        ProcessDefinitionPermissions.TASK_WORK, ProcessDefinitionPermissions.TASK_ASSIGN,
        ProcessDefinitionPermissions.READ_HISTORY);
    Grants.grant(authorizations, Groups.HEC, Resources.PROCESS_INSTANCE, "*",
        ProcessInstancePermissions.CREATE, ProcessInstancePermissions.READ, ProcessInstancePermissions.UPDATE,
        ProcessInstancePermissions.RETRY_JOB, ProcessInstancePermissions.SUSPEND);
    Grants.grant(authorizations, Groups.HEC, Resources.TASK, "*",
        TaskPermissions.READ, TaskPermissions.UPDATE, TaskPermissions.TASK_WORK, TaskPermissions.TASK_ASSIGN);
    Grants.grant(authorizations, Groups.HEC, Resources.HISTORIC_PROCESS_INSTANCE, "*",
        HistoricProcessInstancePermissions.READ);
    Grants.grant(authorizations, Groups.HEC, Resources.HISTORIC_TASK, "*", HistoricTaskPermissions.READ);
    Grants.grant(authorizations, Groups.HEC, Resources.DECISION_DEFINITION, "*", READ,
        org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY,
        org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE);
    Grants.grant(authorizations, Groups.HEC, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", READ);
    Grants.grant(authorizations, Groups.HEC, Resources.DEPLOYMENT, "*", READ);
    commonReads(Groups.HEC);
  }

  /** Administrators: everything, as Camunda's own first-admin setup grants it. */
  public void prepareAdmins() {
    ensureGroup(Groups.ADMIN, "Administrators", "SYSTEM");
    for (Resource resource : Resources.values()) {
      Grants.grant(authorizations, Groups.ADMIN, resource, "*", ALL);
    }
  }

  /** Filters only show what task grants allow; names in Tasklist need users and groups readable. */
  private void commonReads(String group) {
    Grants.grant(authorizations, group, Resources.FILTER, "*", READ);
    Grants.grant(authorizations, group, Resources.USER, "*", READ);
    Grants.grant(authorizations, group, Resources.GROUP, "*", READ);
  }

  private void ensureGroup(String id, String name, String type) {
    if (identity.isReadOnly() || identity.createGroupQuery().groupId(id).count() > 0) {
      return;
    }
    Group g = identity.newGroup(id);
    g.setName(name);
    g.setType(type);
    identity.saveGroup(g);
  }
}
