package dev.bazaar.platform.slo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/grafana/bazaar.json, generated from slos.yaml: a Grafana dashboard over the metrics the generated scrape
 * configuration collects. First each objective (its SLI and error budget left over the period, its burn rates, its
 * firing alerts), then the business (orders by outcome, completion times, revenue, payments, stock, shipments), HTTP
 * rate, errors and duration per service and per gateway route, and messaging (outbox backlog, dead letters, consumer
 * lag). The Prometheus data source is a template variable, chosen on import.
 */
public final class GrafanaDashboard {

    /** Where the dashboard lives, relative to the repository root. */
    public static final String PATH = "docs/grafana/bazaar.json";
    /** The dashboard's uid: a re-import replaces it rather than adding a copy. */
    public static final String UID = "bazaar-overview";

    private static final Map<String, Object> DATASOURCE = map("type", "prometheus", "uid", "${datasource}");
    private static final String RATE = "[$__rate_interval]";
    /** Prometheus' own scrapes of /actuator/prometheus are not traffic. */
    private static final String NOT_ACTUATOR = "uri!~\"/actuator.*\"";
    private static final int WIDTH = 24;

    private final Slos slos;
    private final List<Map<String, Object>> panels = new ArrayList<>();
    private int x;
    private int y;
    private int rowHeight;

    private GrafanaDashboard(Slos slos) {
        this.slos = slos;
    }

    public static String json(Slos slos) {
        Map<String, Object> dashboard = new GrafanaDashboard(slos).build();
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return JsonMapper.builder().build().writer().with(printer).writeValueAsString(dashboard) + "\n";
    }

    private Map<String, Object> build() {
        platform();
        for (Objective objective : slos.objectives()) {
            objective(objective);
        }
        orders();
        http();
        messaging();
        Map<String, Object> dashboard = new LinkedHashMap<>();
        dashboard.put("__comment", "Generated from slos.yaml by './bazaar topology --write-docs'. Do not edit: edit slos.yaml (see "
                + PrometheusRules.DOCS + ").");
        dashboard.put("uid", UID);
        dashboard.put("title", "Bazaar");
        dashboard.put("description", "Service-level objectives, orders, HTTP and messaging of the Bazaar platform");
        dashboard.put("tags", List.of("bazaar", "slo"));
        dashboard.put("editable", true);
        dashboard.put("graphTooltip", 1);
        dashboard.put("refresh", "30s");
        dashboard.put("schemaVersion", 39);
        dashboard.put("time", map("from", "now-6h", "to", "now"));
        dashboard.put("timezone", "browser");
        dashboard.put("annotations", map("list", List.of()));
        dashboard.put("templating", map("list", List.of(map(
                "name", "datasource",
                "label", "Prometheus",
                "type", "datasource",
                "query", "prometheus",
                "hide", 0,
                "refresh", 1,
                "current", map()))));
        dashboard.put("panels", panels);
        dashboard.put("version", 1);
        return dashboard;
    }

    private void platform() {
        row("Platform");
        Map<String, Object> up = panel("stat", "Processes up", "Each scraped process: 1 when Prometheus reached its "
                + ScrapeConfig.METRICS_PATH + " at the last scrape.", WIDTH, 4, "none",
                target("up", "{{job}} {{instance}}"));
        up.put("options", statOptions("background"));
        fieldDefaults(up).put("mappings", List.of(map("type", "value", "options", map(
                "0", map("text", "down", "color", "red", "index", 0),
                "1", map("text", "up", "color", "green", "index", 1)))));
        fieldDefaults(up).put("thresholds", thresholds(step(null, "red"), step(1, "green")));
        add(up);
    }

