package mil.usace.cwbi.migration.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;

/**
 * What a task's candidates and assignee may do with it: Camunda's READ + TASK_WORK (claim, complete), plus
 * TASK_ASSIGN so a claim can be undone or passed to a colleague in Tasklist. Not UPDATE: that would also let them
 * write any variable of the migration behind the forms' validation.
 */
public class TaskWorkerAuthorizationProvider extends DefaultAuthorizationProvider {

  @Override
  protected Permission[] getRuntimePermissions(boolean enforceSpecificVariablePermission) {
    List<Permission> permissions = new ArrayList<>(Arrays.asList(
        super.getRuntimePermissions(enforceSpecificVariablePermission)));
    if (permissions.stream().noneMatch(p -> p.getName().equals("UPDATE"))) {
      permissions.add(TaskPermissions.TASK_ASSIGN);
    }
    return permissions.toArray(new Permission[0]);
  }
}
