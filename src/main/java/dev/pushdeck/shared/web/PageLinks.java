package dev.pushdeck.shared.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Adds {@code Link: <…?after=NEXT>; rel="next"} (RFC 8288) to every {@link Page} that has a
 * {@code next} cursor: the same request with {@code after} set and the numbered-page
 * parameters ({@code page}, and the older {@code before}) dropped, so a client can follow
 * links without knowing the list's parameters.
 */
@RestControllerAdvice(basePackages = "dev.pushdeck")
class PageLinks implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return Page.class.isAssignableFrom(returnType.getParameterType());
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof Page<?> page && page.next() != null) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page")
                    .replaceQueryParam("before").replaceQueryParam("after", page.next()).build().encode().toUriString();
            response.getHeaders().add(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return body;
    }
}
