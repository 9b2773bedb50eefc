package dev.faxbridge.testing;

import dev.faxbridge.emulator.InboundFaxSpec;
import dev.faxbridge.emulator.faxage.FaxageAccount;
import dev.faxbridge.emulator.faxage.FaxageEmulator;
import dev.faxbridge.emulator.faxage.FaxageFax;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A clinic's Faxage company in the Faxage emulator, with one API user. */
public record FaxageClinic(FaxageEmulator faxage, FaxageAccount account) {

  private static final AtomicInteger COMPANIES = new AtomicInteger(70_000);

  public static FaxageClinic create(FaxageEmulator faxage) {
    String company = Integer.toString(COMPANIES.incrementAndGet());
    return new FaxageClinic(
        faxage, faxage.createAccount(company, "api-user", "faxage-pass-" + company));
  }

  public FaxageFax receiveFax(int pages) {
    return faxage.deliverFax(
        account.company(), InboundFaxSpec.of("+13035550100", "+13035550199", pages));
  }

  /** The operator API's body that connects this company. */
  public String connectionBody(String acknowledgement) {
    return "{\"provider\":\"faxage\",\"company\":\""
        + account.company()
        + "\",\"username\":\""
        + account.username()
        + "\",\"password\":\""
        + account.password()
        + "\""
        + (acknowledgement == null ? "" : ",\"acknowledgement\":\"" + acknowledgement + "\"")
        + "}";
  }

  /**
   * Properties that point faxbridge at the Faxage emulator, without pauses between calls (the
   * tests' clocks stand still) and with backoffs of milliseconds.
   */
  public static Map<String, Object> properties(FaxageEmulator faxage) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("faxbridge.faxage.endpoint", faxage.endpointUrl().toString());
    properties.put("faxbridge.faxage.time-zone", faxage.timeZone().getId());
    properties.put("faxbridge.faxage.min-interval", "0s");
    properties.put("faxbridge.faxage.backoff-base", "1ms");
    properties.put("faxbridge.faxage.backoff-max", "4ms");
    return properties;
  }
}
