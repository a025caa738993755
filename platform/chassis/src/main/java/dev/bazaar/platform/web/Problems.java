package dev.bazaar.platform.web;

import java.net.URI;
import java.util.Locale;

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

    /**
     * Gives a problem without a type of its own ({@code about:blank}, Spring's default) the one its title names:
     * "Unsupported Media Type" is {@code .../unsupported-media-type}. (Without a title set, the title is the status's
     * reason phrase.)
     */
    static void typeByTitleIfUntyped(ProblemDetail problem) {
        boolean typed = problem.getType() != null && !"about:blank".equals(problem.getType().toString());
        if (typed || problem.getTitle() == null) {
            return;
        }
        String slug = problem.getTitle().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        problem.setType(URI.create(TYPE_BASE + slug));
    }

    /** An exception that the web layer renders as the given problem. */
    public static ErrorResponseException exception(HttpStatus status, String type, String title, String detail) {
        return new ErrorResponseException(status, problem(status, type, title, detail), null);
    }
}
