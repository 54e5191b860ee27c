package mil.usace.cwbi.migration.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Camunda REST logs every 500 it answers as a WARN whose text is the whole stack trace ({@code ENGINE-REST-HTTP500
 * <exception>: <message>} and its {@code at} lines). For exactly the exceptions {@link EngineFaultStatusFilter}
 * turns into a 404 or 400 (the caller's mistake, already logged as one line) that WARN is dropped; every other
 * 500 is logged as before.
 */
final class EngineRestLogQuieter extends TurboFilter {

  static final String LOGGER = "org.camunda.bpm.engine.rest.exception";
  private static final String PREFIX = "ENGINE-REST-HTTP500 ";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
      Throwable t) {
    if (level != Level.WARN || format == null || !LOGGER.equals(logger.getName())) {
      return FilterReply.NEUTRAL;
    }
    return isCallerMistake(format) ? FilterReply.DENY : FilterReply.NEUTRAL;
  }

  /** Whether a Camunda REST 500 log text names an exception that is answered as a 4xx. */
  static boolean isCallerMistake(String text) {
    if (!text.startsWith(PREFIX)) {
      return false;
    }
    int stack = text.indexOf("\n\tat ");
    String first = text.substring(PREFIX.length(), stack < 0 ? text.length() : stack).strip();
    int colon = first.indexOf(": ");
    String className = colon < 0 ? first : first.substring(0, colon);
    String message = colon < 0 ? "" : first.substring(colon + 2);
    String type = className.substring(className.lastIndexOf('.') + 1);
    return EngineFaultStatusFilter.statusFor(type, message) != HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
  }

  /** Adds this filter to Logback's context (a no-op under another logging back end). */
  void install() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      setName("cwbi-engine-rest-log-quieter");
      start();
      context.addTurboFilter(this);
    }
  }

  void uninstall() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getTurboFilterList().remove(this);
      stop();
    }
  }
}
