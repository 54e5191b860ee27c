package mil.usace.cwbi.migration.engine;

import java.util.ArrayList;
import java.util.List;
import mil.usace.cwbi.migration.process.forms.FormRules;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Makes the server enforce every user task's Camunda Form: a {@code complete} listener checks the submitted values
 * against the rules of the form the task references ({@code camunda:formRef}). Added at parse time so a model
 * edited in the Modeler cannot lose it.
 */
@Component
public class FormValidationPlugin extends AbstractProcessEnginePlugin {

  private final FormRules rules;

  public FormValidationPlugin(FormRules rules) {
    this.rules = rules;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPreBPMNParseListeners(listeners);
    }
    // The engine wraps a listener's exception; give callers (and the REST API, which answers 400 for it) the
    // validation exception itself. Pre-interceptors sit outside the transaction: it has been rolled back here.
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired();
    if (interceptors == null) {
      interceptors = new ArrayList<>();
      configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }
    interceptors.add(new UnwrapValidationInterceptor());
    // long free text (notes, inventories) must not hit the string column's 4,000 characters: see the serializer
    if (configuration.getCustomPreVariableSerializers() == null) {
      configuration.setCustomPreVariableSerializers(new ArrayList<>());
    }
    configuration.getCustomPreVariableSerializers().add(new LongTextSerializer());
    if (configuration.getHistoryEventProducer() == null) {
      configuration.setHistoryEventProducer(new ClippedFormHistoryProducer());
    }
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        String formId = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
        if (formId == null || !rules.knows(formId)) {
          return;
        }
        TaskListener check = task -> rules.check(formId, task::getVariable);
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, check);
      }
    });
  }
}
