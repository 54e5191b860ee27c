package mil.usace.cwbi.migration.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Log-in for what the webapps' own session log-in does not cover: the REST API ({@code /engine-rest}, open in the
 * starter) and the Actuator. Both take HTTP Basic against Camunda's identity service (its own users or LDAP), so
 * Camunda's log-in throttling applies to them too.
 */
@Configuration(proxyBeanMethods = false)
public class WebAuthenticationConfig {

  /** Camunda's own filter: an anonymous or wrong call gets 401; a known user's calls run as that user. */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("cwbi-engine-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** Liveness and readiness stay open for the cluster's probes; every other endpoint is for HEC and admins. */
  @Bean
  FilterRegistrationBean<ActuatorAuthenticationFilter> actuatorAuthentication(IdentityService identity) {
    FilterRegistrationBean<ActuatorAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ActuatorAuthenticationFilter(identity));
    registration.setName("cwbi-actuator-authentication");
    registration.addUrlPatterns("/actuator", "/actuator/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** Our own pages and APIs: the webapps' security headers (the webapps under /camunda have Camunda's filter). */
  @Bean
  FilterRegistrationBean<SecurityHeadersFilter> securityHeaders(CamundaBpmProperties camunda) {
    FilterRegistrationBean<SecurityHeadersFilter> registration =
        new FilterRegistrationBean<>(new SecurityHeadersFilter(camunda.getWebapp().getHeaderSecurity()));
    registration.setName("cwbi-security-headers");
    registration.addUrlPatterns(OWN_PAGES);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** Paths served by this application itself rather than by Camunda. */
  static final String[] OWN_PAGES = {"/api/*", "/dashboard/*", "/demo/*", "/cda-sim", "/cda-sim/*"};
}
