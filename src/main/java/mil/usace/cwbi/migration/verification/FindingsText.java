package mil.usace.cwbi.migration.verification;

import org.springframework.stereotype.Component;

/**
 * For the fix tasks' input mapping in the BPMN: {@code findingsSummary = ${findingsText.markdown(verification_t7)}}
 * gives the Camunda Form the findings in words (shown by a form-js text component), never the JSON report.
 */
@Component("findingsText")
public class FindingsText {

  /** The stored report as markdown, under Camunda's 4000-character String limit. */
  public String markdown(Object storedReport) {
    return FindingsRenderer.markdown(Findings.ofStored(storedReport));
  }
}
