package dev.faxbridge.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console's scripts and styles under {@code /console/assets}, so they sit behind the console's
 * login like its pages: its own ({@code classpath:/console/}) and the webjars' (htmx, uPlot) at
 * {@code /console/assets/lib/<name>/<version>/...}.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleAssets implements WebMvcConfigurer {

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry
        .addResourceHandler("/console/assets/lib/**")
        .addResourceLocations("classpath:/META-INF/resources/webjars/");
    registry.addResourceHandler("/console/assets/**").addResourceLocations("classpath:/console/");
  }
}
