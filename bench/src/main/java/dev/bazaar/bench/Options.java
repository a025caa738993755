package dev.bazaar.bench;

import java.time.Duration;
import java.util.List;

/**
 * One benchmark run.
 *
 * @param concurrencies closed loop: each step runs this many shoppers, each placing an order as soon as the last one was
 *                      answered (empty when the run is open loop)
 * @param rates         open loop: each step places this many orders a second, on schedule whatever the answers, and
 *                      measures latency from when each was due (so waiting in line counts)
 * @param step          how long each step lasts
 * @param shoppers      how many shoppers sign up for the run (their orders spread over them)
 * @param declined      the share of orders paid with a card the processor declines
 * @param soldOut       the share of orders for a product that is out of stock
 * @param drain         how long to wait after the last step for the orders still in the saga to end
 * @param sampled       how many orders' event streams are read for the saga's stage times
 * @param findKnee      open loop: stop after the first step the saga does not keep up with, and name the knee
 */
public record Options(List<Integer> concurrencies, List<Double> rates, Duration step, int shoppers, double declined,
                      double soldOut, Duration drain, int sampled, boolean findKnee) {

    /** The shortest step a knee is judged on: a step's first seconds go to the saga settling at its new rate. */
    static final Duration SHORTEST_KNEE_STEP = Duration.ofSeconds(20);

    public Options(List<Integer> concurrencies, List<Double> rates, Duration step, int shoppers, double declined,
                   double soldOut, Duration drain, int sampled) {
        this(concurrencies, rates, step, shoppers, declined, soldOut, drain, sampled, false);
    }

    public Options {
        concurrencies = List.copyOf(concurrencies);
        rates = List.copyOf(rates);
        if (concurrencies.isEmpty() == rates.isEmpty()) {
            throw new IllegalArgumentException("give either concurrencies (closed loop) or rates (open loop), not both or neither");
        }
        if (concurrencies.stream().anyMatch(c -> c < 1 || c > 1024)) {
            throw new IllegalArgumentException("a concurrency is from 1 to 1024 shoppers");
        }
        if (rates.stream().anyMatch(r -> !(r > 0 && r <= 5000))) {
            throw new IllegalArgumentException("a rate is above 0 and at most 5000 orders a second");
        }
        if (step.compareTo(Duration.ofSeconds(1)) < 0 || step.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("a step lasts from 1 s to 1 h");
        }
        if (shoppers < 1 || shoppers > 1000) {
            throw new IllegalArgumentException("from 1 to 1000 shoppers");
        }
        if (!(declined >= 0 && soldOut >= 0 && declined + soldOut <= 1)) { // NaN too, which compares false with anything
            throw new IllegalArgumentException("the shares of declined and sold-out orders are from 0 to 1, and add up to 1 at most");
        }
        if (findKnee && (rates.isEmpty() || step.compareTo(SHORTEST_KNEE_STEP) < 0)) {
            throw new IllegalArgumentException("finding the knee takes rates (open loop) and steps of at least "
                    + SHORTEST_KNEE_STEP.toSeconds() + " s");
        }
        if (findKnee && !rates.equals(rates.stream().sorted().distinct().toList())) {
            throw new IllegalArgumentException("finding the knee takes rates that rise from step to step");
        }
        if (drain.isNegative() || sampled < 0) {
            throw new IllegalArgumentException("the drain and the number of sampled orders cannot be negative");
        }
    }

    public boolean openLoop() {
        return !rates.isEmpty();
    }

    /** The steps as the report names them: "8 shoppers", "100/s". */
    public List<String> stepNames() {
        return openLoop() ? rates.stream().map(rate -> format(rate) + "/s").toList()
                : concurrencies.stream().map(c -> c + (c == 1 ? " shopper" : " shoppers")).toList();
    }

    static String format(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