    private void objective(Objective objective) {
        String period = PromDuration.format(slos.period());
        String budget = PrometheusRules.number(objective.errorBudget());
        String overPeriod = PrometheusRules.errorRatio(objective, slos.period());
        row("SLO " + objective.name() + ": " + objective.targetPercent() + " over " + period);

        Map<String, Object> sli = panel("stat", "SLI over " + period, objective.sentence() + " Share of good events over the last "
                + period + "; the objective is " + objective.targetPercent() + ".", 4, 6, "percentunit",
                target("1 - " + overPeriod, objective.name()));
        sli.put("options", statOptions("value"));
        fieldDefaults(sli).put("decimals", 3);
        fieldDefaults(sli).put("thresholds", thresholds(step(null, "red"), step(objective.target(), "green")));
        add(sli);

        Map<String, Object> left = panel("stat", "Error budget left", "Share of the error budget (" + budget + " of all events over "
                + period + ") not yet spent; below 0 the objective is missed.", 4, 6, "percentunit",
                target("1 - " + overPeriod + " / " + budget, objective.name()));
        left.put("options", statOptions("background"));
        fieldDefaults(left).put("decimals", 1);
        fieldDefaults(left).put("thresholds", thresholds(step(null, "red"), step(0, "orange"), step(0.25, "green")));
        add(left);

        List<Map<String, Object>> burns = new ArrayList<>();
        TreeSet<BigDecimal> rates = new TreeSet<>();
        for (AlertPolicy policy : slos.alerting()) {
            for (BurnRateWindow window : policy.windows()) {
                rates.add(window.burnRate());
            }
        }
        for (Duration window : slos.alertWindows()) {
            burns.add(target(PrometheusRules.errorRatio(objective, window) + " / " + budget, PromDuration.format(window)));
        }
        Map<String, Object> burn = panel("timeseries", "Burn rate", "How many times as fast as the period allows the error budget is "
                + "spent, over each alert window; the lines are the alerts' burn rates (both of a condition's windows above its "
                + "line fire it).", 12, 6, "none", burns.toArray(Map[]::new));
        List<Map<String, Object>> steps = new ArrayList<>();
        steps.add(step(null, "transparent"));
        String[] colors = {"yellow", "orange", "red", "dark-red"};
        int color = 0;
        for (BigDecimal rate : rates) {
            steps.add(step(rate, colors[Math.min(color++, colors.length - 1)]));
        }
        fieldDefaults(burn).put("thresholds", map("mode", "absolute", "steps", steps));
        fieldDefaults(burn).put("custom", map("thresholdsStyle", map("mode", "line"), "lineWidth", 1, "fillOpacity", 0));
        add(burn);

        Map<String, Object> alerts = panel("stat", "Alerts firing", "This objective's burn-rate alerts firing now, by severity "
                + "(Prometheus' ALERTS series).", 4, 6, "none",
                target("count by (severity) (ALERTS{objective=\"" + objective.name() + "\", alertstate=\"firing\"})", "{{severity}}"));
        alerts.put("options", statOptions("background"));
        fieldDefaults(alerts).put("noValue", "none");
        fieldDefaults(alerts).put("thresholds", thresholds(step(null, "green"), step(1, "red")));
        add(alerts);
    }

