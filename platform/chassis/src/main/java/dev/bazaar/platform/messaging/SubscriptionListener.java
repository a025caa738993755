package dev.bazaar.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The Kafka listener the chassis gives each {@link Subscription}: every record through the inbox, once. */
final class SubscriptionListener {

    private final Inbox inbox;
    private final Subscription subscription;

    SubscriptionListener(Inbox inbox, Subscription subscription) {
        this.inbox = inbox;
        this.subscription = subscription;
    }

    public void onMessage(ConsumerRecord<String, String> record) {
        inbox.receive(record, subscription::handle);
    }
}
