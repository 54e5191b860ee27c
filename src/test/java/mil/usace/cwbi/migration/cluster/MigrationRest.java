package mil.usace.cwbi.migration.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mil.usace.cwbi.migration.process.forms.FormRules;
import mil.usace.cwbi.migration.support.MigrationDriver;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.value.JsonValue;

/**
 * Drives migrations through a node's REST API as a client would (HTTP Basic), with valid form data from the same
 * form rules the server enforces ({@link MigrationDriver#validData}).
 */
final class MigrationRest {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final MigrationDriver forms;
  private final String auth;

  MigrationRest(String user, String password) throws Exception {
    // only its form-data generation is used: no engine services needed
    this.forms = new MigrationDriver(null, null, null, new FormRules(), null);
    this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Starts the office's migration on the node; returns the process instance id. */
  String start(AppNode node, String office, String t7CdaUrl) throws Exception {
    Map<String, Object> data = new LinkedHashMap<>(forms.startData(office, false));
    data.put("t7CdaUrl", t7CdaUrl);
    JsonNode started = post(node, "/engine-rest/process-definition/key/cwbi-migration/submit-form", data, 200);
    if (!office.equals(started.path("businessKey").asText())) {
      throw new AssertionError("started " + started + " for " + office);
    }
    return started.path("id").asText();
  }

  /** Completes the instance's open task with that key on the node, with valid data. */
  void complete(AppNode node, String processInstanceId, String taskKey) throws Exception {
    JsonNode tasks = get(node, "/engine-rest/task?processInstanceId=" + processInstanceId + "&taskDefinitionKey="
        + URLEncoder.encode(taskKey, StandardCharsets.UTF_8));
    if (tasks.size() != 1) {
      throw new AssertionError("expected one open " + taskKey + " on " + processInstanceId + ", found " + tasks);
    }
    post(node, "/engine-rest/task/" + tasks.get(0).path("id").asText() + "/submit-form",
        forms.validData(taskKey), 204);
  }

  JsonNode get(AppNode node, String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
        .header("Authorization", auth).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + path + " on " + node.name + ": " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** Submissions that collided with a job on the same migration (a rolled-back transaction), then gave up. */
  int conflictsRetried;

  JsonNode post(AppNode node, String path, Map<String, Object> values, int expected) throws Exception {
    String body = JSON.writeValueAsString(Map.of("variables", typed(values)));
    HttpResponse<String> r;
    for (int attempt = 1; ; attempt++) {
      r = HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
          .header("Authorization", auth).header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      // A job of the same migration committed first (optimistic locking): nothing of this submission was stored,
      // so the user submits again, as Tasklist tells them to.
      if (r.statusCode() == 500 && r.body().contains("updated by another transaction concurrently") && attempt < 5) {
        synchronized (this) {
          conflictsRetried++;
        }
        Thread.sleep(200L * attempt);
        continue;
      }
      break;
    }
    if (r.statusCode() != expected) {
      throw new AssertionError("POST " + path + " on " + node.name + ": " + r.statusCode() + " " + r.body());
    }
    return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
  }

  /** Camunda's REST variable format, as Tasklist sends it. */
  static Map<String, Object> typed(Map<String, Object> values) throws Exception {
    Map<String, Object> vars = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Object v = e.getValue();
      Map<String, Object> typed = new LinkedHashMap<>();
      if (v instanceof JsonValue json) {
        typed.put("value", json.getValueSerialized());
        typed.put("type", "Json");
      } else if (v instanceof List<?> || v instanceof Map<?, ?>) {
        typed.put("value", JSON.writeValueAsString(v));
        typed.put("type", "Json");
      } else if (v instanceof TypedValue t) {
        typed.put("value", t.getValue());
      } else {
        typed.put("value", v);
        typed.put("type", v instanceof Boolean ? "Boolean" : v instanceof Long ? "Long"
            : v instanceof Integer ? "Integer" : "String");
      }
      vars.put(e.getKey(), typed);
    }
    return vars;
  }
}
