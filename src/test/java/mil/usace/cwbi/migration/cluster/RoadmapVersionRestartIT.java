package mil.usace.cwbi.migration.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

/**
 * The packaged application moves running offices to the new roadmap version when it starts: offices started on
 * version 1 (the test copy, deployed through the REST API as an administrator would, after version 2 as production
 * held them, and then the newest), the node stopped and started again on the same H2 file; when it reports ready,
 * the offices ran through version 2 to version 3 with their tasks, the new Step 1 tasks, the version on the
 * dashboard and both moves in their audit trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoadmapVersionRestartIT {

  static final Path DATA = Path.of("target/roadmap-restart/data");
  AppNode node;

  @AfterAll
  void stop() throws Exception {
    if (node != null) {
      node.stop();
    }
  }

  AppNode newNode(String name, int port) {
    return AppNode.demoOnH2(name, port, DATA, "--logging.level.mil.usace.cwbi.migration.process.versions=INFO");
  }

  @Test
  void runningOfficesMoveThroughVersion2ToVersion3WhenTheApplicationStarts() throws Exception {
    FileSystemUtils.deleteRecursively(DATA);
    int port = ThrowawayPostgres.freePort();
    node = newNode("roadmap-v1", port).start().awaitReady(Duration.ofMinutes(3));
    MigrationRest rest = new MigrationRest("admin", "demo");
    deploy("cwbi-migration-v2.bpmn", "roadmap version 2");
    deploy("cwbi-migration-v1.bpmn", "roadmap version 1");

    String swt = rest.start(node, "SWT", node.baseUrl() + "/cda-sim/t7-swt/");
    rest.complete(node, swt, "task_1_3_critimport");
    rest.complete(node, swt, "task_1_4_shef_parser"); // waits at version 1's inclusive join
    String lrl = rest.start(node, "LRL", node.baseUrl() + "/cda-sim/t7-lrl/");
    assertThat(definitionTag(rest, swt)).isEqualTo("1.0.0");
    List<String> before = tasks(rest, swt);
    assertThat(before).containsExactly("task_1_1_convert_scripts");
    String task11 = rest.get(node, "/engine-rest/task?processInstanceId=" + swt).get(0).path("id").asText();

    node.stop();
    node = newNode("roadmap-v2", port).start().awaitReady(Duration.ofMinutes(3));

    assertThat(node.tail()).contains("Office SWT moved to roadmap version 2 in ")
        .contains("Office LRL moved to roadmap version 2 in ").contains("Office SWT moved to roadmap version 3 in ")
        .contains("Office LRL moved to roadmap version 3 in ");
    assertThat(definitionTag(rest, swt)).isEqualTo("3");
    assertThat(definitionTag(rest, lrl)).isEqualTo("3");
    assertThat(tasks(rest, swt)).containsExactly("task_1_1_convert_scripts", "task_1_5_export_shef_config",
        "task_1_6_opendcs_dev");
    assertThat(rest.get(node, "/engine-rest/task?processInstanceId=" + swt + "&taskDefinitionKey="
        + "task_1_1_convert_scripts").get(0).path("id").asText()).isEqualTo(task11);
    assertThat(tasks(rest, lrl)).containsExactly("task_1_1_convert_scripts", "task_1_3_critimport",
        "task_1_6_opendcs_dev");
    for (JsonNode row : rest.get(node, "/api/dashboard/offices")) {
      if (List.of("SWT", "LRL").contains(row.path("office").asText())) {
        assertThat(row.path("roadmapVersion").asText()).as(row.path("office").asText()).isEqualTo("3");
      }
    }
    assertThat(text("/api/dashboard/offices/SWT/audit.csv")).contains("Moved to roadmap version 2")
        .contains("Moved to roadmap version 3")
        .contains("Tasks 1.5 and 1.6 added to Step 1 (Task 1.4 was done).");

    // the next start finds nobody left on version 1
    node.stop();
    node = newNode("roadmap-v3-again", port).start().awaitReady(Duration.ofMinutes(3));
    assertThat(node.tail()).doesNotContain("moved to roadmap version");
  }

  List<String> tasks(MigrationRest rest, String pi) throws Exception {
    List<String> keys = new ArrayList<>();
    rest.get(node, "/engine-rest/task?processInstanceId=" + pi).forEach(t -> keys.add(t.path("taskDefinitionKey")
        .asText()));
    keys.sort(null);
    return keys;
  }

  String definitionTag(MigrationRest rest, String pi) throws Exception {
    String definition = rest.get(node, "/engine-rest/process-instance/" + pi).path("definitionId").asText();
    return rest.get(node, "/engine-rest/process-definition/" + definition).path("versionTag").asText();
  }

  static String admin() {
    return "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8));
  }

  String text(String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
        .header("Authorization", admin()).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  /** An old version as production holds it, deployed through the REST API (multipart): the newest here. */
  void deploy(String copy, String name) throws Exception {
    byte[] model = Files.readAllBytes(Path.of("src/test/resources/roadmap-versions", copy));
    String boundary = "cwbi-" + System.nanoTime();
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + name
        + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"cwbi-migration.bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    byte[] body = concat(head.getBytes(StandardCharsets.UTF_8), model, tail.getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(node.baseUrl() + "/engine-rest/deployment/create"))
        .header("Authorization", admin()).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] all = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }
}
