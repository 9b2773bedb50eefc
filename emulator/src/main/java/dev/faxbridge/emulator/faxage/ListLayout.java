package dev.faxbridge.emulator.faxage;

/**
 * The field order of one {@code listfax} line. The public sources disagree (API-NOTES §1.2); the
 * emulator answers in either, so a client can be tested against both.
 */
public enum ListLayout {
  /**
   * {@code recvid, recvdate (yyyy-MM-dd), starttime (HH:mm:ss), cid, dnis, filename, pagecount,
   * tsid}: the order a public Python poller parses. The emulator's default.
   */
  TIME_SPLIT,
  /**
   * {@code recvid, recvdate (yyyy-MM-dd HH:mm:ss), tsid, cid, dnis, pagecount}: index 0-2 as a
   * public Java client reads them (id, date, CSID); the order of the rest is the emulator's guess.
   */
  CSID_THIRD
}
