package dev.bazaar.platform.testing;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.platform.messaging.EventType;
import dev.bazaar.platform.messaging.Outbox;
import dev.bazaar.platform.messaging.Subscription;
import dev.bazaar.platform.work.Worker;

/** The smallest service there is: it consumes its own topic through the inbox and publishes through the outbox. */
@SpringBootApplication
class ProbeApplication {

    /** A background loop of the probe's own, which a test can make die. */
    @Bean
    Worker probeChores(Probe probe) {
        return new Worker("probe-chores", Duration.ofMillis(50), probe::chore);
    }

    /** What a client may post to the probe: the chassis reads it as strictly as any service's request. */
    record Note(String text, Integer count) {
    }

    @org.springframework.web.bind.annotation.RestController
    static class Notes {

        @org.springframework.web.bind.annotation.PostMapping("/probe/notes")
        Note post(@org.springframework.web.bind.annotation.RequestBody Note note) {
            return note;
        }

        /** Needs a token: who the chassis says is calling. */
        @org.springframework.web.bind.annotation.GetMapping("/probe/caller")
        dev.bazaar.platform.web.Caller caller(dev.bazaar.platform.web.Caller caller) {
            return caller;
        }

        /** Staff only, by the probe's access rules. */
        @org.springframework.web.bind.annotation.DeleteMapping("/probe/notes/{id}")
        void delete(@org.springframework.web.bind.annotation.PathVariable String id) {
        }
    }

    @EventType("Pinged")
    record Ping(String text) {
    }

    /** What the probe reads from its own topic (a real service reads others' topics only). */
    @Component
    static class ProbeEvents extends Subscription {

        ProbeEvents(Probe probe) {
            super("probe.events");
            on("Pinged", Ping.class, (ping, event) -> new Pinged(event.id(), event.subject(), required(ping.text(), "text")),
                    probe::apply);
        }
    }

    record Pinged(String eventId, String subject, String text) {
    }

    @Component
    static class Probe {

        private final Outbox outbox;
        private final JdbcClient jdbc;
        /** Subjects whose events fail until repaired: a cause an operator fixes before redriving. */
        private final Set<String> broken = ConcurrentHashMap.newKeySet();
        /** Subjects whose events fail as a database away would, until it is back. */
        private final Set<String> unreachable = ConcurrentHashMap.newKeySet();

        Probe(Outbox outbox, JdbcClient jdbc) {
            this.outbox = outbox;
            this.jdbc = jdbc;
        }

        void apply(Pinged ping) {
            if ("fail".equals(ping.text())) {
                throw new IllegalStateException("the probe was told to fail");
            }
            if (broken.contains(ping.subject())) {
                throw new IllegalStateException("the probe is broken for " + ping.subject());
            }
            if (unreachable.contains(ping.subject())) {
                throw new DataAccessResourceFailureException("the probe's database is away for " + ping.subject());
            }
            jdbc.sql("insert into probe_effect (event_id, subject, payload) values (?, ?, ?)")
                    .params(ping.eventId(), ping.subject(), ping.text()).update();
        }

        /** Whether the probe's chores die at their next step, as a thread does on an error the JVM cannot go on after. */
        private volatile boolean choresDoomed;

        void doomChores(boolean doomed) {
            choresDoomed = doomed;
        }

        boolean chore() {
            if (choresDoomed) {
                throw new InternalError("the probe's chores were told to die");
            }
            return false;
        }

        void breakFor(String subject) {
            broken.add(subject);
        }

        void repair(String subject) {
            broken.remove(subject);
            unreachable.remove(subject);
        }

        void loseDatabaseFor(String subject) {
            unreachable.add(subject);
        }

        @Transactional
        public void ping(String subject, String text) {
            outbox.append(subject, new Ping(text));
        }
    }
}
