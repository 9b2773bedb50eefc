package dev.faxbridge.emulator;

/** Handles one matched request; answers through the call or throws a {@link PlatformError}. */
@FunctionalInterface
interface Endpoint {
  void handle(HttpCall call) throws Exception;
}
