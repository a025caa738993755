package dev.bazaar.launcher;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import dev.bazaar.platform.topology.Component;
import dev.bazaar.platform.topology.Topology;

/**
 * Who may do what on Kafka, derived from the map as PostgreSQL's grants are: each service is a principal of its own
 * name, which may create, write and read its own topic and dead-letter topic, read the topics it consumes, and use
 * the consumer groups named after it. Nothing else: no service can write another's topic, so an event on
 * {@code payment.events} was written by payment. The launcher is the superuser {@code admin}.
 */
final class KafkaAccess {

    static final String ADMIN = "admin";

    private KafkaAccess() {
    }

    static List<AclBinding> grants(Topology topology) {
        List<AclBinding> grants = new ArrayList<>();
        for (Component service : topology.components()) {
            if (!service.usesKafka()) {
                continue;
            }
            String principal = principal(service.name());
            List<String> owned = new ArrayList<>();
            service.ownedTopic().ifPresent(owned::add);
            service.deadLetterTopic().ifPresent(owned::add);
            for (String topic : owned) {
                for (AclOperation operation : List.of(AclOperation.CREATE, AclOperation.WRITE, AclOperation.READ,
                        AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS)) {
                    grants.add(allow(principal, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), operation));
                }
            }
            for (String topic : service.consumes().keySet()) {
                for (AclOperation operation : List.of(AclOperation.READ, AclOperation.DESCRIBE)) {
                    grants.add(allow(principal, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), operation));
                }
            }
            // Its listeners' group (its name) and its dead-letter listener's (<name>.dead-letters).
            grants.add(allow(principal, new ResourcePattern(ResourceType.GROUP, service.name(), PatternType.PREFIXED), AclOperation.READ));
        }
        return grants;
    }

    static String principal(String name) {
        return "User:" + name;
    }

    private static AclBinding allow(String principal, ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
