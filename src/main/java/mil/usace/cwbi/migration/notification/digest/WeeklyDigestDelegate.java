package mil.usace.cwbi.migration.notification.digest;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import mil.usace.cwbi.migration.notification.Notifier;
import mil.usace.cwbi.migration.notification.OutgoingMail;
import mil.usace.cwbi.migration.notification.Recipients;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import mil.usace.cwbi.migration.engine.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code hec-weekly-digest} process's one step, run by its timer job (so by one node of a cluster at a time):
 * when the configured day and hour have come (in the configured zone, at most {@code late-limit} ago) and no digest
 * was sent for them yet, it composes the digest and hands it to the mail outbox (one message per HEC member, in
 * this job's transaction), and records the day and hour it covers as the variable {@code digestFor}. A later look
 * (another node, a retried job) finds that variable in history and sends nothing.
 */
@Component("hecWeeklyDigest")
public class WeeklyDigestDelegate implements JavaDelegate {

  public static final String PROCESS_KEY = "hec-weekly-digest";
  public static final String DIGEST_FOR = "digestFor";
  private static final Logger LOG = LoggerFactory.getLogger(WeeklyDigestDelegate.class);

  private final DigestProperties properties;
  private final WeeklyDigestQueries queries;
  private final DigestComposer composer;
  private final Recipients recipients;
  private final Notifier notifier;
  private final HistoryService history;

  public WeeklyDigestDelegate(DigestProperties properties, WeeklyDigestQueries queries, DigestComposer composer,
      Recipients recipients, Notifier notifier, HistoryService history) {
    this.properties = properties;
    this.queries = queries;
    this.composer = composer;
    this.recipients = recipients;
    this.notifier = notifier;
    this.history = history;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = EngineClock.getCurrentTime().toInstant();
    ZonedDateTime slot = DigestSchedule.lastSlot(properties, now);
    String key = slot.toOffsetDateTime().toString();
    if (!DigestSchedule.due(properties, slot, now) || alreadySent(key)) {
      return;
    }
    WeeklyDigest digest = queries.digest(slot);
    Set<String> to = recipients.ofGroups(List.of(properties.getGroup()));
    List<OutgoingMail> mails = to.stream().map(address -> composer.compose(address, digest)).toList();
    notifier.send(mails, "all offices");
    execution.setVariable(DIGEST_FOR, key);
    LOG.info("Weekly digest for {} handed to the outbox: {} recipient(s)", key, mails.size());
  }

  private boolean alreadySent(String key) {
    return history.createHistoricVariableInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .variableValueEquals(DIGEST_FOR, key).count() > 0;
  }
}
