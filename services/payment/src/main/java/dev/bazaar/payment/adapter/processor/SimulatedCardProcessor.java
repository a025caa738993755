package dev.bazaar.payment.adapter.processor;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;

import dev.bazaar.payment.charge.CardNumber;
import dev.bazaar.payment.charge.CardProcessor;
import dev.bazaar.payment.charge.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stands in for the external card processor, with the test cards processors document:
 * 4242 4242 4242 4242 is approved, 4000 0000 0000 0002 is declined, any other number that passes
 * the Luhn check is approved, and one that does not is declined as invalid.
 *
 * <p>Its ledger (tables {@code processor_request} and {@code processor_movement}) lives in
 * payment's database only because it is simulated: it stands for the processor's own storage,
 * is written in the processor's own transactions, never in payment's, and outlives a crash of
 * payment — which is what makes idempotency keys hold across retries, timeouts and restarts.
 *
 * <p>A call is refused before anything happens during an outage or a random failure; otherwise the
 * processor acts, commits, and only then takes {@code latencyMs} to answer — so a caller that
 * times out may well have been charged, and must retry with the same key to find out.
 */
@Component
class SimulatedCardProcessor implements CardProcessor {

    static final String DECLINED_CARD = "4000000000000002";
    static final String VOIDED_KEY = "charge voided";
    private static final Logger log = LoggerFactory.getLogger(SimulatedCardProcessor.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransactions;
    private final DoubleSupplier random;
    private final AtomicReference<ProcessorBehaviour> behaviour = new AtomicReference<>(ProcessorBehaviour.HEALTHY);

    @Autowired
    SimulatedCardProcessor(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this(jdbc, transactions, () -> ThreadLocalRandom.current().nextDouble());
    }

    SimulatedCardProcessor(JdbcClient jdbc, PlatformTransactionManager transactions, DoubleSupplier random) {
        this.jdbc = jdbc;
        this.ownTransactions = new TransactionTemplate(transactions);
        this.ownTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.random = random;
    }

    ProcessorBehaviour behaviour() {
        return behaviour.get();
    }

    void behave(ProcessorBehaviour next) {
        ProcessorBehaviour previous = behaviour.getAndSet(next);
        log.warn("Simulated card processor now behaves {} (was {})", next, previous);
    }

    @Override
    public Authorization charge(String idempotencyKey, CardNumber card, Money amount) {
        ProcessorBehaviour now = admit();
        Authorization authorization = ownTransactions.execute(status -> {
            lockKey(idempotencyKey);
            Map<String, Authorization> earlier = answersTo(idempotencyKey);
            if (earlier.containsKey("CHARGE")) {
                return earlier.get("CHARGE");
            }
            Authorization answer = earlier.containsKey("VOID") ? Authorization.decline(VOIDED_KEY) : authorize(card);
            remember("CHARGE", idempotencyKey, amount, answer);
            if (answer.approved()) {
                move(idempotencyKey, "CAPTURE", amount);
            }
            // Payment logs each outcome itself (PaymentWorker); a second line an order here cost about 0.25 ms of CPU.
            log.debug("Processor: charge {} of {} {} on {}: {}", idempotencyKey, amount.amount(), amount.currency(), card,
                    answer.approved() ? "approved" : answer.declineReason());
            return answer;
        });
        answerLate(now);
        return authorization;
    }

    @Override
    public void voidCharge(String idempotencyKey, Money amount) {
        ProcessorBehaviour now = admit();
        ownTransactions.executeWithoutResult(status -> {
            lockKey(idempotencyKey);
            Map<String, Authorization> earlier = answersTo(idempotencyKey);
            if (earlier.containsKey("VOID")) {
                return;
            }
            remember("VOID", idempotencyKey, amount, Authorization.approve());
            Authorization charge = earlier.get("CHARGE");
            if (charge != null && charge.approved()) {
                move(idempotencyKey, "REFUND", amount);
                log.info("Processor: void {} reversed its capture of {} {}", idempotencyKey, amount.amount(), amount.currency());
            } else {
                log.info("Processor: void {}: nothing was captured, none will be", idempotencyKey);
            }
        });
        answerLate(now);
    }

    @Override
    public void refund(String idempotencyKey, Money amount) {
        ProcessorBehaviour now = admit();
        ownTransactions.executeWithoutResult(status -> {
            lockKey(idempotencyKey);
            Map<String, Authorization> earlier = answersTo(idempotencyKey);
            if (earlier.containsKey("REFUND")) {
                return;
            }
            Authorization charge = earlier.get("CHARGE");
            if (charge == null || !charge.approved() || earlier.containsKey("VOID")) {
                throw new IllegalStateException("Processor: nothing captured under " + idempotencyKey + " to refund");
            }
            remember("REFUND", idempotencyKey, amount, Authorization.approve());
            move(idempotencyKey, "REFUND", amount);
            log.info("Processor: refund {} of {} {}", idempotencyKey, amount.amount(), amount.currency());
        });
        answerLate(now);
    }

    @Override
    public Map<String, Ledger> ledgers(Collection<String> idempotencyKeys) {
        Map<String, Ledger> ledgers = new HashMap<>();
        if (idempotencyKeys.isEmpty()) {
            return ledgers;
        }
        jdbc.sql("""
                select idempotency_key,
                       count(*) filter (where kind = 'CAPTURE') as captures,
                       count(*) filter (where kind = 'REFUND') as refunds
                from processor_movement where idempotency_key in (:keys) group by idempotency_key""")
                .param("keys", List.copyOf(idempotencyKeys))
                .query(rs -> {
                    ledgers.put(rs.getString(1), new Ledger(rs.getInt(2), rs.getInt(3)));
                });
        return ledgers;
    }

    static Authorization authorize(CardNumber card) {
        if (DECLINED_CARD.equals(card.digits())) {
            return Authorization.decline("card declined");
        }
        if (!card.passesLuhnCheck()) {
            return Authorization.decline("invalid card number");
        }
        return Authorization.approve();
    }

    /** Refuses the call before it reaches the ledger, as an unreachable or overloaded processor would. */
    private ProcessorBehaviour admit() {
        ProcessorBehaviour now = behaviour.get();
        if (now.outage()) {
            throw new Unavailable("card processor unreachable: connection refused (simulated outage)");
        }
        if (now.failureRate() > 0 && random.getAsDouble() < now.failureRate()) {
            throw new Unavailable("card processor answered 503 Service Unavailable (simulated failure)");
        }
        return now;
    }

    private static void answerLate(ProcessorBehaviour behaviour) {
        if (behaviour.latencyMs() == 0) {
            return;
        }
        try {
            Thread.sleep(behaviour.latencyMs());
        } catch (InterruptedException e) {
            // The caller gave up waiting; what was done is done and stays in the ledger.
            Thread.currentThread().interrupt();
            throw new Unavailable("card processor answer abandoned by the caller");
        }
    }

    /** Serialises the calls made under one key, as the processor's own idempotency layer would. */
    private void lockKey(String idempotencyKey) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", "processor:" + idempotencyKey)
                .query((rs, row) -> 1).list();
    }

