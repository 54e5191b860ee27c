package mil.usace.cwbi.migration.security;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * {@link StartFlagsFilter} and {@link NullValuesFilter} on both REST APIs; {@link CockpitApiFilter} on Cockpit's
 * plugin API, after their log-in filters (an anonymous caller still gets 401); {@link EngineFaultStatusFilter} with
 * its {@link EngineRestLogQuieter}. */
@Configuration(proxyBeanMethods = false)
public class SideDoorFilterConfig {

  @Bean
  FilterRegistrationBean<StartFlagsFilter> startFlagsFilter() {
    FilterRegistrationBean<StartFlagsFilter> registration = new FilterRegistrationBean<>(new StartFlagsFilter());
    registration.setName("cwbi-start-flags");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<NullValuesFilter> nullValuesFilter() {
    FilterRegistrationBean<NullValuesFilter> registration = new FilterRegistrationBean<>(new NullValuesFilter());
    registration.setName("cwbi-null-values");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 11);
    return registration;
  }

  @Bean
  FilterRegistrationBean<CockpitApiFilter> cockpitApiFilter() {
    FilterRegistrationBean<CockpitApiFilter> registration = new FilterRegistrationBean<>(new CockpitApiFilter());
    registration.setName("cwbi-cockpit-api");
    registration.addUrlPatterns("/camunda/api/cockpit/*");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 12);
    return registration;
  }

  @Bean
  FilterRegistrationBean<EngineFaultStatusFilter> engineFaultStatusFilter() {
    FilterRegistrationBean<EngineFaultStatusFilter> registration =
        new FilterRegistrationBean<>(new EngineFaultStatusFilter());
    registration.setName("cwbi-engine-fault-status");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 13);
    return registration;
  }

  @Bean(initMethod = "install", destroyMethod = "uninstall")
  EngineRestLogQuieter engineRestLogQuieter() {
    return new EngineRestLogQuieter();
  }
}
