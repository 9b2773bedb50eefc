package dev.faxbridge.provider.faxage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a {@code listfax} answer: one fax per line, tab-separated fields, in either known order.
 * The order is told per line, so a change of order between (or within) answers is read correctly: a
 * third field that is a time of day means {@link ListfaxLayout#TIME_SPLIT}, a second field that
 * holds a date and a time means {@link ListfaxLayout#CSID_THIRD}. A line that fits neither becomes
 * an {@link FaxageListing.UnreadableLine}; blank lines are skipped.
 */
final class ListfaxParser {

  private static final Pattern ID = Pattern.compile("\\d{1,18}");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern TIME = Pattern.compile("\\d{1,2}:\\d{2}(:\\d{2})?");
  private static final Pattern DATE_TIME =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[ T](\\d{1,2}:\\d{2}(:\\d{2})?)");

  private final ZoneId zone;

  ListfaxParser(ZoneId zone) {
    this.zone = zone;
  }

  FaxageListing parse(String body) {
    List<FaxRecord> faxes = new ArrayList<>();
    List<FaxageListing.UnreadableLine> unreadable = new ArrayList<>();
    String[] lines = body.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank()) {
        continue;
      }
      try {
        faxes.add(read(line.split("\t", -1)));
      } catch (Unreadable e) {
        unreadable.add(new FaxageListing.UnreadableLine(i + 1, e.recvid, e.getMessage()));
      }
    }
    return new FaxageListing(faxes, unreadable);
  }

  private FaxRecord read(String[] f) {
    String id = f[0].trim();
    if (!ID.matcher(id).matches()) {
      throw new Unreadable(null, "the first field is not a fax id");
    }
    long recvid = Long.parseLong(id);
    if (f.length >= 5
        && DATE.matcher(f[1].trim()).matches()
        && TIME.matcher(f[2].trim()).matches()) {
      return new FaxRecord(
          recvid,
          instant(recvid, f[1].trim(), f[2].trim()),
          f[3].trim(),
          f[4].trim(),
          field(f, 7),
          pages(f, 6),
          ListfaxLayout.TIME_SPLIT);
    }
    var dateTime = f.length >= 5 ? DATE_TIME.matcher(f[1].trim()) : null;
    if (dateTime != null && dateTime.matches()) {
      return new FaxRecord(
          recvid,
          instant(recvid, dateTime.group(1), dateTime.group(2)),
          f[3].trim(),
          f[4].trim(),
          f[2].trim(),
          pages(f, 5),
          ListfaxLayout.CSID_THIRD);
    }
    throw new Unreadable(
        recvid,
        "the line has "
            + f.length
            + " fields and fits neither known layout (a date and a time, or a date-time, after"
            + " the id)");
  }

  private Instant instant(long recvid, String date, String time) {
    try {
      LocalTime t = LocalTime.parse(time.length() == 4 || time.length() == 7 ? "0" + time : time);
      return LocalDateTime.of(LocalDate.parse(date), t).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new Unreadable(recvid, "the receive time is not a valid date and time");
    }
  }

  private static String field(String[] f, int index) {
    return f.length > index ? f[index].trim() : "";
  }

  private static Integer pages(String[] f, int index) {
    String value = field(f, index);
    return value.matches("\\d{1,4}") ? Integer.valueOf(value) : null;
  }

  /** Why a line was not read; becomes an {@link FaxageListing.UnreadableLine}. */
  private static final class Unreadable extends RuntimeException {
    private final Long recvid;

    Unreadable(Long recvid, String reason) {
      super(reason, null, false, false);
      this.recvid = recvid;
    }
  }
}
