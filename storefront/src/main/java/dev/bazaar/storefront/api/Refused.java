package dev.bazaar.storefront.api;

/**
 * The platform answered, and said no: a 4xx problem, kept whole so that a page can explain it in a shopper's words.
 *
 * @see Unavailable for a platform that did not answer
 */
public final class Refused extends RuntimeException {

    private final int status;
    private final String problem;
    private final String detail;

    Refused(int status, String problem, String detail) {
        super(status + " " + problem + ": " + detail);
        this.status = status;
        this.problem = problem;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    /** The problem's type without its base, as the services name it: {@code unknown-product}, {@code checkout-busy}. */
    public String problem() {
        return problem;
    }

    /** The service's own sentence, for a case the page has no words of its own for. */
    public String detail() {
        return detail;
    }
}
