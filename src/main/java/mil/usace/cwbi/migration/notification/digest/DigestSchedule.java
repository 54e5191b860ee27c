package mil.usace.cwbi.migration.notification.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/** When a digest is due: the configured day and hour in the configured zone, at most {@code late-limit} late. */
final class DigestSchedule {

  private DigestSchedule() {}

  /** The last digest time at or before {@code now} (the configured day and hour, in the zone). */
  static ZonedDateTime lastSlot(DigestProperties p, Instant now) {
    ZonedDateTime local = now.atZone(p.getZone());
    LocalDateTime slot = local.toLocalDate().with(TemporalAdjusters.previousOrSame(p.getDay()))
        .atTime(p.getHour(), 0);
    ZonedDateTime zoned = slot.atZone(p.getZone());
    return zoned.toInstant().isAfter(now) ? slot.minusWeeks(1).atZone(p.getZone()) : zoned;
  }

  /** The digest of {@code slot} may still go out at {@code now}. */
  static boolean due(DigestProperties p, ZonedDateTime slot, Instant now) {
    Duration late = Duration.between(slot.toInstant(), now);
    return !late.isNegative() && late.compareTo(p.getLateLimit()) <= 0;
  }
}
