package dev.faxbridge.provider.faxage;

/**
 * The two field orders public sources show for a {@code listfax} line (docs/faxage.md). Which one a
 * line uses is told by its third field: a time of day, or not.
 */
enum ListfaxLayout {
  /** {@code recvid, recvdate, starttime, cid, dnis, filename, pagecount, tsid}. */
  TIME_SPLIT,
  /** {@code recvid, recvdate with time, tsid, cid, dnis, pagecount}. */
  CSID_THIRD
}
