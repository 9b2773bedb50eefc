package dev.faxbridge.testing;

import dev.faxbridge.platform.SecretBox;

/** One generated keyset for the test JVM. */
public final class TestKeyset {

  public static final String JSON = SecretBox.generateKeyset();

  private TestKeyset() {}
}
