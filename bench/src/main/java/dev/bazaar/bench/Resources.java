package dev.bazaar.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the platform spent: CPU time per process (PostgreSQL's with its backends) as the operating system counts it,
 * resident memory, and PostgreSQL's committed transactions over every database (pg_stat_database).
 */
final class Resources {

    /**
     * The platform at one moment: CPU seconds by process and by each of its operating-system processes (PostgreSQL's
     * backends come and go), memory by process, and commits so far.
     */
    record Sample(Map<String, Map<Long, Double>> cpuSeconds, Map<String, Long> memoryBytes, long commits) {
    }

    private final Target target;

    Resources(Target target) {
        this.target = target;
    }

    Sample sample() {
        Map<String, Map<Long, Double>> cpu = new LinkedHashMap<>();
        Map<String, Long> memory = new LinkedHashMap<>();
        for (Target.Process process : target.processes()) {
            Optional<ProcessHandle> handle = ProcessHandle.of(process.pid());
            if (handle.isEmpty()) {
                continue;
            }
            Stream<ProcessHandle> all = process.tree() ? Stream.concat(Stream.of(handle.get()), handle.get().descendants())
                    : Stream.of(handle.get());
            Map<Long, Double> byPid = new HashMap<>();
            all.forEach(each -> byPid.put(each.pid(), each.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9));
            cpu.put(process.name(), byPid);
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

    /**
     * CPU seconds spent by each process between two samples, operating-system process by process: one that started in
     * between (a restart, a new PostgreSQL backend) counts from 0. One that ended in between is not seen after, and what
     * it spent in between is missed: a PostgreSQL backend that closes during the run makes the figure a little low,
     * never high (a sum over whatever processes live at each sample would count a closed backend's whole life).
     */
    static Map<String, Double> spent(Sample before, Sample after) {
        Map<String, Double> spent = new LinkedHashMap<>();
        after.cpuSeconds().forEach((process, byPid) -> {
            Map<Long, Double> was = before.cpuSeconds().getOrDefault(process, Map.of());
            spent.put(process, byPid.entrySet().stream()
                    .mapToDouble(pid -> Math.max(0, pid.getValue() - was.getOrDefault(pid.getKey(), 0.0))).sum());
        });
        return spent;
    }
}
