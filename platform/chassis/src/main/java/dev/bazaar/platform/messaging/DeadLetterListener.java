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

    // Its idle fetch waits at the broker as long as the subscriptions' (spring.kafka.consumer.fetch-max-wait), not longer:
    // a consumer's close waits for the fetch in flight (the broker answers a connection's requests in order), so the
    // 10 s this waited before made every graceful stop of a service, and each step of a rolling restart, 8-10 s longer.
    @KafkaListener(id = "bazaar-dead-letters", topics = "${bazaar.messaging.dead-letter-topic}",
            groupId = "${bazaar.messaging.service}.dead-letters", containerFactory = MessagingAutoConfiguration.DEAD_LETTER_CONTAINER_FACTORY)
    void on(ConsumerRecord<String, String> dead) {
        deadLetters.store(dead);
    }
}
