package dev.bazaar.platform.testing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.platform.messaging.InboundEvent;
import dev.bazaar.platform.messaging.Inbox;
import dev.bazaar.platform.messaging.Outbox;

/** The smallest service there is: it consumes its own topic through the inbox and publishes through the outbox. */
@SpringBootApplication
class ProbeApplication {

    record Ping(String text) {
    }

    @Component
    static class Probe {

        private final Inbox inbox;
        private final Outbox outbox;
        private final JdbcClient jdbc;

        Probe(Inbox inbox, Outbox outbox, JdbcClient jdbc) {
            this.inbox = inbox;
            this.outbox = outbox;
            this.jdbc = jdbc;
        }

        @KafkaListener(topics = "probe.events")
        void on(ConsumerRecord<String, String> record) {
            inbox.receive(record, this::apply);
        }

        private void apply(InboundEvent event) {
            if (!event.type().equals("Pinged")) {
                return;
            }
            Ping ping = event.payload(Ping.class);
            if ("fail".equals(ping.text())) {
                throw new IllegalStateException("the probe was told to fail");
            }
            jdbc.sql("insert into probe_effect (event_id, subject, payload) values (?, ?, ?)")
                    .params(event.id(), event.subject(), ping.text()).update();
        }

        @Transactional
        public void ping(String subject, String text) {
            outbox.append("Pinged", subject, new Ping(text));
        }
    }
}
