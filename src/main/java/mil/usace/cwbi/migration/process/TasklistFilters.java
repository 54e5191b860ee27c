package mil.usace.cwbi.migration.process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tasklist shows nothing until a filter exists. These three give every user their work at once: "My group's tasks"
 * (what their district or HEC may claim, and has claimed), "My tasks", and for HEC "All offices". Each shows the
 * office and due date columns. Created once, in every profile (they hold no data, only queries).
 *
 * <p>Tasklist opens the filter with the lowest priority. That is "My group's tasks": a migration's new tasks are
 * offered to the district's group, so right after starting one (or logging in) the user sees them there, not an
 * empty "My tasks".
 */
@Component
@Order(20)
public class TasklistFilters {

  public static final String MY_TASKS = "My tasks";
  public static final String MY_GROUPS_TASKS = "My group's tasks";
  public static final String ALL_OFFICES = "All offices";

  private final FilterService filters;
  private final TaskService tasks;

  public TasklistFilters(FilterService filters, TaskService tasks) {
    this.filters = filters;
    this.tasks = tasks;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void onReady() {
    create(MY_GROUPS_TASKS, -10, "#e38d13", "Tasks my district (or HEC) may claim",
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks());
    create(MY_TASKS, -5, "#1b6ac9", "Tasks assigned to me",
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    create(ALL_OFFICES, 0, "#555555", "HEC: every office's open migration tasks",
        tasks.createTaskQuery().processDefinitionKeyIn(MigrationVariables.PROCESS_KEYS));
  }

  private void create(String name, int priority, String color, String description, TaskQuery query) {
    Filter existing = filters.createFilterQuery().filterName(name).list().stream().findFirst().orElse(null);
    if (existing != null) {
      // an older database keeps its filters; only their order (which one opens first) is brought up to date, and
      // HEC's filter of every office's tasks takes the current processes (version 3 added the called checks' fix
      // tasks): the application's own filter, so its query is the application's
      if (ALL_OFFICES.equals(name)) {
        filters.saveFilter(existing.setQuery(query));
      }
      if (!Integer.valueOf(priority).equals(existing.getProperties().get("priority"))) {
        Map<String, Object> props = new LinkedHashMap<>(existing.getProperties());
        props.put("priority", priority);
        filters.saveFilter(existing.setProperties(props));
      }
      return;
    }
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("description", description);
    props.put("priority", priority);
    props.put("color", color);
    props.put("refresh", true);
    props.put("variables", List.of(
        Map.of("name", "office", "label", "Office"),
        Map.of("name", "districtGroup", "label", "District")));
    Filter filter = filters.newTaskFilter(name).setQuery(query).setProperties(props);
    filters.saveFilter(filter);
  }
}
