package dev.bazaar.platform.slo;

import java.time.Duration;
import java.util.List;

/**
 * One severity of alert: it fires for an objective when any of its windows' conditions holds, and has held for
 * {@code pending} ({@code for} in Prometheus).
 *
 * @param severity its name, the alerts' {@code severity} label ({@code page}, {@code ticket})
 * @param pending  how long a condition must hold before the alert fires
 * @param windows  the conditions, any of which fires it
 */
public record AlertPolicy(String severity, Duration pending, List<BurnRateWindow> windows) {

    public AlertPolicy {
        windows = List.copyOf(windows);
    }
}
