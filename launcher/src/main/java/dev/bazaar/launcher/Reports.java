package dev.bazaar.launcher;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.bazaar.audit.Audit;
import dev.bazaar.audit.AuditReport;
import dev.bazaar.audit.DeadLetter;
import dev.bazaar.platform.topology.Component;
import dev.bazaar.platform.topology.Topology;

/** What the {@code bazaar} command prints: tables and reports for people at a terminal. */
final class Reports {

    private Reports() {
    }

    static String statusTable(List<ComponentStatus> components) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"COMPONENT", "PID", "ADDRESS", "HEALTH", "MEMORY", "UPTIME"});
        long total = 0;
        for (ComponentStatus component : components) {
            total += component.memoryBytes();
            String pid = component.external() ? "external"
                    : component.pid().isPresent() ? Long.toString(component.pid().getAsLong()) : "-";
            rows.add(new String[] {component.name(), pid, component.address(), component.health().name(),
                    component.memoryBytes() == 0 ? "-" : memory(component.memoryBytes()),
                    component.pid().isPresent() ? uptime(component.uptime()) : "-"});
        }
        rows.add(new String[] {"total", "", "", "", memory(total), ""});
        return table(rows);
    }

    /** The report of {@code bazaar audit}: one line per violation, then what was checked, then the verdict. */
    static String auditText(AuditReport report) {
        StringBuilder text = new StringBuilder("Audit of the books at " + report.checkedAt().truncatedTo(ChronoUnit.SECONDS) + "\n");
        if (!report.violations().isEmpty()) {
            text.append("\nViolations:\n");
            report.violations().forEach(violation ->
                    text.append("  ").append(violation).append("  [").append(ruleName(violation.rule())).append("]\n"));
        }
        text.append('\n');
        List<String> statuses = new ArrayList<>();
        report.ordersByStatus().forEach((status, count) -> statuses.add(status + " " + count));
        text.append(String.format("%-14s%d%s%n", "orders", report.orders(), statuses.isEmpty() ? "" : " (" + String.join(", ", statuses) + ")"));
        text.append(String.format("%-14s%d%n", "payments", report.payments()));
        text.append(String.format("%-14s%d%n", "reservations", report.reservations()));
        int skipped = report.skus() - report.skusComparedWithOrders();
        text.append(String.format("%-14s%d SKUs, %d compared with ordering's orders%s%n", "stock", report.skus(),
                report.skusComparedWithOrders(), skipped == 0 ? "" : " (" + skipped + " with an order in flight or ordering unread)"));
        List<String> perService = new ArrayList<>();
        report.deadLetters().forEach((service, count) -> {
            if (count > 0) {
                perService.add(service + " " + count);
            }
        });
        text.append(String.format("%-14s%d, %d NEW%s%n", "dead letters", report.totalDeadLetters(), report.newDeadLetters(),
                perService.isEmpty() ? "" : " (" + String.join(", ", perService) + ")"));
        if (!report.unreachable().isEmpty()) {
            text.append(String.format("%-14s%s%n", "unreachable", String.join(", ", report.unreachable())));
        }
        int count = report.violations().size();
        text.append('\n').append(count == 0 ? "OK: the books balance.\n" : "FAILED: " + count + (count == 1 ? " violation.\n" : " violations.\n"));
        return text.toString();
    }

    /** {@code DELIVERED_ORDER_PAID_ONCE} as {@code delivered-order-paid-once}, as docs/launcher.md names the rules. */
    static String ruleName(AuditReport.Rule rule) {
        return rule.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The listing of {@code bazaar dlq}: one row per dead letter, then how many and how many are NEW. */
    static String deadLetterTable(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return "No dead letters.\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SERVICE", "ID", "STATUS", "DEAD AT", "TYPE", "FROM", "KEY", "ERROR"});
        for (DeadLetter letter : letters) {
            rows.add(new String[] {letter.service(), letter.id(), letter.status(),
                    letter.deadAt() == null ? "-" : letter.deadAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                    orDash(letter.eventType()), letter.origin(), orDash(letter.key()),
                    letter.error() == null ? "-" : Audit.oneLine(letter.error(), 80)});
        }
        long fresh = letters.stream().filter(DeadLetter::isNew).count();
        return table(rows) + letters.size() + (letters.size() == 1 ? " dead letter, " : " dead letters, ") + fresh + " NEW"
                + (fresh == 0 ? "" : " ('./bazaar dlq <service> redrive|discard <id>')") + ".\n";
    }

    /** The map as {@code bazaar topology} shows it: one row per component, in the order of the file. */
    static String topologyTable(Topology topology, LauncherConfig config) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"COMPONENT", "KIND", "PORT", "INSTANCES", "DATABASE", "PUBLISHES", "CONSUMES", "ROUTES", "WAITS FOR"});
        for (Component component : topology.components()) {
            rows.add(new String[] {component.name(), component.kind().label(), Integer.toString(config.port(component.name())),
                    component.kind().isApplication() ? Integer.toString(component.instances()) : "-",
                    orDash(component.database()), component.publishes().isEmpty() ? "-" : component.topic(),
                    component.consumes().isEmpty() ? "-" : String.join(",", component.consumes().keySet()),
                    component.routes().isEmpty() ? "-" : String.join(" ", component.routes()),
                    component.waitsFor().isEmpty() ? "-" : String.join(",", component.waitsFor())});
        }
        return table(rows);
    }

    /** Left-aligned columns, two spaces apart, no trailing blanks. */
    static String table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format("%-" + widths[i] + "s  ", row[i]));
            }
            table.append(line.toString().stripTrailing()).append('\n');
        }
        return table.toString();
    }

    static String memory(long bytes) {
        double mib = bytes / (1024.0 * 1024.0);
        return mib >= 1024 ? String.format(Locale.ROOT, "%.2f GiB", mib / 1024) : String.format(Locale.ROOT, "%.0f MiB", mib);
    }

    static String uptime(Duration uptime) {
        long seconds = uptime.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }
}
