package dev.bazaar.launcher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * What the services still have to publish (their outboxes) and to read (their consumer groups' lag). Health
 * says that a process serves; an empty backlog says that it serves from data as new as the platform's. On a
 * fresh platform that is the difference between an order that works and one rejected because inventory has
 * not yet heard of catalog's products, so a start waits for both.
 */
final class Backlogs implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 5;

    private final AdminApi services;
    private final Admin kafka;

    Backlogs(AdminApi services, Map<String, Object> kafkaSettings) {
        this.services = services;
        Map<String, Object> settings = new HashMap<>(kafkaSettings);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        this.kafka = Admin.create(settings);
    }

    /**
     * One phrase per thing still in flight, e.g. "inventory is 24 events behind on catalog.events"; empty when
     * every service's outbox is empty and every service has read every partition assigned to it to the end.
     * The outboxes are read first, so that what they published is counted in the lag read after them.
     */
    List<String> inFlight(Collection<String> serviceNames) {
        List<String> behind = new ArrayList<>();
        for (String service : serviceNames) {
            try {
                long backlog = services.outboxBacklog(service);
                if (backlog > 0) {
                    behind.add(service + " has " + backlog + " events to publish");
                }
            } catch (ServiceUnreachableException e) {
                behind.add(e.getMessage());
            }
        }
        try {
            behind.addAll(consumerLag(serviceNames));
        } catch (ExecutionException | TimeoutException e) {
            behind.add("Kafka did not say how far the consumers are: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while reading the consumers' lag");
        }
        return behind;
    }

    /**
     * A service's consumer groups are named after it (the chassis' convention): {@code inventory} for its own
     * listeners, if it has any, and {@code inventory.dead-letters}, which every service has, for its dead letters.
     */
    List<String> consumerLag(Collection<String> serviceNames) throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = kafka.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                .map(GroupListing::groupId)
                .collect(Collectors.toSet());
        List<String> behind = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (String service : serviceNames) {
            if (!existing.contains(service + ".dead-letters")) {
                behind.add(service + " has not joined its topics yet");
            }
            existing.stream().filter(group -> group.equals(service) || group.startsWith(service + ".")).sorted().forEach(groups::add);
        }
        Map<String, ConsumerGroupDescription> descriptions = groups.isEmpty() ? Map.of()
                : kafka.describeConsumerGroups(groups).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (String group : groups) {
            ConsumerGroupDescription description = descriptions.get(group);
            if (description.groupState() != GroupState.STABLE || description.members().isEmpty()) {
                behind.add(group + " is not consuming (group " + description.groupState().toString().toLowerCase(Locale.ROOT) + ")");
                continue;
            }
            Set<TopicPartition> assigned = description.members().stream()
                    .map(MemberDescription::assignment)
                    .flatMap(assignment -> assignment.topicPartitions().stream())
                    .collect(Collectors.toSet());
            lagByTopic(group, assigned).forEach((topic, lag) ->
                    behind.add(group + " is " + lag + " events behind on " + topic));
        }
        return behind;
    }

    private Map<String, Long> lagByTopic(String group, Set<TopicPartition> assigned)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = offsets(assigned, OffsetSpec.latest());
        // A partition the group has never committed on is read from its start (auto.offset.reset=earliest).
        Set<TopicPartition> uncommitted = assigned.stream()
                .filter(partition -> committed.get(partition) == null)
                .collect(Collectors.toSet());
        Map<TopicPartition, Long> starts = uncommitted.isEmpty() ? Map.of() : offsets(uncommitted, OffsetSpec.earliest());
        Map<String, Long> lag = new TreeMap<>();
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata position = committed.get(partition);
            long read = position == null ? starts.get(partition) : position.offset();
            long unread = ends.get(partition) - read;
            if (unread > 0) {
                lag.merge(partition.topic(), unread, Long::sum);
            }
        }
        return lag;
    }

    /** The offsets a read_committed consumer sees: the services read only committed records. */
    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec));
        return kafka.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    @Override
    public void close() {
        kafka.close();
    }
}
