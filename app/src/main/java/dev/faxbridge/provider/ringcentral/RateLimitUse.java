package dev.faxbridge.provider.ringcentral;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * How much of RingCentral's rate limit each lane of this node is using right now, for the operator
 * console. A lane is one connection's budget for one group (Light, Medium, Heavy, Auth); the
 * figures are this node's own view, so on several nodes each shows its share.
 */
@Component
public class RateLimitUse {

  private final RateLimitBudget budget;

  RateLimitUse(RateLimitBudget budget) {
    this.budget = budget;
  }

  /**
   * One lane.
   *
   * @param holder the connection id
   * @param tenant the tenant's slug
   * @param group the rate-limit group, lower case
   * @param used requests in the current window, those under way included
   * @param limit requests the window allows
   * @param window the sliding window
   * @param closedUntil when a 429's penalty ends, or null when the lane is open
   */
  public record Lane(
      String holder,
      String tenant,
      String group,
      int used,
      int limit,
      Duration window,
      Instant closedUntil) {

    /** The share of the window used, 0 to 100. */
    public int percent() {
      return limit <= 0 ? 0 : Math.min(100, Math.round(100f * used / limit));
    }
  }

  /** Every lane that has carried a request since this node started. */
  public List<Lane> now() {
    return budget.use();
  }
}
