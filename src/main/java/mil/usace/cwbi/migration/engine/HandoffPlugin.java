package mil.usace.cwbi.migration.engine;

import java.util.ArrayList;
import java.util.List;
import mil.usace.cwbi.migration.notification.HandoffListener;
import mil.usace.cwbi.migration.process.MigrationVariables;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Adds the {@link HandoffListener} to every user task of {@code cwbi-migration} at parse time: notifications need
 * nothing in the model, and a task added to the model later is covered too. The listener is looked up lazily: it
 * needs engine services, which exist only after the plugins have run.
 */
@Component
public class HandoffPlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<HandoffListener> listener;

  public HandoffPlugin(ObjectProvider<HandoffListener> listener) {
    this.listener = listener;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
    TaskListener delegate = task -> listener.getObject().notify(task);
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (!(activity.getProcessDefinition() instanceof ProcessDefinitionEntity definitionEntity)
            || !MigrationVariables.isMigrationKey(definitionEntity.getKey())) {
          return;
        }
        TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, delegate);
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, delegate);
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, delegate);
      }
    });
  }
}
