package dev.faxbridge.provider.faxage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * A {@code listfax} answer is read line by line in whichever known field order each line uses; a
 * line that fits neither becomes a value naming its line, never a failed listing.
 */
class ListfaxParserTest {

  private final ListfaxParser parser = new ListfaxParser(ZoneId.of("America/Denver"));

  @Test
  void readsBothFieldOrdersInOneAnswerWithWindowsLineEnds() {
    FaxageListing listing =
        parser.parse(
            "101\t2026-11-27\t10:03:22\t5551230001\t5559870001\t101.pdf\t3\tCLINIC\r\n"
                + "102\t2026-11-27 9:05\tOTHER\t5551230002\t5559870001\t1\r\n");

    assertThat(listing.unreadable()).isEmpty();
    assertThat(listing.faxes())
        .containsExactly(
            new FaxRecord(
                101,
                Instant.parse("2026-11-27T17:03:22Z"),
                "5551230001",
                "5559870001",
                "CLINIC",
                3,
                ListfaxLayout.TIME_SPLIT),
            new FaxRecord(
                102,
                Instant.parse("2026-11-27T16:05:00Z"),
                "5551230002",
                "5559870001",
                "OTHER",
                1,
                ListfaxLayout.CSID_THIRD));
  }

  @Test
  void keepsReadingPastMalformedLinesAndSaysWhichOnesWithoutQuotingThem() {
    FaxageListing listing =
        parser.parse(
            "abc\t2026-11-27\t10:03:22\t5551230001\t5559870001\n"
                + "\n"
                + "103\t2026-13-40\t10:03:22\t5551230001\t5559870001\n"
                + "104\tyesterday\t5551230001\n"
                + "105\t2026-11-27\t10:03:22\t5551230001\t5559870001\n");

    assertThat(listing.faxes()).extracting(FaxRecord::recvid).containsExactly(105L);
    assertThat(listing.faxes().get(0).pageCount()).isNull();
    assertThat(listing.faxes().get(0).stationId()).isEmpty();
    assertThat(listing.unreadable())
        .extracting(FaxageListing.UnreadableLine::lineNumber, FaxageListing.UnreadableLine::recvid)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, null),
            org.assertj.core.groups.Tuple.tuple(3, 103L),
            org.assertj.core.groups.Tuple.tuple(4, 104L));
    assertThat(listing.unreadable())
        .allSatisfy(line -> assertThat(line.reason()).doesNotContain("555"));
  }

  @Test
  void aRecordsStringNamesNoPhoneNumber() {
    FaxRecord fax =
        parser.parse("106\t2026-11-27\t10:03:22\t5551230001\t5559870001\n").faxes().get(0);

    assertThat(fax.toString()).contains("106").doesNotContain("555");
  }
}
