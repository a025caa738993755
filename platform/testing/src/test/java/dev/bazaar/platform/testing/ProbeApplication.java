package dev.bazaar.platform.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
        /** Subjects whose events fail until repaired: a cause an operator fixes before redriving. */
        private final Set<String> broken = ConcurrentHashMap.newKeySet();

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
            if (broken.contains(event.subject())) {
                throw new IllegalStateException("the probe is broken for " + event.subject());
            }
            jdbc.sql("insert into probe_effect (event_id, subject, payload) values (?, ?, ?)")
                    .params(event.id(), event.subject(), ping.text()).update();
        }

        void breakFor(String subject) {
            broken.add(subject);
        }

        void repair(String subject) {
            broken.remove(subject);
        }

        @Transactional
        public void ping(String subject, String text) {
            outbox.append("Pinged", subject, new Ping(text));
        }
    }
}