    private void orders() {
        row("Orders");
        add(panel("timeseries", "Orders per minute", "Placed, and ended by outcome (ordering).", 12, 8, "none",
                target("sum(rate(bazaar_orders_placed_total" + RATE + ")) * 60", "placed"),
                target("sum by (outcome) (rate(bazaar_orders_completion_seconds_count" + RATE + ")) * 60", "{{outcome}}")));
        add(panel("timeseries", "Time from placement to end", "Percentiles of the time from an order's placement to its terminal "
                + "state, over all outcomes.", 12, 8, "s",
                target("histogram_quantile(0.5, sum by (le) (rate(bazaar_orders_completion_seconds_bucket" + RATE + ")))", "p50"),
                target("histogram_quantile(0.9, sum by (le) (rate(bazaar_orders_completion_seconds_bucket" + RATE + ")))", "p90"),
                target("histogram_quantile(0.99, sum by (le) (rate(bazaar_orders_completion_seconds_bucket" + RATE + ")))", "p99")));
        add(panel("timeseries", "Orders cancelled and rejected per minute", "By reason.", 8, 8, "none",
                target("sum by (reason) (rate(bazaar_orders_cancelled_total" + RATE + ")) * 60", "cancelled: {{reason}}"),
                target("sum by (reason) (rate(bazaar_orders_rejected_total" + RATE + ")) * 60", "rejected: {{reason}}")));
        add(panel("timeseries", "Revenue per hour", "Value of the orders delivered, by currency.", 8, 8, "none",
                target("sum by (currency) (rate(bazaar_revenue_total" + RATE + ")) * 3600", "{{currency}}")));
        add(panel("timeseries", "Stock per hour", "Orders refused for stock, and SKUs a reservation left with nothing available "
                + "(inventory).", 8, 8, "none",
                target("sum(rate(bazaar_stock_rejections_total" + RATE + ")) * 3600", "orders refused for stock"),
                target("sum(rate(bazaar_stock_outs_total" + RATE + ")) * 3600", "stock-outs"),
                target("sum(rate(bazaar_stock_reservations_expired_total" + RATE + ")) * 3600", "reservations expired")));
        add(panel("timeseries", "Payments per minute", "Charges captured and declined, refunds, and failed calls to the card "
                + "processor (payment).", 12, 8, "none",
                target("sum(rate(bazaar_payments_captured_total" + RATE + ")) * 60", "captured"),
                target("sum by (reason) (rate(bazaar_payments_declined_total" + RATE + ")) * 60", "declined: {{reason}}"),
                target("sum(rate(bazaar_refunds_total" + RATE + ")) * 60", "refunded"),
                target("sum by (kind) (rate(bazaar_payments_processor_errors_total" + RATE + ")) * 60", "processor error: {{kind}}")));
        add(panel("timeseries", "Shipments per minute", "Shipments through the carrier (fulfillment).", 12, 8, "none",
                target("sum(rate(bazaar_shipments_scheduled_total" + RATE + ")) * 60", "scheduled"),
                target("sum(rate(bazaar_shipments_shipped_total" + RATE + ")) * 60", "shipped"),
                target("sum(rate(bazaar_shipments_delivered_total" + RATE + ")) * 60", "delivered"),
                target("sum(rate(bazaar_shipments_failed_total" + RATE + ")) * 60", "failed"),
                target("sum(rate(bazaar_shipments_cancelled_total" + RATE + ")) * 60", "cancelled")));
    }

    private void http() {
        row("HTTP");
        String served = "http_server_requests_seconds_count{" + NOT_ACTUATOR + "}";
        add(panel("timeseries", "Requests per second by service", "Requests each process served (its own HTTP server; at the "
                + "gateway the proxied ones show as uri UNKNOWN: see its routes below). Actuator scrapes left out.", 8, 8, "reqps",
                target("sum by (job) (rate(" + served + RATE + "))", "{{job}}")));
        add(panel("timeseries", "Server errors by service", "Share of each process' answers that were 5xx.", 8, 8, "percentunit",
                target("sum by (job) (rate(http_server_requests_seconds_count{status=~\"5..\", " + NOT_ACTUATOR + "}" + RATE + "))"
                        + " / sum by (job) (rate(" + served + RATE + "))", "{{job}}")));
        add(panel("timeseries", "Mean response time by service", "Time each process took to answer, on average.", 8, 8, "s",
                target("sum by (job) (rate(http_server_requests_seconds_sum{" + NOT_ACTUATOR + "}" + RATE + "))"
                        + " / sum by (job) (rate(" + served + RATE + "))", "{{job}}")));
        String routed = "spring_cloud_gateway_requests_seconds_count";
        add(panel("timeseries", "Gateway: requests per second by route", "Requests the gateway routed, by route (a service's first "
                + "route is named after it).", 8, 8, "reqps",
                target("sum by (routeId) (rate(" + routed + RATE + "))", "{{routeId}}")));
        add(panel("timeseries", "Gateway: server errors by route", "Share of each route's answers that were 5xx, the gateway's "
                + "own 502, 503 and 504 included.", 8, 8, "percentunit",
                target("sum by (routeId) (rate(" + routed + "{httpStatusCode=~\"5..\"}" + RATE + ")) / sum by (routeId) (rate("
                        + routed + RATE + "))", "{{routeId}}")));
        add(panel("timeseries", "Gateway: mean response time by route", "Time from the gateway receiving a request to its answer, "
                + "on average.", 8, 8, "s",
                target("sum by (routeId) (rate(spring_cloud_gateway_requests_seconds_sum" + RATE + ")) / sum by (routeId) (rate("
                        + routed + RATE + "))", "{{routeId}}")));
        add(panel("timeseries", "Gateway: circuit breakers not closed", "Each service's breaker at the gateway, when open or half "
                + "open.", 12, 8, "none",
                target("max by (name, state) (resilience4j_circuitbreaker_state{state=~\"open|half_open|forced_open\"}) > 0",
                        "{{name}} {{state}}")));
        add(panel("timeseries", "Heap used by service", "JVM heap in use, summed over a service's instances.", 12, 8, "bytes",
                target("sum by (job) (jvm_memory_used_bytes{area=\"heap\"})", "{{job}}")));
    }

