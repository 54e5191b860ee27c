package mil.usace.cwbi.migration.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.process.MigrationVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Behind every {@code verify_*} service task: the task's input parameter {@code environment} names what to
 * verify; the report goes to {@code verification_<env>} (readable JSON, shown in forms and Cockpit) and its
 * verdict to {@code verification_<env>_passed}, which the gates read.
 */
@Component("verificationDelegate")
public class VerificationDelegate implements JavaDelegate {

  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final GateVerifier verifier;

  public VerificationDelegate(GateVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Environment environment = Environment.valueOf(String.valueOf(execution.getVariable("environment")));
    MigrationSubject subject = subjectOf(execution);
    VerificationReport report = verifier.verify(environment, subject);
    execution.setVariable(environment.resultVariable(), toJson(report));
    execution.setVariable(environment.passedVariable(), report.passed());
  }

  public static MigrationSubject subjectOf(DelegateExecution execution) {
    return new MigrationSubject(
        MigrationVariables.string(execution, MigrationVariables.OFFICE),
        MigrationVariables.string(execution, MigrationVariables.T7_CDA_URL),
        MigrationVariables.flag(execution, MigrationVariables.USES_USGS_DATA),
        MigrationVariables.criticalTimeSeries(execution),
        MigrationVariables.string(execution, MigrationVariables.TS_GROUP));
  }

  /** The stored shape: environment, office, time, passed, and one line per check. */
  public static String toJson(VerificationReport report) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("environment", report.environment().label());
    doc.put("office", report.office());
    doc.put("time", report.time());
    doc.put("passed", report.passed());
    List<Map<String, Object>> lines = report.checks().stream().map(c -> {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("check", c.check());
      line.put("passed", c.passed());
      line.put("evidence", c.evidence());
      return line;
    }).toList();
    doc.put("checks", lines);
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write verification report", e);
    }
  }
}
