package dev.bazaar.console.web;

import java.time.Duration;

import dev.bazaar.console.ConsoleProperties;
import dev.bazaar.platform.slo.PromDuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The page's data, as JSON: {@code GET /api/dashboard?span=15m}. Staff only (a signed-in browser, or a staff bearer
 * token), as everything of the console but its health and metrics.
 */
@RestController
class DashboardController {

    private static final Duration SHORTEST = Duration.ofMinutes(1);

    private final Dashboard dashboard;
    private final ConsoleProperties properties;

    DashboardController(Dashboard dashboard, ConsoleProperties properties) {
        this.dashboard = dashboard;
        this.properties = properties;
    }

    @GetMapping("/api/dashboard")
    Dashboard.View dashboard(@RequestParam(defaultValue = "15m") String span) {
        Duration asked = PromDuration.parse(span);
        if (asked.compareTo(SHORTEST) < 0 || asked.compareTo(properties.retention()) > 0) {
            throw new IllegalArgumentException("span must be between " + PromDuration.format(SHORTEST) + " and "
                    + PromDuration.format(properties.retention()) + " (the history kept), not " + span);
        }
        return dashboard.view(asked);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