    /** What the processor answered under a key, by operation (CHARGE, VOID, REFUND): one statement, by the primary key. */
    private Map<String, Authorization> answersTo(String idempotencyKey) {
        Map<String, Authorization> answers = new HashMap<>();
        jdbc.sql("""
                select operation, approved, decline_reason from processor_request
                where operation in ('CHARGE', 'VOID', 'REFUND') and idempotency_key = :key""")
                .param("key", idempotencyKey)
                .query(rs -> {
                    answers.put(rs.getString(1), new Authorization(rs.getBoolean(2), rs.getString(3)));
                });
        return answers;
    }

    private void remember(String operation, String idempotencyKey, Money amount, Authorization answer) {
        jdbc.sql("""
                insert into processor_request (operation, idempotency_key, amount, currency, approved, decline_reason)
                values (:operation, :key, :amount, :currency, :approved, :reason)""")
                .param("operation", operation).param("key", idempotencyKey)
                .param("amount", amount.amount()).param("currency", amount.currency())
                .param("approved", answer.approved()).param("reason", answer.declineReason())
                .update();
    }

    private void move(String idempotencyKey, String kind, Money amount) {
        BigDecimal value = amount.amount();
        jdbc.sql("insert into processor_movement (idempotency_key, kind, amount, currency) values (:key, :kind, :amount, :currency)")
                .param("key", idempotencyKey).param("kind", kind).param("amount", value).param("currency", amount.currency())
                .update();
    }
}
