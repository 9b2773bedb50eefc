package dev.faxbridge.connection;

import java.util.Objects;
import java.util.UUID;

public record ConnectionId(UUID value) {

  public ConnectionId {
    Objects.requireNonNull(value, "connection id");
  }

  public static ConnectionId random() {
    return new ConnectionId(UUID.randomUUID());
  }

  public static ConnectionId parse(String text) {
    return new ConnectionId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
