package dev.bazaar.platform.work;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Whether the service's background work can run: every {@link Worker} alive and beating, every Kafka listener
 * container in the state it was put in (one whose consumer died is not). Part of the liveness group: a process that
 * answers HTTP but no longer relays its outbox or reads its topics is not live, and is restarted.
 */
public class WorkersHealth implements HealthIndicator {

    private final List<Worker> workers;
    private final KafkaListenerEndpointRegistry listeners;

    public WorkersHealth(List<Worker> workers, KafkaListenerEndpointRegistry listeners) {
        this.workers = workers;
        this.listeners = listeners;
    }

    @Override
    public Health health() {
        Map<String, String> troubles = new LinkedHashMap<>();
        for (Worker worker : workers) {
            String trouble = worker.trouble();
            if (trouble != null) {
                troubles.put(worker.name(), trouble);
            }
        }
        if (listeners != null) {
            for (MessageListenerContainer container : listeners.getListenerContainers()) {
                if (!container.isInExpectedState()) {
                    troubles.put(container.getListenerId(), "its consumer stopped");
                }
            }
        }
        Health.Builder health = troubles.isEmpty() ? Health.up() : Health.down();
        return health.withDetail("workers", workers.stream().map(Worker::name).toList()).withDetails(troubles).build();
    }
}
