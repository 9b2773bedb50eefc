package dev.faxbridge.provider.faxage;

import java.time.Instant;

/**
 * One fax as a {@code listfax} line describes it. Phone numbers and the station id are PHI: never
 * logged, and not in {@link #toString()}.
 *
 * @param recvid Faxage's id of the received fax: what {@code getfax}, {@code handled} and {@code
 *     delfax} take
 * @param callerNumber the caller id (cid), as Faxage shows it
 * @param dialedNumber the clinic's number that was dialed (dnis)
 * @param stationId the sending machine's station id (tsid/CSID), empty when none
 * @param pageCount pages, or null when the line shows none
 * @param layout the field order this line was read in
 */
record FaxRecord(
    long recvid,
    Instant receivedAt,
    String callerNumber,
    String dialedNumber,
    String stationId,
    Integer pageCount,
    ListfaxLayout layout) {

  @Override
  public String toString() {
    return "FaxRecord[recvid=" + recvid + ", receivedAt=" + receivedAt + ", layout=" + layout + "]";
  }
}
