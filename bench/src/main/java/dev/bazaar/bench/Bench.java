package dev.bazaar.bench;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import org.HdrHistogram.Histogram;

/**
 * {@code ./bazaar bench}: opens a shop on the running platform, places orders through the gateway step after step,
 * waits for the saga to finish them, and reports. Not a test: it measures what is there, and says so.
 */
public final class Bench {

    private final Target target;
    private final PrintStream out;

    public Bench(Target target, PrintStream out) {
        this.target = target;
        this.out = out;
    }

    /** The figures of a run, and the files they were written to. */
    public record Result(Summary summary, Path json, Path html) {
    }

    public Result run(Options options) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
        String startedAt = Instant.now().toString();
        out.println("Opening the shop...");
        Shop shop = new Shop(target, http);
        shop.open(options.shoppers(), out);

        StageTimes stages = new StageTimes(options.sampled());
        Load load = new Load(http, () -> shop.randomOrder(options.declined(), options.soldOut()), (order, at) -> stages.offer(order));
        List<Summary.StepFigures> steps = new ArrayList<>();
        Resources resources = new Resources(target);
        Resources.Sample before = resources.sample();
        double loadSeconds;
        boolean drained;
        double drainedAt;
        SagaMonitor.Tick atLoadEnd;
        List<SagaMonitor.Tick> timeline;
        double cancelledForDeadline;
        // Its own client: behind the load's thousands of requests in flight, the monitor's reads would wait their turn.
        HttpClient monitoring = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        try (SagaMonitor saga = new SagaMonitor(monitoring, () -> target.instancesOf("ordering"))) {
            List<String> names = options.stepNames();
            for (int i = 0; i < names.size(); i++) {
                out.printf("Step %d of %d: %s for %d s...%n", i + 1, names.size(), names.get(i), options.step().toSeconds());
                double from = saga.seconds();
                Resources.Sample atStart = resources.sample();
                Load.Step step = options.openLoop() ? load.open(names.get(i), options.rates().get(i), options.step())
                        : load.closed(names.get(i), options.concurrencies().get(i), options.step());
                // The answers to the last orders due can come later than the step's end: the CPU counts until they did.
                double to = saga.seconds();
                Map<String, Double> busyCores = new LinkedHashMap<>();
                Resources.spent(atStart, resources.sample()).forEach((process, cpu) -> busyCores.put(process, cpu / (to - from)));
                out.printf("  %,d accepted (%.1f/s), p99 %.1f ms; backlog %,.0f orders%n", step.accepted(),
                        step.acceptedPerSecondMean(), step.latency().getValueAtPercentile(99) / 1000.0, saga.last().backlog());
                double end = from + step.length().toMillis() / 1000.0;
                if (options.findKnee() && !saga.awaitReadingAfter(end, Duration.ofSeconds(10))) {
                    out.println("  ordering's counters could not be read after the step's end within 10 s: judged on the last reading");
                }
                List<SagaMonitor.Tick> ticks = saga.ticks();
                Summary.StepFigures figures = Summary.StepFigures.of(step, SagaMonitor.at(ticks, (from + end) / 2),
                        SagaMonitor.at(ticks, end), busyCores);
                steps.add(figures);
                if (options.findKnee() && !figures.keptUp()) {
                    out.printf("  not kept up with (%,d shed, %,d failed; %.1f ended/s in the step's second half): no higher step%n",
                            step.shed(), step.failed() + step.notSent(), figures.endedPerSecond());
                    break;
                }
            }
            loadSeconds = saga.seconds();
            atLoadEnd = saga.last();
            out.printf("Waiting up to %d s for the %,.0f orders still in the saga...%n", options.drain().toSeconds(), atLoadEnd.backlog());
            drained = saga.awaitDrained(options.drain());
            drainedAt = saga.seconds();
            timeline = saga.ticks();
            cancelledForDeadline = saga.cancelledForDeadline();
        }
        Resources.Sample after = resources.sample();
        out.println("Reading the stages of " + options.sampled() + " sampled orders...");
        Map<String, Histogram> stageTimes = stages.measure(shop, target.staffToken());

        SagaMonitor.Tick last = timeline.isEmpty() ? atLoadEnd : timeline.get(timeline.size() - 1);
        Map<String, Double> cpu = Resources.spent(before, after);
        double cpuTotal = cpu.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Summary.Percentiles> stageFigures = new LinkedHashMap<>();
        stageTimes.forEach((stage, histogram) -> stageFigures.put(stage, Summary.Percentiles.ofMillis(histogram)));
        long commits = before.commits() >= 0 && after.commits() >= 0 ? after.commits() - before.commits() : -1;
        Summary.Machine machine = Summary.Machine.here();
        Summary summary = new Summary(startedAt, machine, options,
                steps,
                new Summary.Saga(last.placed(), last.ended(), loadSeconds == 0 ? 0 : SagaMonitor.at(timeline, loadSeconds).ended() / loadSeconds,
                        timeline.stream().mapToDouble(SagaMonitor.Tick::backlog).max().orElse(0),
                        drained ? Math.max(0, drainedAt - loadSeconds) : null, cancelledForDeadline),
                stageFigures, cpu, cpuTotal, last.ended() > 0 ? 1000 * cpuTotal / last.ended() : null,
                after.memoryBytes(), after.memoryBytes().values().stream().mapToLong(Long::longValue).sum(),
                commits >= 0 && last.ended() > 0 ? commits / last.ended() : null, timeline,
                options.findKnee() ? Knee.of(steps, machine.cores()) : null);
        Result result = Report.write(summary, target.reports());
        Report.print(summary, result, out);
        return result;
    }
}
