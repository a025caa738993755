package dev.bazaar.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose query parameters hold a NUL character ({@code %00}) before any controller sees it: the
 * database would refuse the text later, with a 500. (Bodies are checked where JSON is read: {@link StrictText}.)
 */
final class NulGuard extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (var parameter : request.getParameterMap().entrySet()) {
            for (String value : parameter.getValue()) {
                if (value.indexOf('\u0000') >= 0 || parameter.getKey().indexOf('\u0000') >= 0) {
                    ProblemResponses.write(response, 400, ProblemResponses.body(400, "invalid-request", "Invalid request",
                            "query parameter " + safe(parameter.getKey()) + " must not contain a NUL character", request.getRequestURI()));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "?");
    }
}
