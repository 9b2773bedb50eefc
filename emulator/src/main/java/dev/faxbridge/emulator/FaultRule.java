package dev.faxbridge.emulator;

/**
 * Where and how often to inject a {@link Fault}. {@code method} is an HTTP method or {@code *};
 * {@code path} is a route template as in the spec ({@code
 * /restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store}), a literal request
 * path, or {@code *} for every API path (never the control API). The fault fires on the next {@code
 * times} matching requests ({@code -1}: without end), each with {@code probability}.
 */
public record FaultRule(String method, String path, Fault fault, int times, double probability) {

  public FaultRule {
    if (times == 0 || times < -1) {
      throw new IllegalArgumentException("times must be positive or -1, got " + times);
    }
    if (probability <= 0 || probability > 1) {
      throw new IllegalArgumentException("probability must be in (0, 1], got " + probability);
    }
    method = method == null ? "*" : method;
  }

  /** The fault on the next matching request only. */
  public static FaultRule once(String method, String path, Fault fault) {
    return new FaultRule(method, path, fault, 1, 1.0);
  }

  public FaultRule times(int times) {
    return new FaultRule(method, path, fault, times, probability);
  }

  public FaultRule always() {
    return new FaultRule(method, path, fault, -1, probability);
  }

  public FaultRule withProbability(double probability) {
    return new FaultRule(method, path, fault, times, probability);
  }
}
