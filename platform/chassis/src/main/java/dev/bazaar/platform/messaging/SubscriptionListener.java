package dev.bazaar.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The one Kafka listener the chassis gives a service for all of its {@link Subscription}s: each batch polled, from
 * whichever topics, through the inbox, every record once. One consumer per service rather than one per topic: the
 * broker answers a third as many fetches, and a batch spans topics.
 *
 * <p>A record of a type the service does not read (its {@code ce_type} is not among its subscription's types) is passed
 * over before the inbox: no transaction, no inbox row, no span. About half of what a service reads is such: every
 * reader of ordering's topic also gets the order's shipment and delivery, which only ordering's own readers need. A
 * record without a type goes to the inbox, which dead-letters it as malformed.
 */
final class SubscriptionListener {

    private final Inbox inbox;
    private final Map<String, Subscription> byTopic;

    SubscriptionListener(Inbox inbox, List<Subscription> subscriptions) {
        this.inbox = inbox;
        this.byTopic = subscriptions.stream().collect(Collectors.toMap(Subscription::topic, Function.identity()));
    }

    public void onMessages(List<ConsumerRecord<String, String>> records) {
        List<ConsumerRecord<String, String>> read = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            if (isRead(record)) {
                read.add(record);
            } else {
                inbox.passOver(record);
            }
        }
        if (!read.isEmpty()) {
            inbox.receive(read, record -> byTopic.get(record.topic())::handle);
        }
    }

    private boolean isRead(ConsumerRecord<String, String> record) {
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        return type == null || byTopic.get(record.topic()).types().contains(new String(type.value(), StandardCharsets.UTF_8));
    }
}
