package dev.faxbridge.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No request body may exceed {@value #MAX_BYTES} bytes (the largest legitimate one, a clinic's JWT
 * with its JSON around it, is a few KB): a declared larger length is answered 400 before anything
 * reads it, and a chunked body is cut off at the limit, which fails its parsing with a 400.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimit extends OncePerRequestFilter {

  static final int MAX_BYTES = 64 * 1024;

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > MAX_BYTES) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setHeader("Connection", "close"); // the unread body is not worth swallowing
      response.setContentType("application/problem+json");
      response
          .getWriter()
          .write(
              "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"A request body is at most "
                  + MAX_BYTES
                  + " bytes; this one declares "
                  + request.getContentLengthLong()
                  + "\"}");
      return;
    }
    chain.doFilter(new Limited(request), response);
  }

  private static final class Limited extends HttpServletRequestWrapper {
    Limited(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream body = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        @Override
        public int read() throws IOException {
          int b = body.read();
          if (b >= 0 && ++read > MAX_BYTES) {
            throw new IOException("A request body is at most " + MAX_BYTES + " bytes");
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = body.read(buffer, offset, length);
          if (n > 0 && (read += n) > MAX_BYTES) {
            throw new IOException("A request body is at most " + MAX_BYTES + " bytes");
          }
          return n;
        }

        @Override
        public boolean isFinished() {
          return body.isFinished();
        }

        @Override
        public boolean isReady() {
          return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          body.setReadListener(listener);
        }
      };
    }
  }
}
