package dev.faxbridge.delivery;

/** What a destination makes of an HTTP answer other than 2xx. */
public final class HttpFailures {

  private HttpFailures() {}

  /**
   * 401 and 403 mean credentials or the receiver's configuration are wrong, which an operator
   * fixes; time-outs (408), throttling (429) and server errors pass: all are retried later. Any
   * other answer would repeat, so the delivery is rejected.
   */
  public static DeliveryOutcome outcome(int status, String answer) {
    if (status == 401 || status == 403 || status == 408 || status == 429 || status >= 500) {
      return new DeliveryOutcome.RetryLater(answer);
    }
    return new DeliveryOutcome.Rejected(answer);
  }
}
