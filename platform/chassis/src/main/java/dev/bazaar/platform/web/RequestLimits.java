package dev.bazaar.platform.web;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What one request may bring, refused before anything reads it: a body larger than {@code bazaar.web.max-body-size}
 * is a 413 problem (by its Content-Length, or once a chunked body grows past it), a body in another charset than
 * UTF-8 a 415, and TRACE a 405. So no request can make a service allocate more than that, whatever it sends.
 */
final class RequestLimits extends OncePerRequestFilter {

    private final long maxBody;

    RequestLimits(DataSize maxBody) {
        this.maxBody = maxBody.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("TRACE".equalsIgnoreCase(request.getMethod())) {
            ProblemResponses.write(response, 405, ProblemResponses.body(405, "method-not-allowed", "Method not allowed",
                    "TRACE is not allowed", request.getRequestURI()));
            return;
        }
        if (request.getContentLengthLong() > maxBody) {
            refuseTooLarge(request, response);
            return;
        }
        String charset = charsetOf(request.getContentType());
        if (charset != null && !isUtf8(charset)) {
            ProblemResponses.write(response, 415, ProblemResponses.body(415, "unsupported-media-type", "Unsupported media type",
                    "Bodies are read as UTF-8 only, not " + charset.replaceAll("[^A-Za-z0-9_.:-]", "?"), request.getRequestURI()));
            return;
        }
        chain.doFilter(request.getContentLengthLong() < 0 ? new Bounded(request, maxBody) : request, response);
    }

    private void refuseTooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemResponses.write(response, 413, ProblemResponses.body(413, "payload-too-large", "Payload too large",
                "A request body may hold at most " + maxBody / 1024 + " KB", request.getRequestURI()));
    }

    private static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            Charset charset = MediaType.parseMediaType(contentType).getCharset();
            return charset == null ? null : charset.name();
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return e.getMessage() == null ? "an unknown charset" : e.getMessage();
        } catch (RuntimeException e) {
            // A Content-Type that does not parse is for the converters to refuse (415), not a charset question.
            return null;
        }
    }

    private static boolean isUtf8(String charset) {
        return StandardCharsets.UTF_8.name().equalsIgnoreCase(charset) || "US-ASCII".equalsIgnoreCase(charset);
    }

    /** A body that fails once it grows past the limit: how a chunked body without Content-Length is bounded. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("The request body is larger than " + limit / 1024 + " KB");
        }
    }

    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream wrapped = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int value = wrapped.read();
                        count(value < 0 ? 0 : 1);
                        return value;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int count = wrapped.read(buffer, offset, length);
                        count(Math.max(count, 0));
                        return count;
                    }

                    private void count(int bytes) throws TooLarge {
                        read += bytes;
                        if (read > limit) {
                            throw new TooLarge(limit);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return wrapped.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return wrapped.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        wrapped.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
