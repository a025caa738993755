package dev.bazaar.launcher;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import dev.bazaar.platform.topology.Topology;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaAccessTest {

    private static final List<AclBinding> GRANTS = KafkaAccess.grants(Topology.bundled());

    @Test
    void aServiceWritesItsOwnTopicAndDeadLetterTopicAndNoOther() {
        assertThat(topics("ordering", AclOperation.WRITE)).containsExactlyInAnyOrder("ordering.events", "ordering.dlt");
        assertThat(topics("payment", AclOperation.WRITE)).containsExactlyInAnyOrder("payment.events", "payment.dlt");
        assertThat(GRANTS).filteredOn(grant -> grant.entry().operation() == AclOperation.WRITE)
                .allSatisfy(grant -> assertThat(grant.pattern().name())
                        .startsWith(grant.entry().principal().substring("User:".length()) + "."));
    }

    @Test
    void aServiceReadsExactlyItsOwnTopicsAndTheTopicsTheMapSaysItConsumes() {
        Topology topology = Topology.bundled();
        topology.services().forEach(service -> {
            Set<String> expected = new java.util.TreeSet<>(service.consumes().keySet());
            service.ownedTopic().ifPresent(expected::add);
            service.deadLetterTopic().ifPresent(expected::add);
            assertThat(topics(service.name(), AclOperation.READ)).as(service.name()).containsExactlyInAnyOrderElementsOf(expected);
        });
        assertThat(topics("ordering", AclOperation.READ)).contains("payment.events").doesNotContain("customer.dlt");
    }

    @Test
    void grantsOnlyAllowsAndNothingToTheGatewayOrOnTheCluster() {
        assertThat(GRANTS).allSatisfy(grant -> {
            assertThat(grant.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
            assertThat(grant.pattern().resourceType()).isIn(ResourceType.TOPIC, ResourceType.GROUP);
            assertThat(grant.entry().operation()).isNotEqualTo(AclOperation.ALL);
        });
        assertThat(GRANTS).noneMatch(grant -> grant.entry().principal().equals("User:gateway"));
    }

    private static Set<String> topics(String service, AclOperation operation) {
        return GRANTS.stream()
                .filter(grant -> grant.entry().principal().equals("User:" + service))
                .filter(grant -> grant.pattern().resourceType() == ResourceType.TOPIC && grant.entry().operation() == operation)
                .map(grant -> grant.pattern().name())
                .collect(Collectors.toSet());
    }
}
