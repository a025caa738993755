package dev.bazaar.platform.slo;

import java.util.ArrayList;
import java.util.List;

import dev.bazaar.platform.topology.Component;
import dev.bazaar.platform.topology.Topology;

/**
 * docs/prometheus/prometheus.yaml, generated from topology.yaml: a Prometheus configuration that scrapes every process
 * of a local platform ({@code ./bazaar up}) at its {@code /actuator/prometheus}, one job per component (the job is the
 * component's name), and evaluates the SLO rules beside it.
 */
public final class ScrapeConfig {

    /** Where the configuration lives, relative to the repository root. */
    public static final String PATH = "docs/prometheus/prometheus.yaml";
    /** Where every application of the platform (services, gateway, Zipkin, console) serves its metrics. */
    public static final String METRICS_PATH = "/actuator/prometheus";
    /** How often each process is scraped and the rules evaluated. */
    public static final String INTERVAL = "15s";
    /** Each port band of a service's instances: port, port + 100, ... (as the launcher runs them). */
    static final int INSTANCE_PORT_STEP = 100;

    private ScrapeConfig() {
    }

    /** The processes of a component that serve metrics, host:port: an application's every instance; nothing else. */
    public static List<String> targets(Component component) {
        List<String> targets = new ArrayList<>();
        if (component.kind().isApplication()) {
            for (int instance = 0; instance < component.instances(); instance++) {
                targets.add("127.0.0.1:" + (component.port() + instance * INSTANCE_PORT_STEP));
            }
        }
        return targets;
    }

    public static String yaml(Topology topology) {
        StringBuilder yaml = new StringBuilder()
                .append("# Generated from topology.yaml by './bazaar topology --write-docs'. Do not edit: edit topology.yaml.\n")
                .append("#\n")
                .append("# Scrapes every process of a local platform started by ./bazaar up, on its default ports (with BAZAAR_PORT_OFFSET,\n")
                .append("# add the offset to each), and evaluates the SLO rules next to this file. The job is the component's name.\n")
                .append("#   prometheus --config.file=docs/prometheus/prometheus.yaml --storage.tsdb.path=.bazaar/prometheus\n")
                .append("# See ").append(PrometheusRules.DOCS).append(".\n")
                .append("global:\n")
                .append("  scrape_interval: ").append(INTERVAL).append('\n')
                .append("  evaluation_interval: ").append(INTERVAL).append('\n')
                .append("rule_files:\n")
                .append("  - slo-rules.yaml\n")
                .append("scrape_configs:\n");
        List<String> unscraped = new ArrayList<>();
        for (Component component : topology.components()) {
            List<String> targets = targets(component);
            if (targets.isEmpty()) {
                unscraped.add(component.name());
                continue;
            }
            yaml.append("  - job_name: ").append(component.name()).append('\n')
                    .append("    metrics_path: ").append(METRICS_PATH).append('\n')
                    .append("    static_configs:\n")
                    .append("      - targets: [").append(String.join(", ", targets.stream().map(PrometheusRules::quoted).toList())).append("]\n");
        }
        if (!unscraped.isEmpty()) {
            yaml.append("# Not scraped: ").append(String.join(", ", unscraped))
                    .append(" (no Prometheus endpoint of their own; the services' metrics show their clients' side).\n");
        }
        return yaml.toString();
    }
}
