package dev.bazaar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportTest {

    private static Summary summary() {
        Histogram latency = new Histogram(120_000_000L, 3);
        for (int i = 1; i <= 100; i++) {
            latency.recordValue(i * 1000L);
        }
        Load.Step step = new Load.Step("8 shoppers", Duration.ofSeconds(10), 100, 100, 0, 0, 0, 0, latency,
                new long[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10});
        Options options = new Options(List.of(8), List.of(), Duration.ofSeconds(10), 4, 0.1, 0.05, Duration.ofMinutes(1), 10);
        return new Summary("2026-11-29T00:00:00Z", new Summary.Machine(2, 1L << 34, "17", "Linux amd64"), options,
                List.of(Summary.StepFigures.of(step, new SagaMonitor.Tick(5, 50, 45), new SagaMonitor.Tick(10, 100, 90),
                        Map.of("ordering", 1.5))), new Summary.Saga(100, 100, 9.5, 12, 3.0, 0),
                Map.of("placed → ended", new Summary.Percentiles(10, 900, 1500, 2000, 2100, 1000)),
                Map.of("ordering", 3.0, "kafka", 1.0), 4.0, 40.0, Map.of("ordering", 200L << 20), 200L << 20, 25.0,
                List.of(new SagaMonitor.Tick(1, 10, 8), new SagaMonitor.Tick(2, 20, 19)), null);
    }

    @Test
    void theSummaryIsJsonWithTheStepsPercentilesInMilliseconds() {
        JsonNode json = JsonMapper.builder().build().readTree(Report.json(summary()));

        // HdrHistogram keeps three significant digits: 50 ms is 50 ms within 0.1%.
        assertThat(json.path("steps").path(0).path("latency").path("p50").asDouble()).isCloseTo(50.0, within(0.05));
        assertThat(json.path("steps").path(0).path("latency").path("max").asDouble()).isCloseTo(100.0, within(0.1));
        assertThat(json.path("saga").path("endedPerSecondUnderLoad").asDouble()).isEqualTo(9.5);
        assertThat(json.path("cpuMillisPerOrder").asDouble()).isEqualTo(40.0);
        // 45 of the 50 placed in the second half ended: within 5% they did not, so the step was not kept up with.
        assertThat(json.path("steps").path(0).path("endedPerSecond").asDouble()).isEqualTo(9.0);
        assertThat(json.path("steps").path(0).path("keptUp").asBoolean()).isFalse();
    }

    @Test
    void theReportIsOnePageWithItsDataAndChartJsInlined() {
        String html = Report.html(summary());

        assertThat(html).contains("Bazaar bench report", "\"endedPerSecondUnderLoad\" : 9.5", "Chart.js v4")
                .doesNotContain("/*SUMMARY*/", "/*CHART.JS*/", "src=\"http");
    }
}
