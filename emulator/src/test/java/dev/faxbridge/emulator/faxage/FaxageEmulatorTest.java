package dev.faxbridge.emulator.faxage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faxbridge.emulator.Fault;
import dev.faxbridge.emulator.FaultRule;
import dev.faxbridge.emulator.InboundFaxSpec;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Faxage API as faxbridge's client sees it: one form-encoded POST endpoint, plain text. */
class FaxageEmulatorTest {

  private static final Instant RECEIVED = Instant.parse("2026-11-27T17:03:22Z");

  private final HttpClient http = HttpClient.newHttpClient();
  private FaxageEmulator faxage;
  private FaxageAccount clinic;

  @BeforeEach
  void start() {
    faxage =
        FaxageEmulator.builder()
            .clock(Clock.fixed(RECEIVED, ZoneOffset.UTC))
            .timeZone(ZoneId.of("America/Denver"))
            .start();
    clinic = faxage.createAccount("40123", "aspen", "s3cret");
  }

  @AfterEach
  void stop() {
    faxage.close();
  }

  @Test
  void listsFaxesAsTabSeparatedLinesWithDateAndTimeSplitByDefault() throws Exception {
    FaxageFax fax = deliver("+15551230001", "+15559870001", 3, "CLINIC FAX");

    String body = call("listfax").body();

    assertThat(body)
        .isEqualTo(
            fax.recvid()
                + "\t2026-11-27\t10:03:22\t+15551230001\t+15559870001\t"
                + fax.recvid()
                + ".pdf\t3\tCLINIC FAX\n");
  }

  @Test
  void listsTheCsidThirdWhenConfiguredForTheOtherFieldOrder() throws Exception {
    FaxageFax fax = deliver("+15551230001", "+15559870001", 2, "CLINIC FAX");
    faxage.listLayout(ListLayout.CSID_THIRD);

    String body = call("listfax").body();

    assertThat(body)
        .isEqualTo(
            fax.recvid() + "\t2026-11-27 10:03:22\tCLINIC FAX\t+15551230001\t+15559870001\t2\n");
  }

  @Test
  void answersErr11WhenNothingIsLeftToList() throws Exception {
    assertThat(call("listfax").body()).isEqualTo("ERR11: No incoming faxes available\n");

    FaxageFax fax = deliver("+15551230001", "+15559870001", 1, null);
    call("handled", "recvid", Long.toString(fax.recvid()), "handled", "1");

    assertThat(call("listfax", "unhandled", "1").body()).startsWith("ERR11:");
    assertThat(call("listfax").body()).startsWith(fax.recvid() + "\t");
  }

  @Test
  void filtersByTheDialedNumberWithOrWithoutCountryCode() throws Exception {
    FaxageFax first = deliver("+15551230001", "+15559870001", 1, null);
    deliver("+15551230002", "+15559870002", 1, null);

    assertThat(call("listfax", "didnumber", "5559870001").body())
        .startsWith(first.recvid() + "\t")
        .doesNotContain("5559870002");
  }

