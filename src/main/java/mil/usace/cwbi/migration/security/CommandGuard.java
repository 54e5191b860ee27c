package mil.usace.cwbi.migration.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import mil.usace.cwbi.migration.process.MigrationVariables;
import mil.usace.cwbi.migration.process.StartStep;
import mil.usace.cwbi.migration.process.Office;
import mil.usace.cwbi.migration.process.forms.JsonValues;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One way in: every engine call a person makes (webapps, both REST APIs, the Java API with an authenticated user)
 * passes here before it runs, outside its transaction. Jobs and the application's own calls (no authenticated
 * user) pass unchecked. A person
 * <ul>
 *   <li>starts only their own office's migration (403 before anything else), at its start event, with the start
 *       form's fields only (400 naming the first other one); the start listener then checks the form's rules and one
 *       migration per office;</li>
 *   <li>completes a task with its form's fields only (what the form shows read-only, which Tasklist sends back,
 *       is dropped, never written);</li>
 *   <li>outside a form (variable endpoints, Cockpit) writes only a task form's evidence field, never what the
 *       process owns ({@link VariableOwnership}); Camunda's operation log records who and when, shown in the trail;</li>
 *   <li>in a district, hands a task (claim, assign, delegate, owner, candidate user) only to a member of their
 *       district, and never changes a task's candidate groups;</li>
 *   <li>never deletes a migration's task, and, unless in {@code camunda-admin}, never modifies, restarts or migrates
 *       an instance, starts one past its start event or skips its listeners or input/output mappings. An
 *       administrator's start of that kind is annotated in the operation log (the office's audit trail).</li>
 * </ul>
 * Every refusal is logged as one WARN line (who, what, why). Because the refusals of the engine's own listeners
 * would otherwise be logged as errors with their stack (ENGINE-16004), the engine's command-context logger is
 * silenced in application.yaml and this class logs each failed call once instead, at the same levels.
 */
