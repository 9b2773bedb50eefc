package dev.faxbridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket: the request target goes on the wire exactly as given (no
 * normalisation, no encoding), as an attacker's client would send it.
 */
public final class RawHttp {

  /** The status code, body and {@code Location} header (null when absent) of an answer. */
  public record Answer(int status, String body, String location) {}

  private RawHttp() {}

  public static Answer send(
      URI base, String method, String rawTarget, String authorization, String jsonBody) {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
      StringBuilder head =
          new StringBuilder()
              .append(method)
              .append(' ')
              .append(rawTarget)
              .append(" HTTP/1.1\r\nHost: ")
              .append(base.getHost())
              .append(':')
              .append(base.getPort())
              .append("\r\nConnection: close\r\nContent-Type: application/json\r\n")
              .append("Content-Length: ")
              .append(body.length)
              .append("\r\n");
      if (authorization != null) {
        head.append("Authorization: ").append(authorization).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(answer.substring(9, 12));
      int split = answer.indexOf("\r\n\r\n");
      String headers = split < 0 ? answer : answer.substring(0, split);
      String location = null;
      for (String line : headers.split("\r\n")) {
        if (line.regionMatches(true, 0, "Location:", 0, 9)) {
          location = line.substring(9).trim();
        }
      }
      return new Answer(status, split < 0 ? "" : answer.substring(split + 4), location);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
