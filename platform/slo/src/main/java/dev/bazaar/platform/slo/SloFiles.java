package dev.bazaar.platform.slo;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.bazaar.platform.topology.Topology;

/**
 * Everything generated for users who bring their own Prometheus and Grafana: the SLO rules, the scrape configuration
 * and the dashboard, by path relative to the repository root. Written by {@code ./bazaar topology --write-docs}; the
 * build checks that the files in the repository are these.
 */
public final class SloFiles {

    private SloFiles() {
    }

    public static Map<String, String> files(Slos slos, Topology topology) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(PrometheusRules.PATH, PrometheusRules.yaml(slos));
        files.put(ScrapeConfig.PATH, ScrapeConfig.yaml(topology));
        files.put(GrafanaDashboard.PATH, GrafanaDashboard.json(slos));
        return files;
    }
}
