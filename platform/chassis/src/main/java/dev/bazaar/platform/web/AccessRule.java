package dev.bazaar.platform.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call a group of routes, as a service declares it in {@code bazaar.access.rules}: {@code "GET
 * /api/catalog/** public"}, {@code "/api/catalog/** staff"}. The first rule that matches a request decides; the
 * same list is enforced ({@link Access}) and documented in the OpenAPI document ({@link ApiDocs}), so the two cannot
 * differ.
 *
 * @param method  the HTTP method, or empty for every method
 * @param pattern a Spring path pattern ({@code *} one segment, {@code **} the rest)
 */
public record AccessRule(Optional<HttpMethod> method, String pattern, Level level) {

    /** What a caller needs. Ownership (a shopper's own orders) is a service's own check, answered 404 otherwise. */
    public enum Level {
        /** Anyone, with or without a token (a token that comes is still checked). */
        PUBLIC,
        /** Any valid token: a shopper, staff, or the operator's service account. */
        SIGNED_IN,
        /** A shopper's token: what only a customer does (placing an order for themselves). */
        SHOPPER,
        /** Staff, or the operator's service account (the launcher's audit, dead letters, rebuilds). */
        STAFF;

        /** The roles that pass, as in the token's {@code roles} claim; empty: any (or no) token. */
        public List<String> roles() {
            return switch (this) {
                case PUBLIC, SIGNED_IN -> List.of();
                case SHOPPER -> List.of("shopper");
                case STAFF -> List.of("staff", "service");
            };
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Routes every service treats alike: health and API documents open, operations for staff. */
    static final List<AccessRule> TECHNICAL = List.of(
            parse("/actuator/** public"), parse("/v3/api-docs/** public"), parse("/v3/api-docs public"),
            parse("/error public"), parse("/admin/** staff"));

    /** What no rule names: a token is needed (defence in depth, whatever the gateway let through). */
    static final AccessRule OTHERWISE = parse("/** signed-in");

    public static AccessRule parse(String rule) {
        String[] words = rule.trim().split("\\s+");
        if (words.length < 2 || words.length > 3 || !words[words.length - 2].startsWith("/")) {
            throw new IllegalArgumentException("An access rule reads '[METHOD] /path/pattern public|signed-in|shopper|staff', not '"
                    + rule + "'");
        }
        Optional<HttpMethod> method = words.length == 3 ? Optional.of(HttpMethod.valueOf(words[0].toUpperCase(Locale.ROOT))) : Optional.empty();
        if (method.isPresent() && !Arrays.asList(HttpMethod.values()).contains(method.get())) {
            throw new IllegalArgumentException("Unknown HTTP method in '" + rule + "'");
        }
        String level = words[words.length - 1].toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return new AccessRule(method, words[words.length - 2], Level.valueOf(level));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown access level in '" + rule + "': public, signed-in, shopper or staff");
        }
    }

    /**
     * The methods it names, none for every method. A GET rule covers HEAD too: Spring MVC answers a HEAD with the GET
     * handler, which would otherwise run for whoever the rules further down let in (a shopper at a staff page).
     */
    public List<HttpMethod> methods() {
        return method.map(named -> HttpMethod.GET.equals(named) ? List.of(HttpMethod.GET, HttpMethod.HEAD) : List.of(named))
                .orElse(List.of());
    }

    /** Whether this rule covers a request (or a documented operation, whose path is a template like {@code /x/{id}}). */
    boolean covers(HttpMethod requestMethod, String path) {
        return (method.isEmpty() || methods().contains(requestMethod))
                && COMPILED.computeIfAbsent(pattern, PathPatternParser.defaultInstance::parse).matches(PathContainer.parsePath(path));
    }

    /** Each declared pattern parsed once: rules are decided on every request. Bounded by the patterns a service declares. */
    private static final Map<String, PathPattern> COMPILED = new ConcurrentHashMap<>();

    @Override
    public String toString() {
        return method.map(m -> m.name() + " ").orElse("") + pattern + " " + level.label();
    }
}
