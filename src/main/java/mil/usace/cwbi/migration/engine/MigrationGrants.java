package mil.usace.cwbi.migration.engine;

import java.util.ArrayList;
import java.util.List;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.process.Office;
import java.util.Locale;
import mil.usace.cwbi.migration.security.Grants;
import mil.usace.cwbi.migration.security.Groups;
import mil.usace.cwbi.migration.security.OfficeAccess;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Per-migration grants, made by the engine itself so the model cannot lose them (added at parse time to
 * {@code cwbi-migration}, no edit of the BPMN):
 * <ul>
 *   <li>when a migration starts (end of the start event, after the process's own start-form checks): refuses a
 *       district user who starts another office's migration (403, nothing created), then grants the office's
 *       district group READ on this process instance and on its history;</li>
 *   <li>when a user task is created for another group (HEC's tasks): grants the district group READ on its
 *       <em>history</em> only. Not on the open task: Tasklist 7.24 shows a Claim button on every unassigned task it
 *       lists, whatever the user's permissions (cam-tasklist-task-meta.html), and a district claiming HEC's task
 *       gets 403. The district follows HEC's work through its own participation tasks (Step 4 comments, Step 5
 *       test duration, Step 6 review), whose forms show how far HEC is.</li>
 * </ul>
 * District tasks need nothing here: the engine grants a task's candidate group READ,
 * {@code defaultUserPermissionForTask} (TASK_WORK) and, by {@link TaskWorkerAuthorizationProvider}, TASK_ASSIGN on
 * it, and with {@code enableHistoricInstancePermissions} READ on its history.
 */
@Component
public class MigrationGrants extends AbstractProcessEnginePlugin {

  static final String OFFICE = "office";
  static final String DISTRICT_GROUP = "districtGroup";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new TaskWorkerAuthorizationProvider());
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (isMigration(activity) && scope == activity.getProcessDefinition()) {
          ExecutionListener onStarted = MigrationGrants::onMigrationStarted;
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, onStarted);
        } else if (isCalledCheck(activity) && scope == activity.getProcessDefinition()) {
          ExecutionListener onCalled = MigrationGrants::onCheckCalled;
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, onCalled);
        }
      }

      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (isMigration(activity) || isCalledCheck(activity)) {
          ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
              .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, MigrationGrants::onTaskCreated);
        }
      }
    });
  }

  private static boolean isMigration(ActivityImpl activity) {
    return activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
        && OfficeAccess.PROCESS_KEY.equals(definition.getKey());
  }

  private static boolean isCalledCheck(ActivityImpl activity) {
    return activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
        && MigrationVariables.CHECK_PROCESS_KEY.equals(definition.getKey());
  }

  /**
   * A check the migration called runs in an instance of its own: the office's district group reads it as it reads
   * the migration (the calling migration's start already refused another office's user).
   */
  static void onCheckCalled(DelegateExecution execution) {
    Object raw = execution.getVariable(DISTRICT_GROUP);
    if (raw == null || raw.toString().isBlank()) {
      return;
    }
    String group = raw.toString();
    String instanceId = execution.getProcessInstanceId();
    Context.getCommandContext().runWithoutAuthorization(() -> {
      var authorizations = execution.getProcessEngine().getAuthorizationService();
      Grants.grant(authorizations, group, Resources.PROCESS_INSTANCE, instanceId, ProcessInstancePermissions.READ);
      Grants.grant(authorizations, group, Resources.HISTORIC_PROCESS_INSTANCE, instanceId,
          HistoricProcessInstancePermissions.READ);
      return null;
    });
  }

  static void onMigrationStarted(DelegateExecution execution) {
    Object raw = execution.getVariable(OFFICE);
    if (raw == null || raw.toString().isBlank()) {
      return; // the start form's own checks refuse this before we get here
    }
    String office = Office.normalise(raw.toString());
    String group = Groups.district(office);
    CommandContext context = Context.getCommandContext();
    refuseOtherOffice(context, execution, office, group);
    String instanceId = execution.getProcessInstanceId();
    context.runWithoutAuthorization(() -> {
      new OfficeAccess(execution.getProcessEngine()).prepareOffice(office);
      var authorizations = execution.getProcessEngine().getAuthorizationService();
      Grants.grant(authorizations, group, Resources.PROCESS_INSTANCE, instanceId, ProcessInstancePermissions.READ);
      Grants.grant(authorizations, group, Resources.HISTORIC_PROCESS_INSTANCE, instanceId,
          HistoricProcessInstancePermissions.READ);
      return null;
    });
  }

  /** A user of a district may start only that district's migration; HEC and administrators any. Engine calls
   * without a user (jobs, the Java API in tests and scripts) are not checked, as Camunda itself does not check them. */
  private static void refuseOtherOffice(CommandContext context, DelegateExecution execution, String office,
      String group) {
    Authentication auth = context.getAuthentication();
    if (auth == null || auth.getUserId() == null) {
      return;
    }
    List<String> groups = auth.getGroupIds();
    if (groups == null) {
      groups = context.runWithoutAuthorization(() -> execution.getProcessEngine().getIdentityService()
          .createGroupQuery().groupMember(auth.getUserId()).list().stream().map(Group::getId).toList());
    }
    if (groups.contains(Groups.HEC) || groups.contains(Groups.ADMIN) || groups.contains(group)) {
      return;
    }
    throw new AuthorizationException("User '" + auth.getUserId() + "' may not start the migration of office "
        + office + ": only members of " + group + ", " + Groups.HEC + " or " + Groups.ADMIN + " may.");
  }

  static void onTaskCreated(DelegateTask task) {
    Object raw = task.getVariable(DISTRICT_GROUP);
    if (raw == null) {
      return;
    }
    String group = raw.toString();
    boolean candidate = task.getCandidates().stream().anyMatch(link -> group.equals(link.getGroupId()));
    if (candidate) {
      return; // the engine already grants a candidate group (a second grant row would clash with its own)
    }
    var authorizations = task.getProcessEngine().getAuthorizationService();
    Context.getCommandContext().runWithoutAuthorization(() -> {
      Grants.grant(authorizations, group, Resources.HISTORIC_TASK, task.getId(), HistoricTaskPermissions.READ);
      return null;
    });
  }
}