  @Test
  void getfaxAnswersTheRawDocumentOfEitherType() throws Exception {
    FaxageFax pdf = deliver("+15551230001", "+15559870001", 2, null);
    FaxageFax tiff =
        faxage.deliverFax(
            "40123",
            InboundFaxSpec.of("+15551230001", "+15559870001", 1).contentType(InboundFaxSpec.TIFF));

    HttpResponse<byte[]> pdfAnswer = document(pdf.recvid());
    HttpResponse<byte[]> tiffAnswer = document(tiff.recvid());

    assertThat(new String(pdfAnswer.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    assertThat(sha256(pdfAnswer.body())).isEqualTo(pdf.sha256());
    assertThat(pdfAnswer.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(tiffAnswer.body()).startsWith('M', 'M', 0, 42);
    assertThat(sha256(tiffAnswer.body())).isEqualTo(tiff.sha256());
  }

  @Test
  void marksHandledAndDeletesAndCountsWhatIsStored() throws Exception {
    FaxageFax kept = deliver("+15551230001", "+15559870001", 1, null);
    FaxageFax removed = deliver("+15551230002", "+15559870001", 1, null);

    assertThat(call("handled", "recvid", Long.toString(kept.recvid()), "handled", "1").body())
        .isEqualTo("OK\n");
    assertThat(call("delfax", "faxid", Long.toString(removed.recvid())).body()).isEqualTo("OK\n");

    assertThat(faxage.fax(kept.recvid()).handled()).isTrue();
    assertThat(faxage.fax(removed.recvid()).deleted()).isTrue();
    assertThat(call("handlecount").body()).isEqualTo("1\t1\n");
    assertThat(call("getfax", "faxid", Long.toString(removed.recvid())).body())
        .startsWith("ERR12:");
    assertThat(call("delfax", "faxid", Long.toString(removed.recvid())).body())
        .startsWith("ERR12:");
  }

  @Test
  void refusesWrongOrDisabledLoginsWithErr02() throws Exception {
    assertThat(call(form("listfax", "s3cret-not")).body()).isEqualTo("ERR02: Login incorrect\n");

    faxage.setDisabled("40123", "aspen", true);
    assertThat(call("listfax").body()).startsWith("ERR02:");

    faxage.setDisabled("40123", "aspen", false);
    faxage.setPassword("40123", "aspen", "rotated");
    assertThat(call("listfax").body()).startsWith("ERR02:");
    assertThat(call(form("listfax", "rotated")).body()).startsWith("ERR11:");
  }

  @Test
  void echoesThePostAfterErr08LikeFaxageDoes() throws Exception {
    String body = call("listfaxes").body();

    assertThat(body).startsWith("ERR08: Unknown operation\n").contains("password=s3cret");
  }

  @Test
  void answersErr01WhileItsDatabaseIsDown() throws Exception {
    faxage.databaseDown(true);

    assertThat(call("listfax").body()).isEqualTo("ERR01: Database connection failed\n");
  }

  @Test
  void injectsFaultsByOperation() throws Exception {
    FaxageFax fax = deliver("+15551230001", "+15559870001", 2, null);
    faxage.injectFault(FaultRule.once("POST", "getfax", Fault.truncatedBody()));
    faxage.injectFault(FaultRule.once("POST", "listfax", Fault.status(503)));
    faxage.injectFault(FaultRule.once("POST", "handlecount", Fault.reset()));

    assertThatThrownBy(() -> document(fax.recvid())).isInstanceOf(IOException.class);
    assertThat(call("listfax").statusCode()).isEqualTo(503);
    assertThatThrownBy(() -> call("handlecount")).isInstanceOf(IOException.class);

    assertThat(document(fax.recvid()).body()).hasSize((int) fax.size());
    assertThat(faxage.requestLog())
        .extracting(FaxageRequest::operation, FaxageRequest::status, FaxageRequest::result)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("getfax", 200, null),
            org.assertj.core.groups.Tuple.tuple("listfax", 503, null),
            org.assertj.core.groups.Tuple.tuple("handlecount", 0, null),
            org.assertj.core.groups.Tuple.tuple("getfax", 200, "OK"));
  }

  @Test
  void logsRequestsWithoutThePassword() throws Exception {
    call("listfax");

    assertThat(faxage.requestLog())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.company()).isEqualTo("40123");
              assertThat(r.username()).isEqualTo("aspen");
              assertThat(r.result()).isEqualTo("ERR11");
              assertThat(r.toString()).doesNotContain("s3cret");
            });
  }

  private FaxageFax deliver(String from, String to, int pages, String stationId) {
    return faxage.deliverFax("40123", InboundFaxSpec.of(from, to, pages).senderName(stationId));
  }

  private Map<String, String> form(String operation, String password) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", clinic.username());
    form.put("company", clinic.company());
    form.put("password", password);
    form.put("operation", operation);
    return form;
  }

  private HttpResponse<String> call(String operation, String... more) throws Exception {
    Map<String, String> form = form(operation, clinic.password());
    for (int i = 0; i < more.length; i += 2) {
      form.put(more[i], more[i + 1]);
    }
    return call(form);
  }

  private HttpResponse<String> call(Map<String, String> form) throws Exception {
    return http.send(post(form), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> document(long recvid) throws Exception {
    Map<String, String> form = form("getfax", clinic.password());
    form.put("faxid", Long.toString(recvid));
    return http.send(post(form), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest post(Map<String, String> form) {
    List<String> pairs =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .toList();
    return HttpRequest.newBuilder(faxage.endpointUrl())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)))
        .build();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
