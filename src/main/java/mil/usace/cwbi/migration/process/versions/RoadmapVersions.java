package mil.usace.cwbi.migration.process.versions;

import org.camunda.bpm.engine.repository.ProcessDefinition;

/** The roadmap version people see: the definition's versionTag without trailing ".0"s ("1.0.0" is version 1). */
public final class RoadmapVersions {

  private RoadmapVersions() {}

  public static String label(ProcessDefinition definition) {
    return label(definition.getVersionTag(), definition.getVersion());
  }

  static String label(String versionTag, int deployedVersion) {
    if (versionTag == null || versionTag.isBlank()) {
      return "deployment " + deployedVersion; // a model without a versionTag: its deployment number
    }
    return versionTag.strip().replaceFirst("(\\.0)+$", "");
  }
}
