package dev.bazaar.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the platform spent: CPU time per process (PostgreSQL's with its backends) as the operating system counts it,
 * resident memory, and PostgreSQL's committed transactions over every database (pg_stat_database).
 */
final class Resources {

    /** The platform at one moment: CPU seconds and memory by process, and commits so far. */
    record Sample(Map<String, Double> cpuSeconds, Map<String, Long> memoryBytes, long commits) {

        double totalCpu() {
            return cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private final Target target;

    Resources(Target target) {
        this.target = target;
    }

    Sample sample() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        Map<String, Long> memory = new LinkedHashMap<>();
        for (Target.Process process : target.processes()) {
            Optional<ProcessHandle> handle = ProcessHandle.of(process.pid());
            if (handle.isEmpty()) {
                continue;
            }
            Stream<ProcessHandle> all = process.tree() ? Stream.concat(Stream.of(handle.get()), handle.get().descendants())
                    : Stream.of(handle.get());
            cpu.put(process.name(), all.mapToDouble(each -> each.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9).sum());
            memory.put(process.name(), process.memoryBytes());
        }
        return new Sample(cpu, memory, commits());
    }

    private long commits() {
        try (Connection connection = target.postgres(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("select coalesce(sum(xact_commit), 0) from pg_stat_database")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /** CPU seconds spent by each process between two samples (a process that restarted in between counts from 0). */
    static Map<String, Double> spent(Sample before, Sample after) {
        Map<String, Double> spent = new LinkedHashMap<>();
        after.cpuSeconds().forEach((process, seconds) -> {
            double was = before.cpuSeconds().getOrDefault(process, 0.0);
            spent.put(process, seconds >= was ? seconds - was : seconds);
        });
        return spent;
    }
}
