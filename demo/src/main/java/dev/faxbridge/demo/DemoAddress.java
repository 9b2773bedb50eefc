package dev.faxbridge.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Demo mode: connect links and the RingCentral app's redirect URI use the address faxbridge
 * actually listens on. Unless {@code faxbridge.connect.public-url} is set, it becomes {@code
 * http://<server.address>:<server.port>} (localhost for a wildcard address); {@code server.port=0}
 * is replaced by a free port chosen here, so the address is known before the server starts.
 */
public class DemoAddress implements EnvironmentPostProcessor {

  static final String SOURCE = "faxbridge-demo-address";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.getProperty("faxbridge.demo.enabled", Boolean.class, false)) {
      return;
    }
    Map<String, Object> chosen = new LinkedHashMap<>();
    int port = environment.getProperty("server.port", Integer.class, 8080);
    if (port == 0) {
      port = freePort();
      chosen.put("server.port", String.valueOf(port));
    }
    if (!environment.containsProperty("faxbridge.connect.public-url")) {
      chosen.put(
          "faxbridge.connect.public-url",
          "http://" + host(environment.getProperty("server.address")) + ":" + port);
    }
    environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, chosen));
  }

  static String host(String address) {
    if (address == null
        || address.isBlank()
        || address.equals("0.0.0.0")
        || address.equals("::")
        || address.equals("[::]")) {
      return "localhost";
    }
    return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port for the demo", e);
    }
  }
}
