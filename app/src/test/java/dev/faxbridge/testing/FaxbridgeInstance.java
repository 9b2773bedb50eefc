package dev.faxbridge.testing;

import dev.faxbridge.FaxbridgeApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real faxbridge, started in this JVM with the given properties (as command-line arguments, so
 * they win over application.yml) and stopped on {@link #close()}; several can run at once or one
 * after another on the same database (a restart).
 */
public final class FaxbridgeInstance implements AutoCloseable {

  public static final String OPERATOR_TOKEN = "test-operator-token-0123456789abcdef";

  private final ConfigurableApplicationContext context;
  private final HttpClient http = HttpClient.newHttpClient();

  private FaxbridgeInstance(ConfigurableApplicationContext context) {
    this.context = context;
  }

  public static FaxbridgeInstance start(Map<String, Object> properties) {
    return run(new SpringApplicationBuilder(FaxbridgeApplication.class), properties);
  }

  /**
   * Like {@link #start(Map)}, with {@code clock} as faxbridge's clock, so that moving the
   * emulator's clock moves faxbridge's time too.
   */
  public static FaxbridgeInstance start(Map<String, Object> properties, java.time.Clock clock) {
    return run(
        new SpringApplicationBuilder(FaxbridgeApplication.class)
            .initializers(
                context -> context.getBeanFactory().registerSingleton("emulatedClock", clock)),
        properties);
  }

  private static FaxbridgeInstance run(
      SpringApplicationBuilder builder, Map<String, Object> properties) {
    SpringApplication application = builder.web(WebApplicationType.SERVLET).build();
    String[] arguments =
        properties.entrySet().stream()
            .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
            .toArray(String[]::new);
    return new FaxbridgeInstance(application.run(arguments));
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public <T> java.util.Collection<T> beans(Class<T> type) {
    return context.getBeansOfType(type).values();
  }

  /** The running provider of that name (several {@code FaxProvider} beans run side by side). */
  public dev.faxbridge.provider.FaxProvider provider(dev.faxbridge.connection.Provider provider) {
    return beans(dev.faxbridge.provider.FaxProvider.class).stream()
        .filter(p -> p.provider() == provider)
        .findFirst()
        .orElseThrow();
  }

  public URI baseUrl() {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Calls the operator API with the operator token; answers status and body. */
  public HttpResponse<String> api(String method, String path, String jsonBody) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(baseUrl().resolve(path))
            .header("Authorization", "Bearer " + OPERATOR_TOKEN)
            .header("Content-Type", "application/json")
            .method(
                method,
                jsonBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody));
    return TestHttp.send(http, request.build());
  }

  @Override
  public void close() {
    context.close();
  }
}
