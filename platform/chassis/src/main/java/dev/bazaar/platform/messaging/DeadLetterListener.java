package dev.bazaar.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Reads this service's dead-letter topic into {@link DeadLetters}, in a consumer group of its own so
 * that the service's other listeners keep their offsets. Its container has its own error handling
 * (see {@link MessagingAutoConfiguration}): a dead letter that cannot be stored must never be
 * dead-lettered again into the topic it is being read from.
 */
class DeadLetterListener {

    private final DeadLetters deadLetters;

    DeadLetterListener(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    // Dead letters are rare, and nothing waits for one to be stored: an idle fetch waits at the broker ten times as long
    // as the subscriptions' (a dead letter that arrives ends it at once; a retry to store one may wait for the fetch in
    // flight). Seven such consumers, one a service, asked the broker for nothing seven times a second, half its idle fetches.
    @KafkaListener(id = "bazaar-dead-letters", topics = "${bazaar.messaging.dead-letter-topic}",
            groupId = "${bazaar.messaging.service}.dead-letters", containerFactory = MessagingAutoConfiguration.DEAD_LETTER_CONTAINER_FACTORY,
            properties = "fetch.max.wait.ms=10000")
    void on(ConsumerRecord<String, String> dead) {
        deadLetters.store(dead);
    }
}
