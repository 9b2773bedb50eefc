package dev.faxbridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faxbridge.delivery.DeliveryOutcome;

/** A destination's answer as the destination tests check it: of the expected kind, and why. */
public final class Outcomes {

  private Outcomes() {}

  /** The reason of an outcome that asks to try again later; fails if the outcome is another. */
  public static String retryLaterReason(DeliveryOutcome outcome) {
    assertThat(outcome).isInstanceOf(DeliveryOutcome.RetryLater.class);
    return ((DeliveryOutcome.RetryLater) outcome).reason();
  }

  /** The reason of an outcome that rejects the fax for good; fails if the outcome is another. */
  public static String rejectedReason(DeliveryOutcome outcome) {
    assertThat(outcome).isInstanceOf(DeliveryOutcome.Rejected.class);
    return ((DeliveryOutcome.Rejected) outcome).reason();
  }
}
