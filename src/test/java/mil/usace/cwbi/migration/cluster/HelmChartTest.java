package mil.usace.cwbi.migration.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Helm chart, linted strictly and rendered by helm-java (the real helm library), with the defaults and with the
 * production values; assertions on the parsed manifests. The probe paths are also requested on running nodes by
 * {@code ClusterIT}.
 */
class HelmChartTest {

  static final Path CHART = Path.of("helm/cwbi-migration");
  static final Path PRODUCTION = CHART.resolve("values-production.yaml");

  static List<Map<String, Object>> render(UnaryOperator<TemplateCommand> options) {
    String yaml = options.apply(new Helm(CHART).template().withName("cwbi").withNamespace("water")).call();
    List<Map<String, Object>> docs = new ArrayList<>();
    StreamSupport.stream(new Yaml().loadAll(yaml).spliterator(), false)
        .filter(d -> d instanceof Map)
        .forEach(d -> docs.add(cast(d)));
    return docs;
  }

  @SuppressWarnings("unchecked")
  static <T> T cast(Object o) {
    return (T) o;
  }

  /** Walks maps and lists: {@code at(doc, "spec", "template", "spec", "containers", 0)}. */
  static <T> T at(Object node, Object... path) {
    Object n = node;
    for (Object p : path) {
      n = p instanceof Integer i ? ((List<?>) n).get(i) : ((Map<?, ?>) n).get(p);
      if (n == null) {
        return null;
      }
    }
    return cast(n);
  }

