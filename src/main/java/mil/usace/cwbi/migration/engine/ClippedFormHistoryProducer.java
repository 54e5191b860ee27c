package mil.usace.cwbi.migration.engine;

import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Camunda's history producer, except that a submitted form field's text in the form-property history (a plain
 * VARCHAR(4000) column, written by {@code submit-form}) is clipped. The full value stays in the variable and its
 * history ({@link LongTextSerializer}); without this a long note failed the whole submission.
 */
public class ClippedFormHistoryProducer extends CacheAwareHistoryEventProducer {

  @Override
  public HistoryEvent createFormPropertyUpdateEvt(ExecutionEntity execution, String propertyId, String propertyValue,
      String taskId) {
    String value = propertyValue != null && propertyValue.length() > LongTextSerializer.TEXT_COLUMN_LIMIT
        ? propertyValue.substring(0, LongTextSerializer.TEXT_COLUMN_LIMIT - 3) + "..." : propertyValue;
    return super.createFormPropertyUpdateEvt(execution, propertyId, value, taskId);
  }
}
