package dev.pushdeck.shared.web;

import dev.pushdeck.shared.error.HttpStatusHint;
import dev.pushdeck.shared.error.PushdeckException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Caps every body a controller reads through {@code @RequestBody} (JSON, or text read as a
 * {@code String}), for team tokens and app keys alike: {@code pushdeck.api.max-body-size}
 * (default 1 MB). A declared length over the cap is refused before a byte is read; a body
 * without one (chunked) is refused as soon as it passes the cap, so nothing larger is ever
 * held in memory. Either way the answer is a 413 problem document. Bodies streamed by the
 * controller itself (the CSV device import, with its own cap) and multipart uploads
 * ({@code spring.servlet.multipart.*}) do not pass through here. Stateless, thread-safe.
 */
@ControllerAdvice(basePackages = "dev.pushdeck")
class RequestBodyLimit extends RequestBodyAdviceAdapter {

    private final DataSize limit;

    RequestBodyLimit(@Value("${pushdeck.api.max-body-size:1MB}") DataSize limit) {
        this.limit = limit;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) {
        if (message.getHeaders().getContentLength() > limit.toBytes()) {
            throw new TooLarge(limit);
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() throws IOException {
                return new Capped(message.getBody(), limit);
            }

            @Override
            public HttpHeaders getHeaders() {
                return message.getHeaders();
            }
        };
    }

    /** 413: unchecked, so that no converter turns it into a 400 for unreadable JSON. */
    static final class TooLarge extends PushdeckException implements HttpStatusHint {

        TooLarge(DataSize limit) {
            super("error.body.too-large", limit.toKilobytes());
        }

        @Override
        public HttpStatus httpStatus() {
            return HttpStatus.PAYLOAD_TOO_LARGE;
        }
    }

    private static final class Capped extends FilterInputStream {

        private final DataSize limit;
        private long remaining;

        Capped(InputStream in, DataSize limit) {
            super(in);
            this.limit = limit;
            this.remaining = limit.toBytes();
        }

        @Override
        public int read() throws IOException {
            int next = super.read();
            count(next < 0 ? 0 : 1);
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            count(Math.max(read, 0));
            return read;
        }

        private void count(int bytes) {
            remaining -= bytes;
            if (remaining < 0) {
                throw new TooLarge(limit);
            }
        }
    }
}
