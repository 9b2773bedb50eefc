package dev.faxbridge.provider.faxage;

import java.util.List;

/**
 * What one {@code listfax} answered: the faxes it could read, and a value per line it could not, so
 * one malformed line never hides the others. An empty inbox (ERR11) is an empty listing.
 */
record FaxageListing(List<FaxRecord> faxes, List<UnreadableLine> unreadable) {

  FaxageListing {
    faxes = List.copyOf(faxes);
    unreadable = List.copyOf(unreadable);
  }

  static final FaxageListing EMPTY = new FaxageListing(List.of(), List.of());

  /**
   * A line that is not a fax in either known layout. {@code recvid} is the line's first field when
   * it is a number (so the fax can still be named), else null; {@code reason} never quotes the
   * line, which holds phone numbers.
   */
  record UnreadableLine(int lineNumber, Long recvid, String reason) {}
}