  static Map<String, Object> kind(List<Map<String, Object>> docs, String kind) {
    return docs.stream().filter(d -> kind.equals(d.get("kind"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " rendered; kinds: "
            + docs.stream().map(d -> d.get("kind")).toList()));
  }

  static Map<String, Object> container(List<Map<String, Object>> docs) {
    return at(kind(docs, "Deployment"), "spec", "template", "spec", "containers", 0);
  }

  static List<Map<String, Object>> env(List<Map<String, Object>> docs) {
    return at(container(docs), "env");
  }

  @Test
  void lintsCleanInStrictMode() {
    LintResult lint = new Helm(CHART).lint().strict().call();
    assertThat(lint.isFailed()).as("lint: %s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  @Test
  void defaultsRenderOneDemoNodeOnAPersistentH2File() {
    List<Map<String, Object>> docs = render(t -> t);
    Map<String, Object> deployment = kind(docs, "Deployment");
    assertThat((Integer) at(deployment, "spec", "replicas")).isEqualTo(1);
    assertThat((String) at(deployment, "spec", "strategy", "type")).isEqualTo("Recreate");
    assertThat(env(docs)).anySatisfy(e -> {
      assertThat(e.get("name")).isEqualTo("SPRING_PROFILES_ACTIVE");
      assertThat(e.get("value")).isEqualTo("demo");
    });
    assertThat((String) at(kind(docs, "PersistentVolumeClaim"), "spec", "resources", "requests", "storage"))
        .isEqualTo("1Gi");
    List<Map<String, Object>> volumes = at(deployment, "spec", "template", "spec", "volumes");
    assertThat(volumes).anySatisfy(v -> assertThat((String) at(v, "persistentVolumeClaim", "claimName"))
        .isEqualTo("cwbi-cwbi-migration"));
    commonChecks(docs);
  }

  @Test
  void productionValuesRenderAClusterOnPostgresWithSecretsByReferenceOnly() throws Exception {
    List<Map<String, Object>> docs = render(t -> t.withValuesFile(PRODUCTION));
    Map<String, Object> deployment = kind(docs, "Deployment");
    assertThat((Integer) at(deployment, "spec", "replicas")).isEqualTo(3);
    assertThat(docs).noneMatch(d -> "PersistentVolumeClaim".equals(d.get("kind")));
    // rolling updates: the nodes share PostgreSQL, so no Recreate
    assertThat((Object) at(deployment, "spec", "strategy")).isNull();

    Map<String, Map<String, Object>> byName = new java.util.HashMap<>();
    env(docs).forEach(e -> byName.put((String) e.get("name"), e));
    assertThat(byName.get("SPRING_PROFILES_ACTIVE").get("value")).isEqualTo("prod,postgres");
    assertThat(byName.get("SPRING_DATASOURCE_URL").get("value"))
        .isEqualTo("jdbc:postgresql://cwbi-migration-db.cwbi.svc:5432/cwbi_migration");
    // every secret is a reference to an existing Secret, never a value
    Map<String, String> secrets = Map.of(
        "SPRING_DATASOURCE_USERNAME", "cwbi-migration-db", "SPRING_DATASOURCE_PASSWORD", "cwbi-migration-db",
        "SPRING_MAIL_USERNAME", "cwbi-migration-smtp", "SPRING_MAIL_PASSWORD", "cwbi-migration-smtp",
        "CWBI_CDA_API_KEY", "cwbi-migration-cda", "CWBI_ADMIN_PASSWORD", "cwbi-migration-admin");
    secrets.forEach((name, secret) -> {
      Map<String, Object> e = byName.get(name);
      assertThat(e).as(name).isNotNull().doesNotContainKey("value");
      assertThat((String) at(e, "valueFrom", "secretKeyRef", "name")).as(name).isEqualTo(secret);
    });
    assertThat(docs).as("the chart creates no Secret").noneMatch(d -> "Secret".equals(d.get("kind")));
    String config = at(kind(docs, "ConfigMap"), "data", "application.yaml");
    assertThat(config.toLowerCase()).doesNotContain("password").doesNotContain("api-key");
    Map<String, Object> app = new Yaml().load(config);
    assertThat((String) at(app, "cwbi", "cda", "environments", "cwbi-prod", "base-url"))
        .isEqualTo("https://cwms-data.usace.army.mil/cwms-data/");
    assertThat((String) at(app, "cwbi", "notification", "tasklist-base-url"))
        .isEqualTo("https://cwbi-migration.cwbi.us/camunda/app/tasklist/default/");
    assertThat((String) at(app, "spring", "mail", "host")).isEqualTo("smtp.usace.army.mil");
    assertThat((Integer) at(app, "spring", "mail", "port")).isEqualTo(587);

    // webapp sessions live on one node: the ingress keeps a browser on its pod
    Map<String, Object> ingress = kind(docs, "Ingress");
    Map<String, String> annotations = at(ingress, "metadata", "annotations");
    assertThat(annotations).containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie")
        .containsKey("nginx.ingress.kubernetes.io/session-cookie-name");
    assertThat((String) at(ingress, "spec", "tls", 0, "secretName")).isEqualTo("cwbi-migration-tls");
    assertThat((String) at(ingress, "spec", "rules", 0, "host")).isEqualTo("cwbi-migration.cwbi.us");

    Map<String, Object> pdb = kind(docs, "PodDisruptionBudget");
    assertThat((Integer) at(pdb, "spec", "minAvailable")).isEqualTo(1);
    assertThat((Object) at(deployment, "spec", "template", "spec", "affinity", "podAntiAffinity")).isNotNull();
    assertThat((String) at(container(docs), "resources", "limits", "memory")).isEqualTo("1536Mi");
    // no secret value of the production values file leaked anywhere into the manifests
    assertThat(Files.readString(PRODUCTION)).doesNotContain("password:");
    commonChecks(docs);
  }

  /** What every rendering must have: labels, probes on Actuator, resources, non-root, a Service. */
  static void commonChecks(List<Map<String, Object>> docs) {
    for (Map<String, Object> d : docs) {
      Map<String, String> labels = at(d, "metadata", "labels");
      assertThat(labels).as("labels of %s", d.get("kind"))
          .containsEntry("app.kubernetes.io/name", "cwbi-migration")
          .containsEntry("app.kubernetes.io/instance", "cwbi")
          .containsEntry("app.kubernetes.io/managed-by", "Helm")
          .containsKeys("app.kubernetes.io/version", "helm.sh/chart");
    }
    Map<String, Object> c = container(docs);
    assertThat((String) at(c, "livenessProbe", "httpGet", "path")).isEqualTo(ClusterIT.LIVENESS);
    assertThat((String) at(c, "readinessProbe", "httpGet", "path")).isEqualTo(ClusterIT.READINESS);
    assertThat((String) at(c, "startupProbe", "httpGet", "path")).isEqualTo(ClusterIT.LIVENESS);
    assertThat((Map<String, Object>) at(c, "resources", "requests")).containsKeys("cpu", "memory");
    assertThat((Map<String, Object>) at(c, "resources", "limits")).containsKeys("memory");
    Map<String, Object> pod = at(kind(docs, "Deployment"), "spec", "template", "spec");
    assertThat((Boolean) at(pod, "securityContext", "runAsNonRoot")).isTrue();
    assertThat((Integer) at(pod, "securityContext", "runAsUser")).isPositive();
    assertThat((Boolean) at(c, "securityContext", "allowPrivilegeEscalation")).isFalse();
    assertThat((Boolean) at(c, "securityContext", "readOnlyRootFilesystem")).isTrue();
    assertThat((List<String>) at(c, "securityContext", "capabilities", "drop")).containsExactly("ALL");
    Map<String, Object> service = kind(docs, "Service");
    assertThat((Map<String, Object>) at(service, "spec", "selector"))
        .containsEntry("app.kubernetes.io/name", "cwbi-migration");
    assertThat((String) at(service, "spec", "ports", 0, "targetPort")).isEqualTo("http");
  }

  @Test
  void twoReplicasOnH2AreRefused() {
    assertThatThrownBy(() -> render(t -> t.set("replicaCount", 2)))
        .hasMessageContaining("replicaCount 2 needs database.type=postgres");
  }

  @Test
  void postgresWithoutASecretOrAnInlinedPasswordIsRefused() {
    assertThatThrownBy(() -> render(t -> t.set("database.type", "postgres").set("profiles[0]", "postgres")
        .set("database.url", "jdbc:postgresql://db:5432/cwbi")))
        .hasMessageContaining("database.existingSecret");
    // the schema has no place for an inlined password
    assertThatThrownBy(() -> render(t -> t.withValuesFile(PRODUCTION).set("database.password", "hunter2")))
        .hasMessageContaining("database");
  }

  @Test
  void prodProfileWithoutAnAdminSecretIsRefused() {
    assertThatThrownBy(() -> render(t -> t.withValuesFile(PRODUCTION).set("admin.existingSecret", "")))
        .hasMessageContaining("admin.existingSecret");
  }
}
