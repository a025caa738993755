package dev.bazaar.launcher;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

    @Test
    void upBuildsAndStaysInTheForegroundByDefault() {
        CommandLine up = CommandLine.parse("up");

        assertThat(up.command()).isEqualTo("up");
        assertThat(up.detach()).isFalse();
        assertThat(up.build()).isTrue();
        assertThat(up.only()).isEmpty();
    }

    @Test
    void upTakesItsOptionsInAnyOrder() {
        CommandLine up = CommandLine.parse("up", "--no-build", "--detach");

        assertThat(up.detach()).isTrue();
        assertThat(up.build()).isFalse();
    }

    @Test
    void upCanBeLimitedToSomeComponents() {
        assertThat(CommandLine.parse("up", "catalog", "gateway", "-d").only()).containsExactly("catalog", "gateway");
    }

    @Test
    void restartAndKillNeedOneKnownComponent() {
        assertThat(CommandLine.parse("restart", "payment").component()).contains("payment");
        assertThat(CommandLine.parse("kill", "postgres").component()).contains("postgres");
        assertThatThrownBy(() -> CommandLine.parse("kill")).isInstanceOf(CommandLine.UsageException.class);
        assertThatThrownBy(() -> CommandLine.parse("restart", "a", "b")).isInstanceOf(CommandLine.UsageException.class);
        assertThatThrownBy(() -> CommandLine.parse("restart", "billing"))
                .isInstanceOf(CommandLine.UsageException.class)
                .hasMessageContaining("unknown component 'billing'");
    }

    @Test
    void logsFollowEverythingUnlessToldOtherwise() {
        CommandLine all = CommandLine.parse("logs");
        CommandLine one = CommandLine.parse("logs", "kafka", "-n", "100", "--no-follow");

        assertThat(all.component()).isEmpty();
        assertThat(all.follow()).isTrue();
        assertThat(all.lines()).isEqualTo(20);
        assertThat(one.component()).isEqualTo(Optional.of("kafka"));
        assertThat(one.follow()).isFalse();
        assertThat(one.lines()).isEqualTo(100);
    }

    @Test
    void refusesABadLineCount() {
        assertThatThrownBy(() -> CommandLine.parse("logs", "-n")).isInstanceOf(CommandLine.UsageException.class);
        assertThatThrownBy(() -> CommandLine.parse("logs", "-n", "many")).isInstanceOf(CommandLine.UsageException.class);
    }

    @Test
    void refusesAnUnknownCommandOrExtraArguments() {
        assertThatThrownBy(() -> CommandLine.parse()).isInstanceOf(CommandLine.UsageException.class);
        assertThatThrownBy(() -> CommandLine.parse("start")).isInstanceOf(CommandLine.UsageException.class)
                .hasMessageContaining("unknown command 'start'");
        assertThatThrownBy(() -> CommandLine.parse("down", "--force")).isInstanceOf(CommandLine.UsageException.class);
        assertThatThrownBy(() -> CommandLine.parse("up", "--fast")).isInstanceOf(CommandLine.UsageException.class);
    }

    @Test
    void auditRunsOnceOrWaitsForTheBooksToSettle() {
        assertThat(CommandLine.parse("audit").patience()).isZero();
        assertThat(CommandLine.parse("audit", "--wait", "30").patience()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> CommandLine.parse("audit", "--wait")).isInstanceOf(CommandLine.UsageException.class);
        assertThatThrownBy(() -> CommandLine.parse("audit", "--wait", "soon")).isInstanceOf(CommandLine.UsageException.class);
        assertThatThrownBy(() -> CommandLine.parse("audit", "payment")).isInstanceOf(CommandLine.UsageException.class);
    }

    @Test
    void dlqListsEveryServiceOrOneAndActsOnOneDeadLetter() {
        CommandLine all = CommandLine.parse("dlq");
        CommandLine one = CommandLine.parse("dlq", "ordering");
        CommandLine redrive = CommandLine.parse("dlq", "payment", "redrive", "42");
        CommandLine discard = CommandLine.parse("dlq", "payment", "discard", "7f3e");

        assertThat(all.component()).isEmpty();
        assertThat(all.action()).isEmpty();
        assertThat(one.component()).contains("ordering");
        assertThat(one.action()).isEmpty();
        assertThat(redrive.component()).contains("payment");
        assertThat(redrive.action()).contains("redrive");
        assertThat(redrive.id()).contains("42");
        assertThat(discard.action()).contains("discard");
        assertThat(discard.id()).contains("7f3e");
    }

    @Test
    void dlqRefusesWhatIsNotAServiceOrAnAction() {
        assertThatThrownBy(() -> CommandLine.parse("dlq", "gateway")).isInstanceOf(CommandLine.UsageException.class)
                .hasMessageContaining("unknown service 'gateway'");
        assertThatThrownBy(() -> CommandLine.parse("dlq", "kafka")).isInstanceOf(CommandLine.UsageException.class);
        assertThatThrownBy(() -> CommandLine.parse("dlq", "payment", "replay", "1")).isInstanceOf(CommandLine.UsageException.class)
                .hasMessageContaining("'redrive <id>' or 'discard <id>'");
        assertThatThrownBy(() -> CommandLine.parse("dlq", "payment", "redrive")).isInstanceOf(CommandLine.UsageException.class)
                .hasMessageContaining("exactly one dead letter id");
        assertThatThrownBy(() -> CommandLine.parse("dlq", "payment", "redrive", "1", "2")).isInstanceOf(CommandLine.UsageException.class);
    }

    @Test
    void rebuildKnowsOrderingOnly() {
        assertThat(CommandLine.parse("rebuild", "ordering").component()).contains("ordering");
        assertThatThrownBy(() -> CommandLine.parse("rebuild")).isInstanceOf(CommandLine.UsageException.class);
        assertThatThrownBy(() -> CommandLine.parse("rebuild", "payment")).isInstanceOf(CommandLine.UsageException.class)
                .hasMessageContaining("'ordering'");
    }

    @Test
    void helpHasItsAliases() {
        for (String help : List.of("help", "--help", "-h")) {
            assertThat(CommandLine.parse(help).command()).isEqualTo("help");
        }
    }
}
