package mil.usace.cwbi.migration.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import mil.usace.cwbi.migration.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.yaml.snakeyaml.Yaml;

/**
 * The Helm chart, linted and rendered by helm-java (no helm binary), its manifests parsed and checked; the probe
 * paths are asked of the running application.
 */
class HelmChartTest extends IntegrationTest {

  static final Path CHART = Path.of("helm/cwbi-migration");
  static final Path PRODUCTION = CHART.resolve("ci/production-values.yaml");

  @Autowired TestRestTemplate http;

  @Test
  void strictLintPasses() {
    LintResult lint = new Helm(CHART).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void defaultsRenderOneNodeOnH2WithAPersistentVolume() {
    List<Map<String, Object>> docs = render(new Helm(CHART).template().withName("cwbi"));
    assertThat(kinds(docs)).containsExactlyInAnyOrder(
        "ServiceAccount", "ConfigMap", "Service", "Deployment", "PersistentVolumeClaim");
    Map<String, Object> deployment = one(docs, "Deployment");
    assertThat(get(deployment, "spec.replicas")).isEqualTo(1);
    assertThat(get(deployment, "spec.strategy.type")).isEqualTo("Recreate");
    assertThat(env(deployment, "SPRING_PROFILES_ACTIVE").get("value")).isEqualTo("prod");
    assertThat(docs).allSatisfy(d -> assertThat(List.copyOf(((Map<?, ?>) get(d, "metadata.labels")).keySet()))
        .map(Object::toString).contains("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/version", "app.kubernetes.io/managed-by", "helm.sh/chart"));
  }

  @Test
  void productionValuesRenderAClusterOnPostgresWithStickySessions() {
    List<Map<String, Object>> docs = render(new Helm(CHART).template().withName("cwbi").withValuesFile(PRODUCTION));
    assertThat(kinds(docs)).contains("Deployment", "Service", "Ingress", "PodDisruptionBudget", "ConfigMap")
        .doesNotContain("PersistentVolumeClaim", "Secret");
    Map<String, Object> deployment = one(docs, "Deployment");
    assertThat(get(deployment, "spec.replicas")).isEqualTo(3);
    assertThat(env(deployment, "SPRING_PROFILES_ACTIVE").get("value")).isEqualTo("prod,postgres");
    assertThat(get(deployment, "spec.template.spec.affinity.podAntiAffinity")).isNotNull();
    assertThat(get(one(docs, "Ingress"), "metadata.annotations.nginx\\.ingress\\.kubernetes\\.io/affinity"))
        .isEqualTo("cookie");
    assertThat(get(one(docs, "Service"), "spec.sessionAffinity")).isEqualTo("ClientIP");
    assertThat(get(one(docs, "PodDisruptionBudget"), "spec.minAvailable")).isEqualTo(1);

    Map<String, Object> app = new Yaml().load((String) get(one(docs, "ConfigMap"), "data.application\\.yaml"));
    assertThat(get(app, "spring.datasource.url")).isEqualTo("jdbc:postgresql://cwbi-db.example.mil:5432/cwbi");
    assertThat(get(app, "cwbi.cda.environments.cwbi-prod.base-url")).isEqualTo("https://cwms-data.usace.army.mil/cwms-data/");
    assertThat(get(app, "cwbi.notification.tasklist-base-url")).isEqualTo("https://cwbi-migration.usace.army.mil");
    assertThat(get(app, "spring.mail.host")).isEqualTo("smtp.usace.army.mil");
  }

  @Test
  void everySecretComesByReferenceFromTheExistingSecret() {
    List<Map<String, Object>> docs = render(new Helm(CHART).template().withName("cwbi").withValuesFile(PRODUCTION));
    Map<String, Object> deployment = one(docs, "Deployment");
    List<String> secretEnv = List.of("CWBI_ADMIN_PASSWORD", "SPRING_DATASOURCE_PASSWORD", "SPRING_MAIL_PASSWORD",
        "CWBI_CDA_API_KEY");
    for (String name : secretEnv) {
      Map<String, Object> e = env(deployment, name);
      assertThat(e).as(name).doesNotContainKey("value");
      assertThat(get(e, "valueFrom.secretKeyRef.name")).as(name).isEqualTo("cwbi-migration-secrets");
    }
    List<Map<String, Object>> all = envs(deployment);
    assertThat(all).filteredOn(e -> e.get("name").toString().matches(".*(PASSWORD|SECRET|KEY|TOKEN).*"))
        .allSatisfy(e -> assertThat(e).containsKey("valueFrom"));
    // a password can not be inlined: the schema refuses it
    assertThatThrownBy(() -> new Helm(CHART).template().withName("cwbi").set("config.mail.password", "hunter2").call())
        .hasMessageContaining("password");
    assertThatThrownBy(() -> new Helm(CHART).template().withName("cwbi")
        .set("database.postgres.password", "hunter2").call()).hasMessageContaining("password");
  }

  @Test
  void resourcesProbesAndANonRootReadOnlyContainer() {
    Map<String, Object> deployment = one(render(new Helm(CHART).template().withName("cwbi")), "Deployment");
    Map<String, Object> container = container(deployment);
    assertThat(get(container, "resources.requests.cpu")).isNotNull();
    assertThat(get(container, "resources.requests.memory")).isNotNull();
    assertThat(get(container, "resources.limits.memory")).isNotNull();
    assertThat(get(deployment, "spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
    assertThat(get(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
    assertThat(get(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);

    // the paths the probes ask are served by the application, without a log-in
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      String path = (String) get(container, probe + ".httpGet.path");
      assertThat(http.getForEntity(baseUrl() + path, String.class).getStatusCode()).as(probe + " " + path)
          .isEqualTo(HttpStatus.OK);
    }
  }

  @Test
  void moreThanOneReplicaOnH2IsRefusedAtRenderTime() {
    assertThatThrownBy(() -> new Helm(CHART).template().withName("cwbi").set("replicaCount", 2).call())
        .hasMessageContaining("replicaCount > 1 needs database.type=postgres");
    assertThat(render(new Helm(CHART).template().withName("cwbi").set("replicaCount", 2)
        .set("database.type", "postgres").set("database.postgres.url", "jdbc:postgresql://db:5432/cwbi")))
        .extracting(d -> d.get("kind")).contains("PodDisruptionBudget");
  }

  // ------------------------------------------------------------------ helpers

  static List<Map<String, Object>> render(com.marcnuri.helm.TemplateCommand command) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(command.call())) {
      if (doc != null) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) doc;
        docs.add(map);
      }
    }
    return docs;
  }

  static List<Object> kinds(List<Map<String, Object>> docs) {
    return docs.stream().map(d -> d.get("kind")).toList();
  }

  static Map<String, Object> one(List<Map<String, Object>> docs, String kind) {
    return docs.stream().filter(d -> kind.equals(d.get("kind"))).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> container(Map<String, Object> deployment) {
    return ((List<Map<String, Object>>) get(deployment, "spec.template.spec.containers")).get(0);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> envs(Map<String, Object> deployment) {
    return (List<Map<String, Object>>) container(deployment).get("env");
  }

  static Map<String, Object> env(Map<String, Object> deployment, String name) {
    return envs(deployment).stream().filter(e -> name.equals(e.get("name"))).findFirst()
        .orElseThrow(() -> new AssertionError("no env " + name));
  }

  /** A dotted path into parsed YAML; "\\." escapes a dot inside a key. */
  static Object get(Map<String, Object> root, String path) {
    Object node = root;
    for (String key : path.split("(?<!\\\\)\\.")) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(key.replace("\\.", "."));
    }
    return Objects.requireNonNullElse(node, null);
  }
}
