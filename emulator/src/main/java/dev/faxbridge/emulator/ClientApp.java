package dev.faxbridge.emulator;

/** A registered application: what a developer gets from the console. */
public record ClientApp(String clientId, String clientSecret, String name) {

  @Override
  public String toString() {
    return "ClientApp[clientId=" + clientId + ", name=" + name + "]";
  }
}
