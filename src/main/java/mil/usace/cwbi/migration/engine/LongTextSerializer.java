package mil.usace.cwbi.migration.engine;

import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.impl.variable.serializer.PrimitiveValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Text longer than the engine's string column (VARCHAR(4000) on H2 and PostgreSQL): a note, an inventory, a list of
 * critical time series. Still a String to every reader (Java, REST, Tasklist, history), stored in the variable's
 * byte array instead of the text column. Shorter text keeps Camunda's own string serializer.
 */
public class LongTextSerializer extends PrimitiveValueSerializer<StringValue> {

  public static final String NAME = "cwbi-long-text";
  /** Characters the text column holds for sure (4000, minus room for multi-byte encodings of some databases). */
  static final int TEXT_COLUMN_LIMIT = 3900;

  public LongTextSerializer() {
    super(ValueType.STRING);
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  protected boolean canWriteValue(TypedValue value) {
    return value.getValue() instanceof String s && s.length() > TEXT_COLUMN_LIMIT;
  }

  @Override
  public StringValue convertToTypedValue(UntypedValueImpl untypedValue) {
    return Variables.stringValue((String) untypedValue.getValue(), untypedValue.isTransient());
  }

  @Override
  public StringValue readValue(ValueFields valueFields, boolean asTransientValue) {
    byte[] bytes = valueFields.getByteArrayValue();
    return Variables.stringValue(bytes == null ? null : new String(bytes, StandardCharsets.UTF_8), asTransientValue);
  }

  @Override
  public void writeValue(StringValue value, ValueFields valueFields) {
    valueFields.setByteArrayValue(value.getValue().getBytes(StandardCharsets.UTF_8));
  }
}
