package dev.faxbridge.emulator.faxage;

import dev.faxbridge.emulator.StoredDocument;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operations of {@code /httpsfax.php}: every call is a form with {@code username}, {@code
 * company}, {@code password} and {@code operation}; answers are plain text (tab-separated lines, or
 * an {@code ERRnn: text} line) or, for {@code getfax}, the raw document.
 */
final class HttpsFaxEndpoint {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** What one call answers. */
  sealed interface Answer {
    /** Plain text; {@code result} is {@code OK} or the {@code ERRnn} code for the request log. */
    record Text(String text, String result) implements Answer {}

    record Document(StoredDocument document) implements Answer {}

    static Answer ok(String text) {
      return new Text(text, "OK");
    }

    static Answer error(String error) {
      return new Text(error + "\n", FaxageErrors.code(error));
    }
  }

  private final Inbox inbox;
  private final ZoneId zone;
  private final Supplier<ListLayout> layout;
  private final Supplier<Boolean> databaseDown;

  HttpsFaxEndpoint(
      Inbox inbox, ZoneId zone, Supplier<ListLayout> layout, Supplier<Boolean> databaseDown) {
    this.inbox = inbox;
    this.zone = zone;
    this.layout = layout;
    this.databaseDown = databaseDown;
  }

  Answer answer(Map<String, String> form, String rawForm) {
    if (databaseDown.get()) {
      return Answer.error(FaxageErrors.DATABASE);
    }
    Optional<FaxageAccount> user =
        inbox.login(form.get("company"), form.get("username"), form.get("password"));
    if (user.isEmpty()) {
      return Answer.error(FaxageErrors.LOGIN);
    }
    String company = user.get().company();
    String operation = form.getOrDefault("operation", "");
    return switch (operation) {
      case "listfax" -> list(company, form);
      case "getfax" -> get(company, form.get("faxid"));
      case "handled" -> handled(company, form);
      case "delfax" -> delete(company, form.get("faxid"));
      case "handlecount" -> count(company);
      // Faxage returns the POST contents after ERR08 "for debugging" (public client code), the
      // password included: a client must never log this answer.
      default ->
          new Answer.Text(
              FaxageErrors.UNKNOWN_OPERATION + "\n" + rawForm + "\n",
              FaxageErrors.code(FaxageErrors.UNKNOWN_OPERATION));
    };
  }

  private Answer list(String company, Map<String, String> form) {
    boolean unhandledOnly = "1".equals(form.get("unhandled"));
    String did = digits(form.get("didnumber"));
    StringBuilder lines = new StringBuilder();
    for (Inbox.Received fax : inbox.listable(company)) {
      if (unhandledOnly && fax.handled) {
        continue;
      }
      if (!did.isEmpty() && !sameNumber(did, digits(fax.spec.to()))) {
        continue;
      }
      lines.append(line(fax)).append('\n');
    }
    return lines.isEmpty() ? Answer.error(FaxageErrors.NO_FAXES) : Answer.ok(lines.toString());
  }

  private String line(Inbox.Received fax) {
    var local = fax.receivedAt.atZone(zone);
    String pages = Integer.toString(fax.spec.pageCount());
    String tsid = fax.spec.senderName() == null ? "" : fax.spec.senderName();
    List<String> fields =
        switch (layout.get()) {
          case TIME_SPLIT ->
              List.of(
                  Long.toString(fax.recvid),
                  DATE.format(local),
                  TIME.format(local),
                  fax.spec.from(),
                  fax.spec.to(),
                  fax.recvid + (fax.document.contentType().equals("image/tiff") ? ".tif" : ".pdf"),
                  pages,
                  tsid);
          case CSID_THIRD ->
              List.of(
                  Long.toString(fax.recvid),
                  DATE_TIME.format(local),
                  tsid,
                  fax.spec.from(),
                  fax.spec.to(),
                  pages);
        };
    return String.join("\t", fields);
  }

  private Answer get(String company, String faxId) {
    return find(company, faxId)
        .<Answer>map(fax -> new Answer.Document(fax.document))
        .orElseGet(() -> Answer.error(FaxageErrors.NO_SUCH_FAX));
  }

  /** {@code recvid} (as public client code sends it) or {@code faxid}; {@code handled=0} clears. */
  private Answer handled(String company, Map<String, String> form) {
    String id = form.getOrDefault("recvid", form.get("faxid"));
    Optional<Inbox.Received> fax = find(company, id);
    if (fax.isEmpty()) {
      return Answer.error(FaxageErrors.NO_SUCH_FAX);
    }
    inbox.markHandled(fax.get(), !"0".equals(form.get("handled")));
    return Answer.ok("OK\n");
  }

  private Answer delete(String company, String faxId) {
    Optional<Inbox.Received> fax = find(company, faxId);
    if (fax.isEmpty()) {
      return Answer.error(FaxageErrors.NO_SUCH_FAX);
    }
    inbox.delete(fax.get());
    return Answer.ok("OK\n");
  }

  /** Two tab-separated numbers: faxes stored, and how many of them are handled. */
  private Answer count(String company) {
    List<Inbox.Received> stored = inbox.listable(company);
    long handled = stored.stream().filter(f -> f.handled).count();
    return Answer.ok(stored.size() + "\t" + handled + "\n");
  }

  private Optional<Inbox.Received> find(String company, String id) {
    if (id == null || !id.matches("\\d{1,18}")) {
      return Optional.empty();
    }
    return inbox.find(company, Long.parseLong(id));
  }

  private static String digits(String number) {
    return number == null ? "" : number.replaceAll("\\D", "");
  }

  /** A DID matches with or without the country code 1 in front. */
  private static boolean sameNumber(String a, String b) {
    return a.equals(b) || ("1" + a).equals(b) || a.equals("1" + b);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
