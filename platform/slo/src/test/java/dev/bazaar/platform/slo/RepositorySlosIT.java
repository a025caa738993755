package dev.bazaar.platform.slo;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.bazaar.platform.topology.Component;
import dev.bazaar.platform.topology.Topology;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's own objectives: they read, the files generated from them are current, and those files, read back
 * as Prometheus and Grafana would, say what slos.yaml declares. Where promtool is installed, {@code PromtoolIT} checks
 * the same files with it; this test is the check everywhere else.
 */
class RepositorySlosIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Pattern CONDITION = Pattern.compile(
            "\\(\\s*(slo:\\w+:error_ratio_rate\\w+) > ([\\d.]+) \\* ([\\d.]+)\\s+and\\s+(slo:\\w+:error_ratio_rate\\w+) > ([\\d.]+) \\* ([\\d.]+)\\s*\\)");
    private static final Pattern RECORDED = Pattern.compile("slo:\\w+:error_ratio_rate\\w+");

    private final Slos slos = Slos.load(ROOT.resolve(Slos.FILE));
    private final Topology topology = Topology.load(ROOT.resolve(Topology.FILE));

    @Test
    void theGeneratedFilesAreCurrent() throws IOException {
        for (Map.Entry<String, String> generated : SloFiles.files(slos, topology).entrySet()) {
            Path file = ROOT.resolve(generated.getKey());
            assertThat(Files.exists(file) ? Files.readString(file) : "")
                    .as(generated.getKey() + " is older than slos.yaml or topology.yaml: run './bazaar topology --write-docs' and commit it")
                    .isEqualTo(generated.getValue());
        }
    }

    @Test
    void theBundledObjectivesAreTheRepositorys() {
        assertThat(Slos.bundled().objectives()).isEqualTo(slos.objectives());
    }

    @Test
    void everyRuleIsARecordingOrAnAlertWithWhatPrometheusNeeds() throws IOException {
        JsonNode groups = rules().path("groups");
        assertThat(groups.isArray()).isTrue();
        Set<String> groupNames = new HashSet<>();
        for (JsonNode group : groups) {
            assertThat(groupNames.add(group.path("name").asString())).as("group names are unique").isTrue();
            assertThat(group.path("rules").isArray() && !group.path("rules").isEmpty()).as(group.path("name").asString()).isTrue();
            for (JsonNode rule : group.path("rules")) {
                assertThat(rule.has("record") != rule.has("alert")).as("a rule records or alerts: " + rule).isTrue();
                assertThat(rule.path("expr").asString()).as("expr of " + rule).isNotBlank();
                if (rule.has("alert")) {
                    assertThat(rule.path("for").asString()).as("for of " + rule.path("alert").asString()).matches("(\\d+(ms|s|m|h|d))+");
                    assertThat(rule.path("labels").path("severity").asString()).isNotBlank();
                    assertThat(rule.path("labels").path("objective").asString()).isNotBlank();
                    assertThat(rule.path("annotations").path("summary").asString()).isNotBlank();
                    assertThat(rule.path("annotations").path("description").asString()).isNotBlank();
                } else {
                    assertThat(rule.path("record").asString()).matches("slo:[a-z0-9_]+:error_ratio_rate\\w+");
                    assertThat(rule.path("labels").path("objective").asString()).isNotBlank();
                }
            }
        }
    }

    @Test
    void everyObjectiveIsRecordedOverEveryAlertWindowAndItsPeriod() throws IOException {
        Map<String, JsonNode> records = records();
        for (Objective objective : slos.objectives()) {
            List<Duration> windows = new ArrayList<>(slos.alertWindows());
            windows.add(slos.period());
            for (Duration window : windows) {
                JsonNode record = records.get(PrometheusRules.errorRatio(objective, window));
                assertThat(record).as(objective.name() + " over " + PromDuration.format(window)).isNotNull();
                assertThat(record.path("labels").path("objective").asString()).isEqualTo(objective.name());
                String expr = record.path("expr").asString();
                assertThat(expr).contains(objective.sli().counted().promql() + "[" + PromDuration.format(window) + "]",
                        objective.sli().total().promql() + "[" + PromDuration.format(window) + "]");
                assertThat(expr.startsWith("1 - ")).isEqualTo(objective.sli().counting() == Sli.Counting.GOOD);
                assertThat(expr.contains(" offset ")).isEqualTo(!objective.sli().totalOffset().isZero());
            }
        }
    }

    /** Each alert is the policy as declared: per severity, one condition per window pair, each at its burn rate × the budget. */
    @Test
    void everyAlertReadsRecordedRatiosAtTheDeclaredBurnRates() throws IOException {
        Map<String, JsonNode> records = records();
        List<JsonNode> alerts = new ArrayList<>();
        rules().path("groups").forEach(group -> group.path("rules").forEach(rule -> {
            if (rule.has("alert")) {
                alerts.add(rule);
            }
        }));
        assertThat(alerts).hasSize(slos.objectives().size() * slos.alerting().size());
        for (Objective objective : slos.objectives()) {
            for (AlertPolicy policy : slos.alerting()) {
                JsonNode alert = alerts.stream()
                        .filter(rule -> rule.path("labels").path("objective").asString().equals(objective.name())
                                && rule.path("labels").path("severity").asString().equals(policy.severity()))
                        .findFirst().orElseThrow(() -> new AssertionError("no " + policy.severity() + " alert for " + objective.name()));
                assertThat(alert.path("alert").asString()).isEqualTo(objective.alertName());
                assertThat(PromDuration.parse(alert.path("for").asString())).isEqualTo(policy.pending());
                String expr = alert.path("expr").asString();

                Matcher recorded = RECORDED.matcher(expr);
                while (recorded.find()) {
                    assertThat(records).as("the alert reads a series some rule records").containsKey(recorded.group());
                }
                List<String> conditions = new ArrayList<>();
                Matcher condition = CONDITION.matcher(expr);
                while (condition.find()) {
                    assertThat(condition.group(2)).isEqualTo(condition.group(5));
                    assertThat(new BigDecimal(condition.group(3))).isEqualByComparingTo(objective.errorBudget());
                    assertThat(new BigDecimal(condition.group(6))).isEqualByComparingTo(objective.errorBudget());
                    conditions.add(condition.group(1) + " " + condition.group(4) + " " + new BigDecimal(condition.group(2)).stripTrailingZeros());
                }
                assertThat(conditions).as(objective.name() + " " + policy.severity()).containsExactlyElementsOf(policy.windows().stream()
                        .map(window -> PrometheusRules.errorRatio(objective, window.longWindow()) + " "
                                + PrometheusRules.errorRatio(objective, window.shortWindow()) + " " + window.burnRate().stripTrailingZeros())
                        .toList());
                assertThat(expr.split("\\bor\\b")).hasSize(policy.windows().size());
            }
        }
    }

    @Test
    void theScrapeConfigurationReadsTheRulesAndEveryApplicationOfTheMap() throws IOException {
        JsonNode config = new YAMLMapper().readTree(Files.readString(ROOT.resolve(ScrapeConfig.PATH)));

        assertThat(config.path("rule_files").get(0).asString()).isEqualTo("slo-rules.yaml");
        assertThat(ROOT.resolve(ScrapeConfig.PATH).resolveSibling("slo-rules.yaml")).isEqualTo(ROOT.resolve(PrometheusRules.PATH));
        Map<String, List<String>> jobs = new LinkedHashMap<>();
        for (JsonNode job : config.path("scrape_configs")) {
            assertThat(job.path("metrics_path").asString()).isEqualTo("/actuator/prometheus");
            List<String> targets = new ArrayList<>();
            job.path("static_configs").forEach(group -> group.path("targets").forEach(target -> targets.add(target.asString())));
            jobs.put(job.path("job_name").asString(), targets);
        }
        assertThat(jobs.keySet()).containsExactlyElementsOf(topology.components().stream()
                .filter(component -> component.kind().isApplication()).map(Component::name).toList());
        assertThat(jobs.get("ordering")).containsExactly("127.0.0.1:" + topology.component("ordering").port());
        assertThat(jobs.get("zipkin")).containsExactly("127.0.0.1:" + topology.component("zipkin").port());
    }

    @Test
    void aServiceRunningSeveralInstancesIsScrapedInEach() {
        Topology scaled = Topology.ofRepository(ROOT);
        Component ordering = scaled.component("ordering");
        Component twice = new Component(ordering.name(), ordering.kind(), ordering.description(), ordering.module(), ordering.port(),
                ordering.controllerPort(), ordering.database(), ordering.topic(), ordering.publishes(), ordering.consumes(),
                ordering.routes(), ordering.keyedWrites(), ordering.jvm(), ordering.waitsFor(), 2, ordering.nice());

        assertThat(ScrapeConfig.targets(twice)).containsExactly("127.0.0.1:8084", "127.0.0.1:8184");
        assertThat(ScrapeConfig.targets(scaled.component("postgres"))).isEmpty();
    }

    @Test
    void theDashboardQueriesThroughItsDataSourceVariableWhatIsRecordedOrDocumented() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(ROOT.resolve(GrafanaDashboard.PATH)));
        Map<String, JsonNode> records = records();
        String documented = Files.readString(ROOT.resolve("docs/metrics.md")) + Files.readString(ROOT.resolve("README.md"));

        assertThat(dashboard.path("templating").path("list").get(0).path("type").asString()).isEqualTo("datasource");
        Set<Integer> ids = new HashSet<>();
        TreeSet<String> businessMetrics = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(panel.path("title").asString()).isLessThanOrEqualTo(24);
            if (panel.path("type").asString().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asString()).isEqualTo("${datasource}");
            assertThat(panel.path("targets").isEmpty()).as(panel.path("title").asString()).isFalse();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asString();
                assertThat(expr).isNotBlank();
                Matcher recorded = RECORDED.matcher(expr);
                while (recorded.find()) {
                    assertThat(records).as(panel.path("title").asString() + " reads a recorded series").containsKey(recorded.group());
                }
                Matcher business = Pattern.compile("bazaar_[a-z_]+").matcher(expr);
                while (business.find()) {
                    businessMetrics.add(business.group().replaceAll("_(bucket|count|sum)$", ""));
                }
            }
        }
        assertThat(businessMetrics).isNotEmpty().allSatisfy(metric ->
                assertThat(documented).as(metric + " is documented in docs/metrics.md or the README").contains(metric));
        for (Objective objective : slos.objectives()) {
            assertThat(dashboard.toString()).contains("SLO " + objective.name());
        }
    }

    private JsonNode rules() throws IOException {
        return new YAMLMapper().readTree(Files.readString(ROOT.resolve(PrometheusRules.PATH)));
    }

    private Map<String, JsonNode> records() throws IOException {
        Map<String, JsonNode> records = new HashMap<>();
        rules().path("groups").forEach(group -> group.path("rules").forEach(rule -> {
            if (rule.has("record")) {
                assertThat(records.put(rule.path("record").asString(), rule)).as("recorded once: " + rule.path("record").asString()).isNull();
            }
        }));
        return records;
    }
}
