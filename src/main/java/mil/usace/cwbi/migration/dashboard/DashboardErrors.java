package mil.usace.cwbi.migration.dashboard;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** HEC's pages' answers to a refusal, the same for each of their controllers: JSON with the message for people. */
@RestControllerAdvice(assignableTypes = {DashboardController.class, PortfolioController.class,
    StartOfficesController.class, TargetDateController.class, ApiTokenController.class})
class DashboardErrors {

  @ExceptionHandler(DashboardAccess.Denied.class)
  ResponseEntity<Map<String, Object>> denied(DashboardAccess.Denied e) {
    ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
    if (e.status() == HttpStatus.UNAUTHORIZED) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"cwbi-migration dashboard\"");
    }
    return response.body(DashboardController.error(e.status(), e.getMessage()));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
        .body(DashboardController.error(HttpStatus.BAD_REQUEST, e.getMessage()));
  }
}