    private void messaging() {
        row("Messaging");
        add(panel("timeseries", "Outbox backlog", "Events committed to each service's outbox and not yet acknowledged by Kafka.",
                8, 8, "none", target("sum by (job) (bazaar_outbox_backlog)", "{{job}}")));
        add(panel("timeseries", "Dead letters waiting", "Messages each service gave up on, neither redriven nor discarded yet "
                + "(./bazaar dlq).", 8, 8, "none", target("max by (job) (bazaar_dead_letters)", "{{job}}")));
        add(panel("timeseries", "Kafka consumer lag", "The largest lag of each service's consumers, in records.", 8, 8, "none",
                target("max by (job) (kafka_consumer_fetch_manager_records_lag_max)", "{{job}}")));
    }

    private void row(String title) {
        newLine();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", panels.size() + 1);
        row.put("type", "row");
        row.put("title", title);
        row.put("collapsed", false);
        row.put("gridPos", map("h", 1, "w", WIDTH, "x", 0, "y", y));
        row.put("panels", List.of());
        panels.add(row);
        y += 1;
    }

    private void add(Map<String, Object> panel) {
        @SuppressWarnings("unchecked")
        Map<String, Object> grid = (Map<String, Object>) panel.get("gridPos");
        int w = (int) grid.get("w");
        int h = (int) grid.get("h");
        if (x + w > WIDTH) {
            newLine();
        }
        grid.put("x", x);
        grid.put("y", y);
        x += w;
        rowHeight = Math.max(rowHeight, h);
        panel.put("id", panels.size() + 1);
        panels.add(panel);
    }

    private void newLine() {
        y += rowHeight;
        x = 0;
        rowHeight = 0;
    }

    @SafeVarargs
    private static Map<String, Object> panel(String type, String title, String description, int w, int h, String unit,
                                             Map<String, Object>... targets) {
        Map<String, Object> panel = new LinkedHashMap<>();
        panel.put("id", 0);
        panel.put("type", type);
        panel.put("title", title);
        panel.put("description", description);
        panel.put("datasource", DATASOURCE);
        panel.put("gridPos", new LinkedHashMap<>(map("h", h, "w", w, "x", 0, "y", 0)));
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("unit", unit);
        panel.put("fieldConfig", new LinkedHashMap<>(map("defaults", defaults, "overrides", List.of())));
        if (type.equals("timeseries")) {
            panel.put("options", map("legend", map("displayMode", "list", "placement", "bottom", "showLegend", true),
                    "tooltip", map("mode", "multi", "sort", "desc")));
        }
        List<Map<String, Object>> numbered = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            Map<String, Object> target = new LinkedHashMap<>(targets[i]);
            target.put("refId", String.valueOf((char) ('A' + i)));
            numbered.add(target);
        }
        panel.put("targets", numbered);
        return panel;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fieldDefaults(Map<String, Object> panel) {
        return (Map<String, Object>) ((Map<String, Object>) panel.get("fieldConfig")).get("defaults");
    }

    private static Map<String, Object> target(String expr, String legend) {
        return map("datasource", DATASOURCE, "expr", expr, "legendFormat", legend);
    }

    private static Map<String, Object> statOptions(String colorMode) {
        return map("colorMode", colorMode, "graphMode", "none", "justifyMode", "auto", "textMode", "value_and_name",
                "reduceOptions", map("calcs", List.of("lastNotNull"), "fields", "", "values", false));
    }

    @SafeVarargs
    private static Map<String, Object> thresholds(Map<String, Object>... steps) {
        return map("mode", "absolute", "steps", List.of(steps));
    }

    private static Map<String, Object> step(Object value, String color) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("color", color);
        step.put("value", value instanceof BigDecimal decimal ? (Object) decimal.doubleValue() : value);
        return step;
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
