package dev.faxbridge.delivery.webhook;

import dev.faxbridge.delivery.FaxMetadata;
import dev.faxbridge.provider.DownloadedDocument;
import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code multipart/form-data} body of a metadata part and a document part. The head and tail are
 * small and held in memory; the document part streams from its file. The boundary derives from the
 * fax's identity, so the body of a retry is byte for byte the body of the first attempt.
 */
record MultipartBody(String boundary, byte[] head, DownloadedDocument document, byte[] tail) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  MultipartBody(FaxMetadata metadata, DownloadedDocument document) {
    this(
        "faxbridge-" + metadata.documentDigest(32),
        metadata,
        document,
        JSON.writeValueAsString(metadata.asJson()));
  }

  private MultipartBody(
      String boundary, FaxMetadata metadata, DownloadedDocument document, String json) {
    this(
        boundary,
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"metadata\""
                + "\r\nContent-Type: application/json; charset=utf-8\r\n\r\n"
                + json
                + "\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\""
                + metadata.documentId()
                + ("image/tiff".equals(document.contentType()) ? ".tif" : ".pdf")
                + "\"\r\nContent-Type: "
                + document.contentType()
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8),
        document,
        ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  HttpRequest.BodyPublisher publisher() throws FileNotFoundException {
    return HttpRequest.BodyPublishers.concat(
        HttpRequest.BodyPublishers.ofByteArray(head),
        HttpRequest.BodyPublishers.ofFile(document.path()),
        HttpRequest.BodyPublishers.ofByteArray(tail));
  }
}
