package mil.usace.cwbi.migration.notification.digest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.assertj.core.api.Assertions;

/** The digest's day and hour in its zone (daylight saving included), the late limit, and bad settings refused. */
class DigestScheduleTest {

  static DigestProperties monday7LosAngeles() {
    DigestProperties p = new DigestProperties();
    p.setDay(DayOfWeek.MONDAY);
    p.setHour(7);
    p.setZone(ZoneId.of("America/Los_Angeles"));
    p.setLateLimit(Duration.ofHours(12));
    return p;
  }

  @Test
  void theSlotIsTheDayAndHourInTheZoneAcrossDaylightSaving() {
    DigestProperties p = monday7LosAngeles();
    // winter: 07:00 PST = 15:00 UTC
    assertThat(DigestSchedule.lastSlot(p, Instant.parse("2026-03-02T15:00:00Z")).toInstant())
        .isEqualTo(Instant.parse("2026-03-02T15:00:00Z"));
    assertThat(DigestSchedule.lastSlot(p, Instant.parse("2026-03-02T14:59:59Z")).toInstant())
        .as("a second before: the week before").isEqualTo(Instant.parse("2026-02-23T15:00:00Z"));
    // daylight saving began on Sunday 8 March 2026: 07:00 PDT = 14:00 UTC
    assertThat(DigestSchedule.lastSlot(p, Instant.parse("2026-03-09T14:30:00Z")).toInstant())
        .isEqualTo(Instant.parse("2026-03-09T14:00:00Z"));
    assertThat(DigestSchedule.lastSlot(p, Instant.parse("2026-03-12T00:00:00Z")).toInstant())
        .isEqualTo(Instant.parse("2026-03-09T14:00:00Z"));
  }

  @Test
  void aDigestMayGoOutUpToTheLateLimitAfterItsHour() {
    DigestProperties p = monday7LosAngeles();
    var slot = DigestSchedule.lastSlot(p, Instant.parse("2026-03-09T14:00:00Z"));
    assertThat(DigestSchedule.due(p, slot, Instant.parse("2026-03-09T14:00:00Z"))).isTrue();
    assertThat(DigestSchedule.due(p, slot, Instant.parse("2026-03-10T02:00:00Z"))).isTrue();
    assertThat(DigestSchedule.due(p, slot, Instant.parse("2026-03-10T02:00:01Z"))).isFalse();
    assertThat(DigestSchedule.due(p, slot, Instant.parse("2026-03-09T13:59:59Z"))).isFalse();
  }

  @Test
  void badSettingsAreRefusedNamingTheProperty() {
    assertThat(bind(Map.of("day", "friday", "hour", "16", "zone", "America/New_York")).getDay())
        .isEqualTo(DayOfWeek.FRIDAY);
    assertThat(violations(Map.of("hour", "24"))).containsKey("hour");
    assertThat(violations(Map.of("late-limit", "P7D"))).containsKey("lateLimitInRange");
    assertThat(violations(Map.of("late-limit", "PT0S"))).containsKey("lateLimitInRange");
    assertThat(violations(Map.of("group", "hec;drop"))).containsKey("group");
    assertThat(violations(Map.of("check-cycle", " "))).containsKey("checkCycle");
    Assertions.assertThatThrownBy(() -> bind(Map.of("zone", "Mars/Olympus"))).isInstanceOf(BindException.class)
        .hasMessageContaining("cwbi.digest.zone");
    Assertions.assertThatThrownBy(() -> bind(Map.of("day", "someday"))).isInstanceOf(BindException.class)
        .hasMessageContaining("cwbi.digest.day");
  }

  static DigestProperties bind(Map<String, String> values) {
    Map<String, String> prefixed = values.entrySet().stream()
        .collect(Collectors.toMap(e -> "cwbi.digest." + e.getKey(), Map.Entry::getValue));
    return new Binder(new MapConfigurationPropertySource(prefixed))
        .bindOrCreate("cwbi.digest", DigestProperties.class);
  }

  static Map<String, String> violations(Map<String, String> values) {
    Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
    return validator.validate(bind(values)).stream()
        .collect(Collectors.toMap(v -> v.getPropertyPath().toString(), v -> v.getMessage(), (a, b) -> a));
  }
}
