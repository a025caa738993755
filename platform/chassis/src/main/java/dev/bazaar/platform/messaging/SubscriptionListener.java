package dev.bazaar.platform.messaging;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The one Kafka listener the chassis gives a service for all of its {@link Subscription}s: every record, from whichever
 * topic, through the inbox, once. One consumer per service rather than one per topic: the broker answers a third as
 * many fetches.
 */
final class SubscriptionListener {

    private final Inbox inbox;
    private final Map<String, Subscription> byTopic;

    SubscriptionListener(Inbox inbox, List<Subscription> subscriptions) {
        this.inbox = inbox;
        this.byTopic = subscriptions.stream().collect(Collectors.toMap(Subscription::topic, Function.identity()));
    }

    public void onMessage(ConsumerRecord<String, String> record) {
        inbox.consume(record, byTopic.get(record.topic())::handle);
    }
}
