package dev.bazaar.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import dev.bazaar.audit.AuditReport;
import dev.bazaar.audit.DeadLetter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportsTest {

    @Test
    void statusShowsEveryComponentAndTheTotalMemory() {
        List<ComponentStatus> components = List.of(
                new ComponentStatus("postgres", OptionalLong.of(41), "127.0.0.1:15432", ComponentStatus.Health.UP,
                        100L * 1024 * 1024, Duration.ofSeconds(75), false),
                new ComponentStatus("kafka", OptionalLong.empty(), "k1:9092", ComponentStatus.Health.UP, 0, Duration.ZERO, true),
                new ComponentStatus("catalog", OptionalLong.empty(), "127.0.0.1:8081", ComponentStatus.Health.STOPPED,
                        0, Duration.ZERO, false));

        String table = Reports.statusTable(components);

        assertThat(table.lines()).hasSize(5);
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("COMPONENT").contains("PID", "HEALTH", "MEMORY");
        assertThat(table.lines().skip(1).findFirst().orElseThrow())
                .contains("postgres", "41", "127.0.0.1:15432", "UP", "100 MiB", "1m 15s");
        assertThat(table).contains("external").contains("STOPPED");
        assertThat(table.lines().reduce((first, second) -> second).orElseThrow()).startsWith("total").endsWith("100 MiB");
    }

    @Test
    void theAuditReportPrintsEachViolationOnALineThenWhatWasChecked() {
        AuditReport report = new AuditReport(Instant.parse("2026-03-01T12:00:00.123Z"),
                List.of(new AuditReport.Violation(AuditReport.Rule.DELIVERED_ORDER_PAID_ONCE, "order o-1 DELIVERED",
                                "payment REFUNDED (captures 1, refunds 1); expected CAPTURED with one capture and no refund"),
                        new AuditReport.Violation(AuditReport.Rule.SERVICE_REACHABLE, "fulfillment", "unreachable (not running)")),
                Map.of("DELIVERED", 3), 3, 3, 24, 20, Map.of("ordering", 2), 1, List.of("fulfillment"));

        String text = Reports.auditText(report);

        assertThat(text).startsWith("Audit of the books at 2026-03-01T12:00:00Z");
        assertThat(text).contains("  order o-1 DELIVERED: payment REFUNDED (captures 1, refunds 1); expected CAPTURED with one "
                + "capture and no refund  [delivered-order-paid-once]\n");
        assertThat(text).contains("  fulfillment: unreachable (not running)  [service-reachable]\n");
        assertThat(text).contains("orders        3 (DELIVERED 3)\n", "payments      3\n", "reservations  3\n",
                "stock         24 SKUs, 20 compared with ordering's orders (4 with an order in flight or ordering unread)\n",
                "dead letters  2, 1 NEW (ordering 2)\n", "unreachable   fulfillment\n");
        assertThat(text).endsWith("FAILED: 2 violations.\n");
    }

    @Test
    void aCleanAuditSaysSo() {
        AuditReport report = new AuditReport(Instant.EPOCH, List.of(), Map.of(), 0, 0, 0, 0, Map.of("catalog", 0), 0, List.of());

        assertThat(Reports.auditText(report)).doesNotContain("Violations").endsWith("OK: the books balance.\n");
    }

    @Test
    void deadLettersAreListedOneARowWithTheirCount() {
        List<DeadLetter> letters = List.of(
                new DeadLetter("ordering", "7", "inventory.events", 1, 42, "o-1", "e-1", "StockReserved", "line one\nline two",
                        Instant.parse("2026-03-01T12:00:00.5Z"), "NEW"),
                new DeadLetter("payment", "3", "ordering.events", 0, 5, null, null, null, null, null, "DISCARDED"));

        String table = Reports.deadLetterTable(letters);

        assertThat(table.lines()).hasSize(4);
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("SERVICE").contains("ID", "STATUS", "TYPE", "ERROR");
        assertThat(table.lines().skip(1).findFirst().orElseThrow())
                .contains("ordering", "7", "NEW", "2026-03-01T12:00:00Z", "StockReserved", "inventory.events[1]@42", "o-1",
                        "line one line two");
        assertThat(table.lines().skip(2).findFirst().orElseThrow()).contains("payment", "DISCARDED", "ordering.events[0]@5");
        assertThat(table).endsWith("2 dead letters, 1 NEW ('./bazaar dlq <service> redrive|discard <id>').\n");
        assertThat(Reports.deadLetterTable(List.of())).isEqualTo("No dead letters.\n");
    }

    @Test
    void deadLettersComeNewFirstThenOldestFirst() {
        DeadLetter oldHandled = new DeadLetter("catalog", "1", "t", 0, 1, null, null, null, null, Instant.parse("2026-01-01T00:00:00Z"), "REDRIVEN");
        DeadLetter newer = new DeadLetter("payment", "9", "t", 0, 2, null, null, null, null, Instant.parse("2026-02-02T00:00:00Z"), "NEW");
        DeadLetter older = new DeadLetter("ordering", "5", "t", 0, 3, null, null, null, null, Instant.parse("2026-02-01T00:00:00Z"), "NEW");

        assertThat(Platform.sortDeadLetters(List.of(oldHandled, newer, older))).containsExactly(older, newer, oldHandled);
    }

    @Test
    void formatsMemoryAndUptimeForPeople() {
        assertThat(Reports.memory(3L * 1024 * 1024 * 1024 / 2)).isEqualTo("1.50 GiB");
        assertThat(Reports.uptime(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(Reports.uptime(Duration.ofMinutes(61).plusSeconds(5))).isEqualTo("1h 01m");
    }
}
