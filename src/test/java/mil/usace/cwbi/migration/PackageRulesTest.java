package mil.usace.cwbi.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.history.producer.HistoryEventProducer;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.stereotype.Component;

/**
 * The package rules of issue 12: what the engine adds to a model lives in {@code engine}; the Camunda internals we
 * use are exactly those docs/engine-plugins.md lists; {@code cda} does not depend on {@code verification}; demo
 * code sits in {@code demo} and runs only in the demo profile. Read from the sources and compiled classes, no
 * application context.
 */
class PackageRulesTest {

  private static final String BASE = "mil.usace.cwbi.migration";
  private static final Path MAIN = Path.of("src/main/java/mil/usace/cwbi/migration");

  @Test
  void cdaDoesNotUseVerification() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path file : javaFiles(MAIN.resolve("cda"))) {
      if (read(file).contains(BASE + ".verification")) {
        offenders.add(MAIN.relativize(file).toString());
      }
    }
    assertThat(offenders).as("files of cda that use verification").isEmpty();
  }

  @Test
  void theCamundaInternalsWeUseAreTheOnesTheDocumentLists() throws IOException {
    Set<String> importing = new TreeSet<>();
    for (Path file : javaFiles(MAIN)) {
      if (read(file).contains("org.camunda.bpm.engine.impl")) {
        importing.add(MAIN.relativize(file).toString().replace('\\', '/'));
      }
    }
    String doc = read(Path.of("docs/engine-plugins.md"));
    String section = doc.substring(doc.indexOf("## Camunda internals we use"));
    Set<String> listed = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `([\\w/]+\\.java)` \\|").matcher(section);
    while (row.find()) {
      listed.add(row.group(1));
    }
    assertThat(importing).as("files importing org.camunda.bpm.engine.impl (docs/engine-plugins.md lists why)")
        .isEqualTo(listed);
    assertThat(importing.stream().filter(f -> !f.startsWith("engine/")))
        .as("outside the engine package only what the document explains")
        .containsExactlyInAnyOrder("security/CommandGuard.java", "security/Refusal.java",
            "process/forms/FormRules.java");
  }

  @Test
  void enginePluginsParseListenersSerializersAndHistoryProducersLiveInTheEnginePackage() {
    ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
    for (Class<?> type : List.of(ProcessEnginePlugin.class, BpmnParseListener.class, HistoryEventProducer.class,
        TypedValueSerializer.class, CommandInterceptor.class)) {
      scan.addIncludeFilter(new AssignableTypeFilter(type));
    }
    Set<String> found = new TreeSet<>();
    for (BeanDefinition candidate : scan.findCandidateComponents(BASE)) {
      String name = candidate.getBeanClassName();
      if (Files.exists(MAIN.resolve(name.substring(BASE.length() + 1).replace('.', '/') + ".java"))) {
        found.add(name.substring(BASE.length() + 1));
      }
    }
    assertThat(found).as("engine plugins and what they register").isNotEmpty()
        .allSatisfy(name -> assertThat(name).as(name)
            // the command guard's rules are security's; its plugin is in engine (docs/engine-plugins.md)
            .matches("engine\\.\\w+|security\\.CommandGuard"));
    assertThat(found).contains("engine.FormValidationPlugin", "engine.HandoffPlugin", "engine.MigrationGrants",
        "engine.CommandGuardPlugin", "engine.LongTextSerializer", "engine.ClippedFormHistoryProducer");
  }

  @Test
  void demoBeansLiveInTheDemoPackageAndRunInTheDemoProfileOnly() throws ClassNotFoundException {
    // every component, whatever its profile (the scan would otherwise keep only those of the default profile)
    AnnotationTypeFilter component = new AnnotationTypeFilter(Component.class);
    ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false) {
      @Override
      protected boolean isCandidateComponent(MetadataReader reader) throws IOException {
        return component.match(reader, getMetadataReaderFactory());
      }
    };
    List<String> demoBeans = new ArrayList<>();
    for (BeanDefinition candidate : scan.findCandidateComponents(BASE)) {
      String name = candidate.getBeanClassName();
      if (!Files.exists(MAIN.resolve(name.substring(BASE.length() + 1).replace('.', '/') + ".java"))) {
        continue; // a test's own configuration
      }
      Profile profile = AnnotatedElementUtils.findMergedAnnotation(Class.forName(name), Profile.class);
      boolean inDemo = name.startsWith(BASE + ".demo.");
      if (inDemo) {
        demoBeans.add(name);
        assertThat(profile).as(name + " is demo-only").isNotNull();
        assertThat(profile.value()).as(name + " runs in the demo profile only").containsExactly("demo");
      } else if (profile != null) {
        assertThat(profile.value()).as(name + ": demo-only code belongs in package demo").doesNotContain("demo");
      }
    }
    assertThat(demoBeans).extracting(n -> n.substring(n.lastIndexOf('.') + 1))
        .contains("SimulatedCda", "CdaSimulatorController", "SimulatorControlsController", "MailViewerController",
            "DemoMailServer", "DemoUsers", "DemoAddresses");
  }

  private static List<Path> javaFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
