package dev.faxbridge.sync;

import dev.faxbridge.provider.faxage.FaxageSettings;
import dev.faxbridge.provider.ringcentral.RingCentralOnboarding;

/**
 * A class of the sync package (in the tests only) that does what the boundary forbids: it refers to
 * two providers' own packages. {@code ArchitectureTest} checks that its rule reports it, so the
 * rule is known to fail when {@code sync} imports a provider.
 */
public final class ProviderBoundaryProbe {

  private ProviderBoundaryProbe() {}

  public static String names(RingCentralOnboarding onboarding, FaxageSettings settings) {
    return onboarding.clientId() + settings.endpoint();
  }
}
