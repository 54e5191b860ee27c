package mil.usace.cwbi.migration.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.Yaml;

/**
 * Jakarta Mail waits forever unless told otherwise: every profile, and the Helm chart's configuration, must keep
 * the SMTP connect, read and write time-outs.
 */
class MailTimeoutsTest {

  static final List<String> KEYS = List.of("mail.smtp.connectiontimeout", "mail.smtp.timeout",
      "mail.smtp.writetimeout");

  /** spring.mail.properties as Spring Boot binds it with these profiles (the files in their order). */
  static Map<String, String> mailProperties(String... profiles) throws Exception {
    StandardEnvironment env = new StandardEnvironment();
    YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
    for (PropertySource<?> s : loader.load("application", new ClassPathResource("application.yaml"))) {
      env.getPropertySources().addFirst(s);
    }
    for (String profile : profiles) {
      for (PropertySource<?> s : loader.load(profile, new ClassPathResource("application-" + profile + ".yaml"))) {
        env.getPropertySources().addFirst(s);
      }
    }
    return Binder.get(env).bind("spring.mail.properties", Bindable.mapOf(String.class, String.class))
        .orElse(Map.of());
  }

  @Test
  void everyProfileKeepsTheSmtpTimeOuts() throws Exception {
    for (String[] profiles : List.of(new String[] {}, new String[] {"demo"}, new String[] {"prod"},
        new String[] {"postgres"}, new String[] {"prod", "postgres"}, new String[] {"postgres", "demo"})) {
      Map<String, String> props = mailProperties(profiles);
      for (String key : KEYS) {
        assertThat(props).as(String.join(",", profiles) + " " + key).containsKey(key);
        assertThat(Long.parseLong(props.get(key))).as(key).isBetween(1L, 120_000L);
      }
    }
  }

  @Test
  void theHelmChartsConfigurationKeepsThemToo() {
    for (com.marcnuri.helm.TemplateCommand template : List.of(new Helm(Path.of("helm/cwbi-migration")).template().withName("t"),
        new Helm(Path.of("helm/cwbi-migration")).template().withName("t")
            .withValuesFile(Path.of("helm/cwbi-migration/ci/production-values.yaml")))) {
      String manifests = template.call();
      Map<String, Object> app = null;
      for (Object doc : new Yaml().loadAll(manifests)) {
        if (doc instanceof Map<?, ?> m && "ConfigMap".equals(m.get("kind"))) {
          @SuppressWarnings("unchecked")
          Map<String, Object> data = (Map<String, Object>) m.get("data");
          app = new Yaml().load((String) data.get("application.yaml"));
        }
      }
      assertThat(app).isNotNull();
      @SuppressWarnings("unchecked")
      Map<String, Object> props = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) app
          .get("spring")).get("mail")).get("properties");
      for (String key : KEYS) {
        assertThat(props).as(key).containsKey(key);
        assertThat(((Number) props.get(key)).longValue()).as(key).isBetween(1L, 120_000L);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> t7 = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) app.get("cwbi"))
          .get("cda")).get("t7");
      assertThat(t7.get("allowed-hosts")).isEqualTo(List.of(".usace.army.mil"));
      assertThat(t7.get("require-https")).isEqualTo(true);
    }
  }
}