public class CommandGuard extends CommandInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(CommandGuard.class);

  /** Commands that move an instance past its model (or set variables in bulk, or fire events with variables). */
  static final Set<String> ADMIN_ONLY = Set.of("ModifyProcessInstanceCmd", "ModifyProcessInstanceAsyncCmd",
      "ProcessInstanceModificationCmd", "ProcessInstanceModificationBatchCmd", "RestartProcessInstancesCmd",
      "RestartProcessInstancesBatchCmd", "MigrateProcessInstanceCmd", "MigrateProcessInstanceBatchCmd",
      "SetVariablesToProcessInstancesBatchCmd", "CorrelateMessageCmd", "CorrelateAllMessageCmd",
      "CorrelateAllMessageBatchCmd", "MessageEventReceivedCmd", "SignalEventReceivedCmd", "SignalCmd",
      "EvaluateStartConditionCmd", "SetJobDuedateCmd", "RecalculateJobDuedateCmd",
      // a BPMN error or escalation thrown "by" a task ends it (nothing in the model catches one) and writes any
      // variable: the form and its rules are skipped. The model has no external tasks either.
      "HandleTaskBpmnErrorCmd", "HandleTaskEscalationCmd", "CompleteExternalTaskCmd",
      "HandleExternalTaskBpmnErrorCmd");

  /** Commands that write an annotation (a 4,000-character column) on an operation log entry or an incident. */
  static final Set<String> ANNOTATIONS = Set.of("SetAnnotationForOperationLog", "SetAnnotationForIncidentCmd");

  /** Column sizes of the identity and task tables (Camunda's schema): longer is 400, never the database's 500. */
  static final int NAME_COLUMN = 255;
  static final int TEXT_COLUMN = 4000;

  /** Commands that put a user (or group) on a task: a district hands its tasks only to its own people. */
  static final Set<String> HANDOVER = Set.of("ClaimTaskCmd", "AssignTaskCmd", "SetTaskOwnerCmd", "DelegateTaskCmd",
      "AddUserIdentityLinkCmd", "AddGroupIdentityLinkCmd", "DeleteGroupIdentityLinkCmd");

  private final ProcessEngineConfigurationImpl configuration;
  private final VariableOwnership ownership;

  public CommandGuard(ProcessEngineConfigurationImpl configuration, VariableOwnership ownership) {
    this.configuration = configuration;
    this.ownership = ownership;
  }

  record Person(String userId, boolean admin, boolean hec, Set<String> offices) {}

  @Override
  public <T> T execute(Command<T> command) {
    if (Context.getCommandContext() != null) {
      return next.execute(command); // a call made inside another: the outer one was checked
    }
    Authentication auth = configuration.getIdentityService().getCurrentAuthentication();
    String userId = auth == null ? null : auth.getUserId();
    try {
      // only the calls we guard need the person's groups (reading them is a call of its own, not guarded)
      Person person = userId == null || !isGuarded(command) ? null : person(auth);
      if (person != null) {
        check(command, person);
      }
      T result = next.execute(command);
      if (person != null && person.admin() && result instanceof ProcessInstance started && isUnusualStart(command)) {
        annotateStart(started.getId(), command);
      }
      return result;
    } catch (RuntimeException e) {
      throw logged(command, userId, e);
    }
  }

  private static boolean isGuarded(Command<?> command) {
    return ADMIN_ONLY.contains(command.getClass().getSimpleName())
        || HANDOVER.contains(command.getClass().getSimpleName())
        || ANNOTATIONS.contains(command.getClass().getSimpleName())
        || command instanceof StartProcessInstanceCmd || command instanceof StartProcessInstanceAtActivitiesCmd
        || command instanceof SubmitStartFormCmd || command instanceof CompleteTaskCmd
        || command instanceof SubmitTaskFormCmd || command instanceof AbstractSetVariableCmd
        || command instanceof AbstractRemoveVariableCmd || command instanceof AbstractPatchVariablesCmd
        || command instanceof DeleteTaskCmd || command instanceof SaveTaskCmd || command instanceof SaveUserCmd;
  }

  private RuntimeException logged(Command<?> command, String userId, RuntimeException e) {
    if (Refusal.isRefusal(e) && userId != null) {
      LOG.warn("Refused {} {}: {}", userId, what(command), oneLine(e.getMessage()));
      return Refusal.forCaller(e);
    }
    // the engine's "no such id" for a person's call (GetDeployedTaskFormCmd says it with an NPE), and a person's
    // query comparing with an object value
    if ((e instanceof NullValueException || isDeployedFormOfNoTask(command, e)
        || EngineFaultStatusFilter.isObjectValueQuery(e.getClass().getSimpleName(), String.valueOf(e.getMessage())))
        && userId != null) {
      LOG.warn("Refused {} {}: {}", userId, what(command), oneLine(e.getMessage()));
      return e;
    }
    if (e instanceof TaskAlreadyClaimedException) {
      LOG.info("{}: {}", what(command), oneLine(e.getMessage()));
    } else if (e instanceof OptimisticLockingException || Refusal.isRefusal(e)) {
      LOG.debug("{}: {}", what(command), e.getMessage(), e);
    } else {
      LOG.error("{} failed: {}", what(command), e.getMessage(), e);
    }
    return Refusal.isRefusal(e) ? Refusal.forCaller(e) : e;
  }

  /** Camunda's {@code GetDeployedTaskFormCmd} for an unknown task id fails with an NPE on the missing task. */
  private static boolean isDeployedFormOfNoTask(Command<?> command, RuntimeException e) {
    return e instanceof NullPointerException && command.getClass().getSimpleName().equals("GetDeployedTaskFormCmd")
        && String.valueOf(e.getMessage()).endsWith("because \"task\" is null");
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ");
  }

  static String what(Command<?> command) {
    String name = command.getClass().getSimpleName().replaceAll("Cmd$", "");
    for (String field : List.of("taskId", "entityId", "processDefinitionId", "processInstanceId")) {
      String id = CommandFields.string(command, field);
      if (id != null) {
        return name + " " + field.replace("Id", "") + " " + id;
      }
    }
    return name;
  }

  private Person person(Authentication auth) {
    List<String> groups = auth.getGroupIds();
    if (groups == null) {
      groups = configuration.getIdentityService().createGroupQuery().groupMember(auth.getUserId()).list().stream()
          .map(Group::getId).toList();
    }
    Set<String> offices = groups.stream().map(Office::ofGroup).filter(Objects::nonNull).map(Office::id)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
    return new Person(auth.getUserId(), groups.contains(Groups.ADMIN), groups.contains(Groups.HEC), offices);
  }

  /** Refuses what the person may not do. */
  private void check(Command<?> command, Person person) {
    String type = command.getClass().getSimpleName();
    if (ADMIN_ONLY.contains(type)) {
      if (!person.admin()) {
        throw Refusal.forbidden("Only camunda-admin may " + words(type) + ": a migration moves only through its "
            + "tasks' forms and its checks.");
      }
      return;
    }
    if (ANNOTATIONS.contains(type)) {
      checkLength("annotation", CommandFields.string(command, "annotation"), TEXT_COLUMN);
      return;
    }
    String missing = missingTarget(command);
    if (missing != null) {
      throw Refusal.notFound(missing);
    }
    if (HANDOVER.contains(type)) {
      checkHandover(person, type, command);
      return;
    }
    if (command instanceof StartProcessInstanceCmd || command instanceof StartProcessInstanceAtActivitiesCmd) {
      ProcessInstantiationBuilderImpl builder =
          (ProcessInstantiationBuilderImpl) CommandFields.read(command, "instantiationBuilder");
      var modification = builder.getModificationBuilder();
      boolean unusual = !modification.getModificationOperations().isEmpty() || modification.isSkipCustomListeners()
          || modification.isSkipIoMappings();
      checkStart(person, definitionKey(builder.getProcessDefinitionKey(), builder.getProcessDefinitionId()),
          builder.getBusinessKey(), builder.getVariables(), unusual);
    } else if (command instanceof SubmitStartFormCmd) {
      @SuppressWarnings("unchecked")
      Map<String, Object> variables = (Map<String, Object>) CommandFields.read(command, "variables");
      checkStart(person, definitionKey(null, CommandFields.string(command, "processDefinitionId")),
          CommandFields.string(command, "businessKey"), variables, false);
    } else if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
      @SuppressWarnings("unchecked")
      Map<String, Object> variables = (Map<String, Object>) CommandFields.read(command,
          command instanceof CompleteTaskCmd ? "variables" : "properties");
      checkSubmission(person, CommandFields.string(command, "taskId"), variables);
    } else if (command instanceof AbstractSetVariableCmd || command instanceof AbstractRemoveVariableCmd
        || command instanceof AbstractPatchVariablesCmd) {
      checkVariableEdit(person, command);
    } else if (command instanceof DeleteTaskCmd) {
      checkTaskDeletion(person, command);
    } else if (command instanceof SaveTaskCmd) {
      checkSavedTask(person, (Task) CommandFields.read(command, "task"));
    } else if (command instanceof SaveUserCmd) {
      checkSavedUser((User) CommandFields.read(command, "user"));
    }
  }

  /**
   * The task or execution a call names, when it does not exist at all: the REST resources answer that with the
   * engine's 500 (complete, submit-form, claim, the variable endpoints). Null when it exists (whether the person
   * may see it is the engine's own check).
   */
  private String missingTarget(Command<?> command) {
    boolean onTask = command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd
        || HANDOVER.contains(command.getClass().getSimpleName()) || command instanceof SetTaskVariablesCmd
        || command instanceof RemoveTaskVariablesCmd || command instanceof PatchTaskVariablesCmd;
    boolean onExecution = !onTask && (command instanceof AbstractSetVariableCmd
        || command instanceof AbstractRemoveVariableCmd || command instanceof AbstractPatchVariablesCmd);
    if (onTask) {
      String id = CommandFields.string(command, "taskId");
      id = id != null ? id : CommandFields.string(command, "entityId");
      String taskId = id;
      return taskId != null && system(ctx -> ctx.getTaskManager().findTaskById(taskId)) == null
          ? "No task with id '" + taskId + "' (finished, or never there)." : null;
    }
    if (onExecution) {
      String executionId = CommandFields.string(command, "entityId");
      return executionId != null && system(ctx -> ctx.getExecutionManager().findExecutionById(executionId)) == null
          ? "No process instance or execution with id '" + executionId + "' (finished, or never there)." : null;
    }
    return null;
  }

  private static String words(String commandType) {
    return switch (commandType) {
      case "ModifyProcessInstanceCmd", "ModifyProcessInstanceAsyncCmd", "ProcessInstanceModificationCmd",
          "ProcessInstanceModificationBatchCmd" -> "modify a running process instance (start or cancel activities)";
      case "RestartProcessInstancesCmd", "RestartProcessInstancesBatchCmd" -> "restart process instances";
      case "MigrateProcessInstanceCmd", "MigrateProcessInstanceBatchCmd" -> "migrate process instances";
      case "SetVariablesToProcessInstancesBatchCmd" -> "set variables of many process instances at once";
      case "SetJobDuedateCmd", "RecalculateJobDuedateCmd" -> "change when a job or timer is due";
      case "HandleTaskBpmnErrorCmd", "HandleTaskEscalationCmd" -> "end a task with a BPMN error or escalation "
          + "(a task is finished by completing its form)";
      case "CompleteExternalTaskCmd", "HandleExternalTaskBpmnErrorCmd" -> "complete external tasks";
      default -> "send messages, signals or conditions with variables into a process";
    };
  }

  // --- start -----------------------------------------------------------------------------------------------

  private void checkStart(Person person, String definitionKey, String businessKey, Map<String, Object> variables,
      boolean unusual) {
    if (!MigrationVariables.PROCESS_KEY.equals(definitionKey)) {
      if (!person.admin()) {
        throw Refusal.forbidden("Only camunda-admin may start process '" + definitionKey + "': people start the "
            + "District Cloud Migration only.");
      }
      return;
    }
    Map<String, Object> vars = variables == null ? Map.of() : variables;
    refuseOpaqueValues(vars);
    Object rawOffice = vars.get(MigrationVariables.OFFICE);
    String office = rawOffice == null ? null : Office.normalise(String.valueOf(JsonValues.plain(rawOffice)));
    if (!person.admin() && !person.hec()) {
      for (String asked : new String[] {office, businessKey}) {
        if (asked != null && !asked.isBlank() && !person.offices().contains(Office.normalise(asked))) {
          String wanted = Office.normalise(asked);
          wanted = wanted.length() > 40 ? wanted.substring(0, 40) + "..." : wanted; // a typed value, not echoed whole
          throw Refusal.forbidden("User '" + person.userId() + "' may not start the migration of office " + wanted
              + ": only members of " + Groups.district(wanted) + ", " + Groups.HEC + " or " + Groups.ADMIN
              + " may.");
        }
      }
    }
    Integer startStep = StartStep.parse(JsonValues.plain(vars.get(StartStep.VARIABLE)));
    if (!person.admin() && !person.hec() && startStep != null && startStep != 1) {
      // a district never declares its own steps done (issue 14): 403 before anything is created
      throw Refusal.forbidden("User '" + person.userId() + "' may not start a migration at a later step: only "
          + Groups.HEC + " or " + Groups.ADMIN + " may declare steps done before this application. Start at Step 1, "
          + "or ask HEC to start the office where it stands.");
    }
    if (unusual && !person.admin()) {
      throw Refusal.forbidden("Only camunda-admin may start a migration past its start event or skip its "
          + "listeners or input/output mappings (startInstructions, skipCustomListeners, skipIoMappings).");
    }
    if (unusual) {
      return; // an administrator's override, past the start event: they supply what it would have set; audited
    }
    Set<String> fields = ownership.fieldsOf(MigrationVariables.START_FORM);
    for (String name : vars.keySet()) {
      if (!fields.contains(name)) {
        throw Refusal.badRequest(name, "Variable '" + name + "' is not a field of the start form; a start "
            + "writes only the start form's fields: " + String.join(", ", fields) + ".");
      }
    }
  }

  private void annotateStart(String processInstanceId, Command<?> command) {
    String what = "Administrator's start that bypasses the start event's rules (" + what(command) + ")";
    try {
      for (UserOperationLogEntry entry : configuration.getHistoryService().createUserOperationLogQuery()
          .processInstanceId(processInstanceId).operationType(UserOperationLogEntry.OPERATION_TYPE_CREATE).list()) {
        configuration.getHistoryService().setAnnotationForOperationLogById(entry.getOperationId(), what);
      }
    } catch (RuntimeException e) { // the start stands; its "Create" line in the trail just lacks the note
      LOG.warn("Could not annotate the administrator's start of {}: {}", processInstanceId, e.getMessage());
    }
  }

  private static boolean isUnusualStart(Command<?> command) {
    if (command instanceof StartProcessInstanceCmd || command instanceof StartProcessInstanceAtActivitiesCmd) {
      var modification = ((ProcessInstantiationBuilderImpl) CommandFields.read(command, "instantiationBuilder"))
          .getModificationBuilder();
      return !modification.getModificationOperations().isEmpty() || modification.isSkipCustomListeners()
          || modification.isSkipIoMappings();
    }
    return false;
  }

  // --- task forms ------------------------------------------------------------------------------------------

  private record TaskFacts(String processDefinitionKey, String formId, String executionId) {}

  private TaskFacts taskFacts(String taskId) {
    return system(ctx -> {
      TaskEntity task = ctx.getTaskManager().findTaskById(taskId);
      if (task == null || task.getProcessDefinitionId() == null) {
        return task == null ? null : new TaskFacts(null, null, null);
      }
      ProcessDefinitionEntity definition = ctx.getProcessEngineConfiguration().getDeploymentCache()
          .findDeployedProcessDefinitionById(task.getProcessDefinitionId());
      BpmnModelInstance model = ctx.getProcessEngineConfiguration().getDeploymentCache()
          .findBpmnModelInstanceForProcessDefinition(definition);
      String formId = model.getModelElementById(task.getTaskDefinitionKey()) instanceof UserTask userTask
          ? userTask.getCamundaFormRef() : null;
      return new TaskFacts(definition.getKey(), formId, task.getExecutionId());
    });
  }

  private boolean canSeeTask(String taskId) {
    return configuration.getTaskService().createTaskQuery().taskId(taskId).count() > 0;
  }

  private void checkSubmission(Person person, String taskId, Map<String, Object> variables) {
    if (taskId == null || variables == null || variables.isEmpty() || !canSeeTask(taskId)) {
      return; // nothing to write, or the engine refuses the call itself (403/404) without our saying more
    }
    TaskFacts task = taskFacts(taskId);
    if (task == null || !MigrationVariables.isMigrationKey(task.processDefinitionKey())) {
      return;
    }
    refuseOpaqueValues(variables);
    Set<String> fields = task.formId() == null ? Set.of() : ownership.fieldsOf(task.formId());
    Set<String> shown = task.formId() == null ? Set.of() : ownership.shownReadOnlyBy(task.formId());
    for (String name : List.copyOf(variables.keySet())) {
      if (fields.contains(name)) {
        continue;
      }
      if (shown.contains(name)) {
        // Tasklist sends back what the form shows read-only (form-js submits readonly fields): never written
        Object sent = variables.get(name);
        try {
          variables.remove(name);
        } catch (UnsupportedOperationException immutable) { // a Java caller's fixed map: it must be unchanged
          Object current = system(ctx -> configuration.getTaskService().getVariable(taskId, name));
          if (!sameValue(current, sent)) {
            throw Refusal.badRequest(name, "Field '" + name + "' is shown read-only on this form and cannot be "
                + "changed.");
          }
        }
        continue;
      }
      throw Refusal.badRequest(name, "Variable '" + name + "' is not a field of this task's form"
          + (fields.isEmpty() ? "" : " (its fields: " + String.join(", ", fields) + ")")
          + "; a submission writes its form's fields and nothing else.");
    }
  }

  /**
   * A form writes text, yes/no, numbers, dates and JSON lists. An object, file or byte value (e.g. a serialized Java
   * object, which the engine refuses only as a 500, or cannot even read without deserializing) is a 400.
   */
  private static void refuseOpaqueValues(Map<String, Object> variables) {
    for (String name : variables.keySet()) {
      // a VariableMap's get() deserializes: its typed value is read without
      Object value = variables instanceof VariableMap map ? map.getValueTyped(name) : variables.get(name);
      if (value instanceof TypedValue typed && !(typed instanceof JsonValue) && typed.getType() != null
          && (!typed.getType().isPrimitiveValueType() || typed.getType() == ValueType.BYTES)) {
        throw Refusal.badRequest(name, "Field '" + name + "' takes what its form writes (text, yes/no, "
            + "a number, a date or a list), not a value of type " + typed.getType().getName() + ".");
      }
    }
  }

  private static boolean sameValue(Object current, Object submitted) {
    Object a = plainValue(current);
    Object b = plainValue(submitted);
    if (a == null || b == null) {
      return a == null && (b == null || String.valueOf(b).isBlank());
    }
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return Objects.equals(a, b) || String.valueOf(a).strip().equals(String.valueOf(b).strip());
  }

  private static Object plainValue(Object v) {
    if (v instanceof org.camunda.bpm.engine.variable.value.TypedValue typed) {
      v = typed.getValue();
    }
    try {
      return JsonValues.plain(v);
    } catch (IllegalArgumentException e) {
      return v;
    }
  }

  // --- variables outside a form ----------------------------------------------------------------------------

  private void checkVariableEdit(Person person, Command<?> command) {
    String entityId = CommandFields.string(command, "entityId");
    List<String> names = new ArrayList<>();
    Object set = CommandFields.read(command, "variables");
    if (set instanceof Map<?, ?> map) {
      map.keySet().forEach(k -> names.add(String.valueOf(k)));
    }
    for (String field : List.of("variableNames", "deletions")) {
      if (CommandFields.read(command, field) instanceof Collection<?> removed) {
        removed.forEach(k -> names.add(String.valueOf(k)));
      }
    }
    if (entityId == null || names.isEmpty()) {
      return;
    }
    boolean onTask = command instanceof SetTaskVariablesCmd || command instanceof RemoveTaskVariablesCmd
        || command instanceof PatchTaskVariablesCmd;
    String key = system(ctx -> {
      String definitionId;
      if (onTask) {
        TaskEntity task = ctx.getTaskManager().findTaskById(entityId);
        definitionId = task == null ? null : task.getProcessDefinitionId();
      } else {
        ExecutionEntity execution = ctx.getExecutionManager().findExecutionById(entityId);
        definitionId = execution == null ? null : execution.getProcessDefinitionId();
      }
      return definitionId == null ? null : ctx.getProcessEngineConfiguration().getDeploymentCache()
          .findDeployedProcessDefinitionById(definitionId).getKey();
    });
    if (key == null) {
      return; // no such task or execution: the engine answers
    }
    if (!MigrationVariables.isMigrationKey(key)) {
      if (!person.admin()) {
        throw Refusal.forbidden("Only camunda-admin may change variables of process '" + key + "'.");
      }
      return;
    }
    for (String name : names) {
      if (ownership.isOwnedByTheProcess(name)) {
        throw Refusal.forbidden("Variable '" + name + "' is kept by the process (what the start form fixed, the "
            + "district group, check results, gate decisions, counters): nobody may change it outside its form.");
      }
      if (!ownership.isTaskFormField(name)) {
        throw Refusal.badRequest(name, "Unknown variable '" + name + "': outside a form only a task form's own "
            + "fields may be corrected.");
      }
    }
    if (set instanceof Map<?, ?> map) { // a correction keeps what its form would accept: kind, length, format
      for (Object sent : map.keySet()) {
        String name = String.valueOf(sent);
        Object value = map instanceof VariableMap typed ? typed.getValueTyped(name) : map.get(sent);
        String problem = ownership.editProblem(name, value);
        if (problem != null) {
          throw Refusal.badRequest(name, problem);
        }
      }
    }
  }

  /** A claim, assignment, delegation or candidate by a district names one of its own members, never a group. */
  private void checkHandover(Person person, String type, Command<?> command) {
    for (String field : List.of("userId", "groupId", "type")) { // identity-link columns: 255 (else the DB's 500)
      checkLength(field, CommandFields.string(command, field), NAME_COLUMN);
    }
    if (person.admin() || person.hec()) {
      return;
    }
    if (type.contains("GroupIdentityLink")) {
      throw Refusal.forbidden("A task's candidate groups are set by the process: only " + Groups.HEC + " or "
          + Groups.ADMIN + " may change them.");
    }
    checkHandover(person, type, CommandFields.string(command, "userId"));
  }

  private void checkHandover(Person person, String type, String target) {
    if (person.admin() || person.hec()) {
      return;
    }
    if (target == null || target.equals(person.userId())) {
      return;
    }
    boolean colleague = person.offices().stream().anyMatch(office -> configuration.getIdentityService()
        .createUserQuery().userId(target).memberOfGroup(Groups.district(office)).count() > 0);
    if (!colleague) {
      throw Refusal.forbidden("User '" + person.userId() + "' may hand a task only to a member of "
          + String.join(", ", person.offices().stream().map(Groups::district).sorted().toList()) + "; '" + target
          + "' is not one.");
    }
  }

  /**
   * {@code PUT /task/{id}} saves the whole task: with only TASK_ASSIGN a district may still change its assignee or
   * owner that way, so the hand-over rule applies to it as to a claim. Name and description fit their columns.
   */
  private void checkSavedTask(Person person, Task task) {
    if (task == null) {
      return;
    }
    checkLength("name", task.getName(), NAME_COLUMN);
    checkLength("description", task.getDescription(), TEXT_COLUMN);
    if (person.admin() || person.hec() || task.getId() == null) {
      return;
    }
    Task stored = system(ctx -> ctx.getTaskManager().findTaskById(task.getId()));
    if (stored != null && !Objects.equals(stored.getAssignee(), task.getAssignee())) {
      checkHandover(person, "AssignTaskCmd", task.getAssignee());
    }
    if (stored != null && !Objects.equals(stored.getOwner(), task.getOwner())) {
      checkHandover(person, "SetTaskOwnerCmd", task.getOwner());
    }
  }

  /** A user's own profile (every user may edit it): each value fits its 255-character column. */
  private static void checkSavedUser(User user) {
    if (user != null) {
      checkLength("id", user.getId(), NAME_COLUMN);
      checkLength("firstName", user.getFirstName(), NAME_COLUMN);
      checkLength("lastName", user.getLastName(), NAME_COLUMN);
      checkLength("email", user.getEmail(), NAME_COLUMN);
    }
  }

  private static void checkLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw Refusal.badRequest(field, "Field '" + field + "' must have at most " + max + " characters (it has "
          + value.length() + ").");
    }
  }

  private void checkTaskDeletion(Person person, Command<?> command) {
    String taskId = CommandFields.string(command, "taskId");
    if (!person.admin()) {
      throw Refusal.forbidden("Tasks are finished by completing their form; only camunda-admin may delete a task.");
    }
    if (taskId != null) {
      TaskFacts task = taskFacts(taskId);
      if (task != null && task.executionId() != null) {
        throw Refusal.badRequest("taskId", "Task " + taskId + " belongs to a running process: it is finished by "
            + "completing it (or by cancelling its process instance), not deleted.");
      }
    }
  }

  // --- helpers ---------------------------------------------------------------------------------------------

  private String definitionKey(String key, String definitionId) {
    if (key != null || definitionId == null) {
      return key;
    }
    return system(ctx -> {
      ProcessDefinitionEntity d = ctx.getProcessEngineConfiguration().getDeploymentCache()
          .findProcessDefinitionFromCache(definitionId);
      if (d == null) {
        d = ctx.getProcessDefinitionManager().findLatestDefinitionById(definitionId);
      }
      return d == null ? null : d.getKey();
    });
  }

  /** Reads what the check needs in a command of its own, as the system (the person may not see it all). */
  private <R> R system(Function<CommandContext, R> read) {
    return next.execute(ctx -> ctx.runWithoutAuthorization(() -> read.apply(ctx)));
  }
}
