package dev.bazaar.platform.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Problem details (RFC 9457) with a stable {@code type} that clients can switch on. */
public final class Problems {

    private static final String TYPE_BASE = "https://bazaar.dev/problems/";

    private Problems() {
    }

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /** An exception that the web layer renders as the given problem. */
    public static ErrorResponseException exception(HttpStatus status, String type, String title, String detail) {
        return new ErrorResponseException(status, problem(status, type, title, detail), null);
    }
}
