package dev.faxbridge.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET .../message-store/{messageId}/content/{attachmentId}} on the media listener: streams
 * the document from disk with {@code Content-Type}, {@code Content-Length}, {@code
 * Content-Disposition} and single-range support (206 / 416).
 */
final class ContentEndpoint {

  private final MessageStore store;
  private final Mailboxes mailboxes;

  ContentEndpoint(MessageStore store, Mailboxes mailboxes) {
    this.store = store;
    this.mailboxes = mailboxes;
  }

  List<Route> routes() {
    return List.of(
        new Route(
            "GET",
            MessageEndpoints.BASE + "/message-store/{messageId}/content/{attachmentId}",
            RateLimitGroup.MEDIUM,
            true,
            "ReadMessages",
            this::download));
  }

  void download(HttpCall call) throws IOException {
    Mailboxes.Mailbox mailbox = mailboxes.mailbox(call);
    StoredFax fax =
        store
            .find(mailbox.accountId(), mailbox.extensionId(), MessageEndpoints.messageId(call))
            .orElseThrow(() -> PlatformError.notFound("messageId"));
    StoredAttachment attachment =
        fax.attachment(call.pathVariable("attachmentId"))
            .filter(a -> fax.hasContent())
            .orElseThrow(() -> PlatformError.notFound("attachmentId"));
    StoredDocument document = attachment.document();
    long size = document.size();
    Optional<ByteRange> range = ByteRange.parse(call.header("Range"), size);
    String disposition =
        "Attachment".equalsIgnoreCase(call.param("contentDisposition")) ? "attachment" : "inline";
    String filename = call.param("contentDispositionFilename");
    call.header("Content-Type", document.contentType());
    call.header(
        "Content-Disposition",
        disposition
            + "; filename=\""
            + (filename != null ? filename : MessageJson.fileName(fax, attachment))
            + "\"");
    call.header("Accept-Ranges", "bytes");
    long start = range.map(ByteRange::start).orElse(0L);
    long length = range.map(ByteRange::length).orElse(size);
    range.ifPresent(
        r -> call.header("Content-Range", "bytes " + r.start() + "-" + r.end() + "/" + size));
    try (FileChannel channel = FileChannel.open(document.file(), StandardOpenOption.READ);
        OutputStream out = call.respondStreaming(range.isPresent() ? 206 : 200, length)) {
      copy(channel, start, length, Channels.newChannel(out));
    }
  }

  private static void copy(FileChannel from, long start, long length, WritableByteChannel to)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    long position = start;
    long remaining = length;
    while (remaining > 0) {
      buffer.clear();
      if (remaining < buffer.capacity()) {
        buffer.limit((int) remaining);
      }
      int read = from.read(buffer, position);
      if (read < 0) {
        throw new IOException("document shorter than its recorded size");
      }
      buffer.flip();
      while (buffer.hasRemaining()) {
        to.write(buffer);
      }
      position += read;
      remaining -= read;
    }
  }
}
