package dev.bazaar.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run's figures: {@code bench-<time>.json}, and {@code bench-<time>.html}, one self-contained page (its data
 * and Chart.js inlined) with the plots; and prints the headline figures.
 */
final class Report {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final String CHART_JS = "META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js";

    private Report() {
    }

    static Bench.Result write(Summary summary, Path directory) {
        String name = "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path json = directory.resolve(name + ".json");
        Path html = directory.resolve(name + ".html");
        try {
            Files.createDirectories(directory);
            Files.writeString(json, json(summary), StandardCharsets.UTF_8);
            Files.writeString(html, html(summary), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report to " + directory, e);
        }
        return new Bench.Result(summary, json, html);
    }

    static String json(Summary summary) {
        return JSON.writeValueAsString(summary);
    }

    /** The report: one page that needs nothing else, its figures and Chart.js inlined. */
    static String html(Summary summary) {
        try {
            return resource("dev/bazaar/bench/report.html")
                    .replace("/*CHART.JS*/", resource(CHART_JS))
                    // Inside a <script>, JSON's "</" would end it.
                    .replace("/*SUMMARY*/", json(summary).replace("</", "<\\/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = Report.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException(path + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void print(Summary summary, Bench.Result result, PrintStream out) {
        Options options = summary.options();
        out.println();
        out.printf("Bazaar bench, %s loop: %d step(s) of %d s, %d shoppers, %.0f%% declined, %.0f%% sold out (%d cores, Java %s)%n",
                options.openLoop() ? "open" : "closed", summary.steps().size(), options.step().toSeconds(), options.shoppers(),
                100 * options.declined(), 100 * options.soldOut(), summary.machine().cores(), summary.machine().java());
        out.printf("%-14s %8s %11s %9s %9s %9s %9s %6s %7s %9s%n", "POST /api/orders", "sent", "accepted/s", "p50 ms", "p90 ms",
                "p99 ms", "max ms", "shed", "failed", "ended/s");
        for (Summary.StepFigures step : summary.steps()) {
            out.printf("%-16s %6d %11.1f %9.1f %9.1f %9.1f %9.1f %6d %7d %9.1f%n", step.name(), step.sent(), step.acceptedPerSecond(),
                    step.latency().p50(), step.latency().p90(), step.latency().p99(), step.latency().max(), step.shed(),
                    step.failed() + step.notSent(), step.endedPerSecond());
        }
        if (summary.knee() != null) {
            out.println(summary.knee().description());
        }
        Summary.Saga saga = summary.saga();
        out.printf("Saga: %,.0f placed, %,.0f ended; %.1f ended/s while the load ran; backlog peaked at %,.0f; %s; "
                        + "%,.0f cancelled for their deadline%n",
                saga.placed(), saga.ended(), saga.endedPerSecondUnderLoad(), saga.maxBacklog(),
                saga.lastEndedAfterLoadSeconds() == null ? "orders were still in the saga when the drain ended"
                        : String.format("the last ended %.0f s after the load", saga.lastEndedAfterLoadSeconds()),
                saga.cancelledForDeadline());
        for (Map.Entry<String, Summary.Percentiles> stage : summary.stages().entrySet()) {
            Summary.Percentiles p = stage.getValue();
            if (p.count() > 0) {
                out.printf("  %-22s p50 %,8.0f ms  p90 %,8.0f ms  p99 %,8.0f ms  (%d orders)%n", stage.getKey(), p.p50(), p.p90(),
                        p.p99(), p.count());
            }
        }
        out.printf("CPU: %.1f s over the run, %s per order ended; memory %.2f GiB resident; %s PostgreSQL commits per order%n",
                summary.cpuSecondsTotal(), summary.cpuMillisPerOrder() == null ? "?" : String.format("%.1f ms", summary.cpuMillisPerOrder()),
                summary.memoryBytesTotal() / (1024.0 * 1024 * 1024),
                summary.commitsPerOrder() == null ? "?" : String.format("%.1f", summary.commitsPerOrder()));
        out.println("Report: " + result.html());
        out.println("Figures: " + result.json());
    }
}
