package dev.bazaar.platform.testing;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import dev.bazaar.platform.topology.Component;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every schema in contracts/ is valid and its examples conform to it, so consumers test against real shapes. */
class ContractExamplesIT {

    @TestFactory
    Stream<DynamicTest> everyExampleConformsToItsSchema() throws IOException {
        return schemas().stream().map(schema -> DynamicTest.dynamicTest(schema[0] + "/" + schema[1], () ->
                Contracts.examples(schema[0], schema[1]).forEach(example -> Contracts.assertConforms(schema[0], schema[1], example))));
    }

    @Test
    void everyServiceThatPublishesHasContracts() throws IOException {
        assertThat(schemas().stream().map(schema -> schema[0]).distinct())
                .containsExactlyInAnyOrderElementsOf(TopologyConformance.topology().services().stream().map(Component::name).toList());
    }

    @Test
    void aPayloadMissingARequiredFieldIsRejected() {
        assertThatThrownBy(() -> Contracts.assertConforms("ordering", "OrderCancelled", "{\"orderId\":\"7f1c2a9e-3b4d-4e5f-8a6b-1c2d3e4f5a6b\"}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("reason");
    }

    /** [producer, type] of every schema on the classpath. */
    private static List<String[]> schemas() throws IOException {
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:contracts/*/*.schema.json");
        return Arrays.stream(resources).map(resource -> {
            try {
                String path = resource.getURL().toString();
                String[] parts = path.substring(path.lastIndexOf("contracts/") + "contracts/".length()).split("/");
                return new String[] {parts[0], parts[1].replace(".schema.json", "")};
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
