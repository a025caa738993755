package dev.bazaar.bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

import com.sun.management.OperatingSystemMXBean;
import org.HdrHistogram.Histogram;

/**
 * A run's figures, as the JSON summary and the report hold them. Times in milliseconds unless named otherwise; null
 * where a figure could not be measured (no order ended, PostgreSQL's statistics unreadable).
 */
public record Summary(String startedAt, Machine machine, Options options, List<StepFigures> steps, Saga saga,
                      Map<String, Percentiles> stages, Map<String, Double> cpuSeconds, double cpuSecondsTotal,
                      Double cpuMillisPerOrder, Map<String, Long> memoryBytes, long memoryBytesTotal, Double commitsPerOrder,
                      List<SagaMonitor.Tick> timeline, Knee knee) {

    public record Machine(int cores, long memoryBytes, String java, String os) {

        static Machine here() {
            long memory = 0;
            if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
                memory = os.getTotalMemorySize();
            }
            return new Machine(Runtime.getRuntime().availableProcessors(), memory, System.getProperty("java.version"),
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
    }

    /**
     * One step: what was sent and how it was answered; {@code acceptedPerSecond}, the mean, and {@code perSecond}, each
     * second's count; orders ended per second over the step's second half, whether the saga kept up with the step
     * ({@link Knee#keptUp}), and the cores each process kept busy during it (its CPU time over the step's time, the wait
     * for the last answers included).
     */
    public record StepFigures(String name, double seconds, long sent, long accepted, double acceptedPerSecond, long shed,
                              long refused, long failed, long notSent, Percentiles latency, List<Long> perSecond,
                              double endedPerSecond, boolean keptUp, Map<String, Double> busyCores) {

        static StepFigures of(Load.Step step, SagaMonitor.Tick middle, SagaMonitor.Tick end, Map<String, Double> busyCores) {
            double halfSeconds = end.second() - middle.second();
            return new StepFigures(step.name(), step.length().toMillis() / 1000.0, step.sent(), step.accepted(),
                    step.acceptedPerSecondMean(), step.shed(), step.refused(), step.failed(), step.notSent(),
                    Percentiles.ofMicros(step.latency()), Load.asList(step.acceptedPerSecond()),
                    halfSeconds > 0 ? (end.ended() - middle.ended()) / halfSeconds : 0, Knee.keptUp(step, middle, end), busyCores);
        }
    }

    /**
     * The saga over the run: orders placed and ended (by anyone, from ordering's counters), ended per second while the
     * load ran, the largest backlog, how long after the load the last order ended (null: not within the drain), and how
     * many were cancelled because their saga passed its deadline.
     */
    public record Saga(double placed, double ended, double endedPerSecondUnderLoad, double maxBacklog,
                       Double lastEndedAfterLoadSeconds, double cancelledForDeadline) {
    }

    public record Percentiles(long count, double p50, double p90, double p99, double max, double mean) {

        static Percentiles ofMicros(Histogram micros) {
            return new Percentiles(micros.getTotalCount(), micros.getValueAtPercentile(50) / 1000.0,
                    micros.getValueAtPercentile(90) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
                    micros.getMaxValue() / 1000.0, micros.getTotalCount() == 0 ? 0 : micros.getMean() / 1000.0);
        }

        static Percentiles ofMillis(Histogram millis) {
            return new Percentiles(millis.getTotalCount(), millis.getValueAtPercentile(50), millis.getValueAtPercentile(90),
                    millis.getValueAtPercentile(99), millis.getMaxValue(), millis.getTotalCount() == 0 ? 0 : millis.getMean());
        }
    }
}
