package mil.usace.cwbi.migration.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Which of Camunda REST's 500s are the caller's mistake: exactly the recognised ones, and only those have their
 * stack dropped from the log. A genuine fault stays a 500 with its stack.
 */
class EngineFaultStatusFilterTest {

  static int status(String json) {
    return EngineFaultStatusFilter.statusFor(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aQuerysMissingSortParameterOrObjectValueIsA400AndLookalikesAreNot() {
    assertThat(status("{\"type\":\"NullValueException\",\"message\":\"variableName is null\"}")).isEqualTo(400);
    assertThat(status("{\"type\":\"NullValueException\",\"message\":\"valueType is null\"}")).isEqualTo(400);
    assertThat(status("{\"type\":\"ProcessEngineException\",\"message\":\"Object values cannot be used to query\"}"))
        .isEqualTo(400);
    // an unknown id stays 404; any other engine fault stays 500, whatever its message resembles
    assertThat(status("{\"type\":\"NullValueException\",\"message\":\"Cannot find task nope: task is null\"}"))
        .isEqualTo(404);
    assertThat(status("{\"type\":\"ProcessEngineException\",\"message\":\"Object values cannot be used to query"
        + " because of a bug\"}")).isEqualTo(500);
    assertThat(status("{\"type\":\"ProcessEngineException\",\"message\":\"variableName is null\"}")).isEqualTo(500);
    assertThat(status("{\"type\":\"ProcessEnginePersistenceException\",\"message\":\"connection refused\"}"))
        .isEqualTo(500);
    assertThat(status("<html>500</html>")).isEqualTo(500);
  }

  @Test
  void onlyTheStackOfA500AnsweredAs4xxIsDroppedFromTheLog() {
    String stack = "\n\tat org.camunda.bpm.engine.impl.Foo.bar(Foo.java:1)\n";
    assertThat(EngineRestLogQuieter.isCallerMistake("ENGINE-REST-HTTP500 "
        + "org.camunda.bpm.engine.exception.NullValueException: variableName is null" + stack)).isTrue();
    assertThat(EngineRestLogQuieter.isCallerMistake("ENGINE-REST-HTTP500 "
        + "org.camunda.bpm.engine.ProcessEngineException: Object values cannot be used to query" + stack)).isTrue();
    assertThat(EngineRestLogQuieter.isCallerMistake("ENGINE-REST-HTTP500 java.lang.NullPointerException: "
        + "Cannot invoke \"org.camunda.bpm.engine.task.Task.getCaseDefinitionId()\" because \"task\" is null"
        + stack)).isTrue();
    assertThat(EngineRestLogQuieter.isCallerMistake("ENGINE-REST-HTTP500 "
        + "org.camunda.bpm.engine.ProcessEngineException: Could not execute query" + stack)).isFalse();
    assertThat(EngineRestLogQuieter.isCallerMistake("ENGINE-REST-HTTP500 java.lang.NullPointerException" + stack))
        .isFalse();
    assertThat(EngineRestLogQuieter.isCallerMistake("ENGINE-REST-HTTP400 "
        + "org.camunda.bpm.engine.exception.NullValueException: variableName is null")).isFalse();
  }
}
