package mil.usace.cwbi.migration.notification.digest;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import mil.usace.cwbi.migration.forecast.Forecast;
import mil.usace.cwbi.migration.forecast.Forecasts;
import org.springframework.stereotype.Component;

/**
 * The digest's offices at risk, from the forecast: each office whose predicted completion passes HEC's target, the
 * latest first, with the forecast's own words ("forecast 12 Mar 2027 is after the target 28 Feb 2027", the range,
 * and which step is slow compared with what).
 */
@Component
public class ForecastAtRisk implements AtRiskOffices {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  private final Forecasts forecasts;

  public ForecastAtRisk(Forecasts forecasts) {
    this.forecasts = forecasts;
  }

  @Override
  public List<AtRisk> atRisk() {
    return forecasts.atRisk().stream().map(ForecastAtRisk::line).toList();
  }

  static AtRisk line(Forecast f) {
    StringBuilder why = new StringBuilder(f.riskLine());
    if (f.early() != null && f.late() != null) {
      why.append(" (range ").append(DAY.format(f.early())).append(" to ").append(DAY.format(f.late()))
          .append(")");
    }
    if (f.explanation() != null && !f.explanation().isBlank()) {
      why.append("; ").append(f.explanation());
    }
    return new AtRisk(f.office(), why.toString());
  }
}
