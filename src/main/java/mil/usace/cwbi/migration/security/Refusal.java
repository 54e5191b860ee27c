package mil.usace.cwbi.migration.security;

import jakarta.ws.rs.core.Response;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The refusals a person can meet: 403 (not theirs to do) and 400 (what they sent is wrong), each with a message in
 * words. On the Java API they are the engine's own exceptions; inside an HTTP request (both REST APIs) a 400 becomes
 * a REST exception carrying its status, because some resources ({@code /start}, the variable endpoints) turn any
 * other engine exception into a 500.
 */
final class Refusal {

  private Refusal() {}

  static AuthorizationException forbidden(String message) {
    return new AuthorizationException(message);
  }

  static FormFieldValidationException badRequest(String field, String message) {
    return new FormFieldValidationException(field, message);
  }

  /** What a call names does not exist: 404 on HTTP, where several resources would answer the engine's 500. */
  static NotFound notFound(String message) {
    return new NotFound(message);
  }

  static final class NotFound extends BadUserRequestException {
    NotFound(String message) {
      super(message);
    }
  }

  static boolean isRefusal(Throwable t) {
    return t instanceof AuthorizationException || t instanceof FormFieldValidationException
        || t instanceof BadUserRequestException;
  }

  /** What the caller receives: on HTTP a 400 keeps its status on every resource; 403 does already. */
  static RuntimeException forCaller(RuntimeException refusal) {
    if (RequestContextHolder.getRequestAttributes() == null) {
      return refusal;
    }
    if (refusal instanceof NotFound) {
      return new InvalidRequestException(Response.Status.NOT_FOUND, refusal, refusal.getMessage());
    }
    // only a form refusal: the REST resources map the engine's other 4xx exceptions themselves
    if (!(refusal instanceof FormFieldValidationException)) {
      return refusal;
    }
    return new InvalidRequestException(Response.Status.BAD_REQUEST, refusal, refusal.getMessage());
  }
}
