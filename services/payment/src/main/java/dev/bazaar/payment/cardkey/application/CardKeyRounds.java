package dev.bazaar.payment.cardkey.application;

import java.time.Duration;

import dev.bazaar.platform.work.Worker;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the pool of offered card keys full, and re-wraps keys after a rotation of the key-encryption key: a round runs
 * when keys were taken (once the placement that took them commits) or the key-encryption key rotated, a second at
 * least after the last so that under load one round tops up for every order of that second, and every 30 s besides
 * (another instance's rotation, a round that failed). An idle payment leaves its database alone meanwhile.
 */
@Component
class CardKeyRounds {

    private final Worker rounds;

    CardKeyRounds(CardKeys keys) {
        this.rounds = new Worker("card-keys", Duration.ofSeconds(1), Duration.ofSeconds(30),
                () -> keys.topUp() | keys.rewrap() ? Worker.Round.MORE : null, Duration.ofMinutes(2), SmartLifecycle.DEFAULT_PHASE);
    }

    @Bean
    Worker cardKeysLoop() {
        return rounds;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CardKeys.PoolChanged changed) {
        rounds.wakeUp();
    }
}
