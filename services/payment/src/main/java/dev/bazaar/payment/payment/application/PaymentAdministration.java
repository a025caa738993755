package dev.bazaar.payment.payment.application;

import java.util.List;
import java.util.Map;

import dev.bazaar.payment.payment.CardProcessor;
import dev.bazaar.payment.payment.Payment;
import dev.bazaar.payment.payment.Payments;
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

    @Transactional(readOnly = true)
    public PaymentPage page(int page, int size) {
        List<Payment> found = payments.page(Math.multiplyExact(page, size), size);
        Map<String, CardProcessor.Ledger> ledgers = processor.ledgers(found.stream().map(p -> p.id().toString()).toList());
        List<Audited> items = found.stream()
                .map(p -> new Audited(p, ledgers.getOrDefault(p.id().toString(), CardProcessor.Ledger.NONE)))
                .toList();
        return new PaymentPage(items, page, size, payments.count());
    }

    public record Audited(Payment payment, CardProcessor.Ledger ledger) {
    }

    public record PaymentPage(List<Audited> items, int page, int size, long total) {
    }
}
