package dev.faxbridge.bench;

import com.ringcentral.RestClient;
import com.ringcentral.RestException;
import com.ringcentral.definitions.GetExtensionListInfoResponse;
import com.ringcentral.definitions.GetExtensionListResponse;
import com.ringcentral.definitions.GetMessageInfoResponse;
import com.ringcentral.definitions.GetMessageList;
import com.ringcentral.definitions.ListMessagesParameters;
import com.ringcentral.definitions.MessageAttachmentInfo;
import dev.faxbridge.emulator.ClientApp;
import dev.faxbridge.emulator.FaxMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The baseline: the loop RingCentral's fax-reading guide and SDK samples show, written with the
 * official Java SDK as a user would. For each clinic in turn: log in with its JWT, list the
 * extensions, list each fax mailbox's inbound faxes, download every attachment {@code uri} with
 * {@code rc.get(uri)}, one after another; on a 429 sleep {@code Retry-After} and try the same call
 * again. Nothing else: no pacing, no parallelism, as in the samples.
 */
final class SdkSampleLoop {

  private static final Set<String> FAX_MAILBOX_TYPES = Set.of("User", "FaxUser", "Department");

  private static final int MAX_RETRIES = 20;

  private final ClientApp app;
  private final String server;

  SdkSampleLoop(ClientApp app, String server) {
    this.app = app;
    this.server = server;
  }

  /** Drains every clinic; answers how many faxes arrived matching the platform's SHA-256. */
  int drain(List<BenchClinic> clinics, Map<String, FaxMessage> backlog, Path directory)
      throws IOException, RestException {
    Files.createDirectories(directory);
    int verified = 0;
    String dateFrom = Instant.now().minus(30, ChronoUnit.DAYS).toString();
    for (BenchClinic clinic : clinics) {
      RestClient rc = new RestClient(app.clientId(), app.clientSecret(), server);
      retrying(() -> rc.authorize(clinic.sdkJwt()));
      GetExtensionListResponse extensions =
          retrying(() -> rc.restapi().account().extension().list());
      for (GetExtensionListInfoResponse extension : extensions.records) {
        if (!FAX_MAILBOX_TYPES.contains(extension.type)) {
          continue;
        }
        GetMessageList faxes =
            retrying(
                () ->
                    rc.restapi()
                        .account()
                        .extension(extension.id.toString())
                        .messageStore()
                        .list(
                            new ListMessagesParameters()
                                .messageType(new String[] {"Fax"})
                                .direction(new String[] {"Inbound"})
                                .dateFrom(dateFrom)
                                .perPage(1000L)));
        for (GetMessageInfoResponse message : faxes.records) {
          for (MessageAttachmentInfo attachment : message.attachments) {
            byte[] content = retrying(() -> rc.get(attachment.uri).bytes());
            Files.write(directory.resolve(message.id + "-" + attachment.id), content);
            FaxMessage expected = backlog.get(message.id.toString());
            if (expected != null && expected.sha256().equals(sha256(content))) {
              verified++;
            }
          }
        }
      }
    }
    return verified;
  }

  /**
   * A call of the sample: on 429, sleep for Retry-After (30 s when absent) and call again. The
   * sample retries without end; the benchmark gives up after {@value #MAX_RETRIES} 429s in a row.
   */
  private static <T> T retrying(SdkCall<T> call) throws IOException, RestException {
    for (int rejections = 0; ; rejections++) {
      try {
        return call.run();
      } catch (RestException e) {
        if (e.response == null || e.response.code() != 429 || rejections >= MAX_RETRIES) {
          throw e;
        }
        String retryAfter = e.response.header("Retry-After");
        long seconds = retryAfter == null ? 30 : Long.parseLong(retryAfter.trim());
        FaxbridgeProcess.sleep(Duration.ofSeconds(seconds));
      }
    }
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @FunctionalInterface
  private interface SdkCall<T> {
    T run() throws IOException, RestException;
  }
}
