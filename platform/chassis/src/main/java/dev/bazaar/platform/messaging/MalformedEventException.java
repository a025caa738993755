package dev.bazaar.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A message that can never be processed, however often it is retried: it goes straight to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    MalformedEventException(String problem, ConsumerRecord<?, ?> record) {
        this("Malformed event at " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + problem);
    }
}
