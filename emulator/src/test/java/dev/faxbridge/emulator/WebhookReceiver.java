package dev.faxbridge.emulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A subscriber's WebHook endpoint for tests: records every POST, answers as configured. */
final class WebhookReceiver implements AutoCloseable {

  /** One received POST. */
  record Received(Headers headers, byte[] body) {}

  private final HttpServer server;
  final List<Received> validations = new CopyOnWriteArrayList<>();
  final List<Received> notifications = new CopyOnWriteArrayList<>();
  volatile boolean echoValidationToken = true;
  volatile int notificationStatus = 200;

  WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String token = exchange.getRequestHeaders().getFirst("Validation-Token");
          if (token != null) {
            validations.add(new Received(exchange.getRequestHeaders(), body));
            if (echoValidationToken) {
              exchange.getResponseHeaders().set("Validation-Token", token);
            }
            exchange.sendResponseHeaders(200, -1);
          } else {
            notifications.add(new Received(exchange.getRequestHeaders(), body));
            exchange.sendResponseHeaders(notificationStatus, -1);
          }
          exchange.close();
        });
    server.start();
  }

  String address() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
