package dev.bazaar.platform.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps the inbox to a bounded window ({@code bazaar.messaging.inbox-retention}, a week by default): the ids of events
 * applied before it are deleted, a few thousand at a time, once an hour. Within the window a redelivery is recognised by
 * its id; after it, by the handler, which finds the state the event already led to (an order charged, a reservation
 * made, a replica at a newer version) and changes nothing.
 */
public class InboxRetention {

    private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);
    private static final int BATCH = 5000;
    /** How often the inbox is purged. */
    public static final Duration EVERY = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Duration retention;
    private final Clock clock;

    public InboxRetention(JdbcClient jdbc, MessagingProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.retention = properties.inboxRetention();
        this.clock = clock;
    }

    /** Deletes the ids of events applied before the retention window; returns how many. */
    public int purge() {
        int purged = deleteBefore();
        if (purged > 0) {
            log.info("Purged {} inbox entries older than {}", purged, retention);
        }
        return purged;
    }

    private int deleteBefore() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(retention));
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                    delete from inbox where event_id in (
                        select event_id from inbox where received_at < :cutoff limit :batch)""")
                    .param("cutoff", cutoff)
                    .param("batch", BATCH)
                    .update();
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
