package mil.usace.cwbi.migration.notification;

import java.util.function.Supplier;
import mil.usace.cwbi.migration.engine.EngineCommand;

/**
 * Lookups made for the notification system, not for the user whose action triggered them: who is in a group and
 * what was finished before must be answered in full even when that user may not read users or history.
 */
final class Privileged {

  private Privileged() {}

  static <T> T call(Supplier<T> lookup) {
    return EngineCommand.privileged(lookup);
  }
}
