package dev.bazaar.payment.charge.application;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.bazaar.payment.charge.CardProcessor;
import dev.bazaar.payment.charge.Payment;
import dev.bazaar.payment.charge.Payments;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What operators and the platform audit see of payments: each with the money the processor
 * actually moved for it, by its own ledger, so that "captured exactly once" is checked, not assumed.
 */
@Service
public class PaymentAdministration {

    private final Payments payments;
    private final CardProcessor processor;

    public PaymentAdministration(Payments payments, CardProcessor processor) {
        this.payments = payments;
        this.processor = processor;
    }

    /**
     * A page of payments by order id, each with its ledger at the processor. {@code after} and {@code through} (either
     * may be null) bound the order ids; a page so bounded is not counted.
     */
    @Transactional(readOnly = true)
    public Page<Audited> list(UUID after, UUID through, PageRequest request) {
        List<Payment> found = payments.list(after, through, request.offset(), request.size());
        Map<String, CardProcessor.Ledger> ledgers = processor.ledgers(found.stream().map(p -> p.id().toString()).toList());
        List<Audited> items = found.stream()
                .map(p -> new Audited(p, ledgers.getOrDefault(p.id().toString(), CardProcessor.Ledger.NONE)))
                .toList();
        return after == null && through == null ? Page.of(items, request, payments.count()) : Page.uncounted(items, request);
    }

    public record Audited(Payment payment, CardProcessor.Ledger ledger) {
    }
}
