package mil.usace.cwbi.migration.notification.digest;

import java.util.List;

/** The offices whose forecast passes their target date, for the digest (the forecast capability answers it). */
public interface AtRiskOffices {

  /** @param why in the roadmap's words: the forecast against the target, and which step is slow */
  record AtRisk(String office, String why) {}

  List<AtRisk> atRisk();
}
