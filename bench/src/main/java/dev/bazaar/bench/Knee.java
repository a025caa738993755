package dev.bazaar.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The knee of an open-loop run: the highest rate the platform kept up with (took every order and ended them as fast as
 * they came), the next one, where it did not, and how busy the machine's cores were there, by process, which says
 * whether the CPU is what limits it.
 *
 * @param keptUp     the highest step before the first one the platform did not keep up with (null: not even the first)
 * @param fellBehind the first step it did not keep up with (null: it kept up with every step)
 * @param cores      the machine's cores
 * @param busyCores  the cores the platform's processes kept busy during {@code fellBehind} (or the last step)
 * @param byProcess  those cores by process, busiest first
 * @param description all of it in a sentence or two, as the report prints it
 */
public record Knee(String keptUp, String fellBehind, int cores, double busyCores, Map<String, Double> byProcess,
                   String description) {

    /** Ended at least this share of what was placed in the step's second half. */
    static final double KEEPING_UP = 0.95;
    /** Cores this busy, of the machine's, say the CPU is spent. */
    static final double SPENT = 0.8;

    /**
     * Whether the platform kept up with a step: every order accepted (none shed, failed or left unsent), and over the step's
     * second half, once the saga has settled at the new rate, as many orders ended as were placed, within 5%.
     */
    static boolean keptUp(Load.Step step, SagaMonitor.Tick middle, SagaMonitor.Tick end) {
        double placed = end.placed() - middle.placed();
        double ended = end.ended() - middle.ended();
        return step.shed() == 0 && step.failed() == 0 && step.notSent() == 0 && placed > 0 && ended >= KEEPING_UP * placed;
    }

    /** The knee of a run's steps, in the order they ran (rates rising); null when there were none. */
    static Knee of(List<Summary.StepFigures> steps, int cores) {
        Summary.StepFigures keptUp = null;
        Summary.StepFigures judged = null;
        for (Summary.StepFigures step : steps) {
            judged = step;
            if (!step.keptUp()) {
                break;
            }
            keptUp = step;
        }
        if (judged == null) {
            return null;
        }
        Map<String, Double> byProcess = new LinkedHashMap<>();
        judged.busyCores().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .forEach(process -> byProcess.put(process.getKey(), process.getValue()));
        double busy = byProcess.values().stream().mapToDouble(Double::doubleValue).sum();
        String kept = keptUp == null ? null : keptUp.name();
        String fell = judged.keptUp() ? null : judged.name();
        return new Knee(kept, fell, cores, busy, byProcess, describe(kept, fell, cores, busy, byProcess));
    }

    private static String describe(String keptUp, String fellBehind, int cores, double busyCores, Map<String, Double> byProcess) {
        String where = keptUp == null ? "below " + fellBehind + ", the first step, which the platform did not keep up with"
                : fellBehind == null ? "above " + keptUp + ": the platform kept up with every step"
                : keptUp + ", the highest step the platform kept up with; it did not at " + fellBehind;
        StringBuilder top = new StringBuilder();
        byProcess.entrySet().stream().limit(4).forEach(process ->
                top.append(top.isEmpty() ? "" : ", ").append(String.format("%s %.2f", process.getKey(), process.getValue())));
        String limit = fellBehind == null ? "" : busyCores >= SPENT * cores ? ": the CPU is what limits it"
                : ": the CPU was not spent, so something else limits it (a pool, a lock, a pause)";
        return String.format("Knee: %s. At %s the platform kept %.2f of %d cores busy (%s)%s.", where,
                fellBehind == null ? keptUp : fellBehind, busyCores, cores, top, limit);
    }
}
