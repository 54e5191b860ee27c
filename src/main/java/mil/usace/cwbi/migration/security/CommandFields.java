package mil.usace.cwbi.migration.security;

import java.lang.reflect.Field;

/**
 * Reads what an engine command carries (task id, variables, ...). Camunda's commands keep these in protected fields
 * without getters, and no public hook sees a command before it runs; a missing field reads as null, so a renamed
 * field fails closed where it matters (see {@link CommandGuard}).
 */
final class CommandFields {

  private CommandFields() {}

  static Object read(Object command, String name) {
    for (Class<?> c = command.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(command);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (IllegalAccessException e) {
        return null;
      }
    }
    return null;
  }

  static String string(Object command, String name) {
    Object v = read(command, name);
    return v == null ? null : v.toString();
  }
}
