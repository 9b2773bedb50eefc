package dev.faxbridge.emulator;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single byte range of an RFC 9110 {@code Range: bytes=...} header, resolved against a length.
 * Multiple ranges are not supported: such a header is ignored and the whole body served, which RFC
 * 9110 allows.
 */
record ByteRange(long start, long end) {

  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  long length() {
    return end - start + 1;
  }

  /** The range, empty to serve the whole body; throws 416 when the range cannot be satisfied. */
  static Optional<ByteRange> parse(String header, long size) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = SINGLE.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return Optional.empty();
    }
    long start;
    long end;
    if (m.group(1).isEmpty()) {
      long suffix = Long.parseLong(m.group(2));
      if (suffix == 0) {
        throw unsatisfiable(size);
      }
      start = Math.max(0, size - suffix);
      end = size - 1;
    } else {
      start = Long.parseLong(m.group(1));
      end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
      if (end < start && !m.group(2).isEmpty() && Long.parseLong(m.group(2)) < start) {
        return Optional.empty();
      }
    }
    if (start >= size) {
      throw unsatisfiable(size);
    }
    return Optional.of(new ByteRange(start, end));
  }

  private static PlatformError unsatisfiable(long size) {
    return PlatformError.api(416, "CMN-101", "Requested range not satisfiable")
        .withHeader("Content-Range", "bytes */" + size);
  }
}
