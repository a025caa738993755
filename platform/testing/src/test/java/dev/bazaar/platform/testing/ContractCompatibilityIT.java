package dev.bazaar.platform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event schema is compatible with the version last released (contracts/baseline/): a consumer reading the
 * whole history of a topic never meets an event it cannot read. A breaking change is a new event type.
 */
class ContractCompatibilityIT {

    private static final Path CONTRACTS = Path.of("../../contracts").toAbsolutePath().normalize();
    private static final Path BASELINE = CONTRACTS.resolve("baseline");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String RELEASED = """
            {"type": "object", "additionalProperties": false, "required": ["orderId"],
             "properties": {
               "orderId": {"type": "string", "format": "uuid"},
               "reason": {"type": "string", "maxLength": 200},
               "total": {"$ref": "#/$defs/price"},
               "lines": {"type": "array", "items": {"type": "object", "properties": {"quantity": {"type": "integer", "minimum": 1}}}}
             },
             "$defs": {"price": {"type": "object", "properties": {"amount": {"type": "number"}, "currency": {"type": "string"}}}}}""";

    @Test
    void everySchemaIsCompatibleWithItsReleasedVersion() throws IOException {
        List<String> breaks = new ArrayList<>();
        try (Stream<Path> released = Files.walk(BASELINE)) {
            for (Path baseline : released.filter(path -> path.toString().endsWith(".schema.json")).toList()) {
                Path current = CONTRACTS.resolve(BASELINE.relativize(baseline));
                if (!Files.exists(current)) {
                    breaks.add(BASELINE.relativize(baseline) + ": the event type was removed; its events stay on the topic");
                    continue;
                }
                SchemaCompatibility.breakingChanges(read(baseline), read(current))
                        .forEach(change -> breaks.add("contracts/" + BASELINE.relativize(baseline) + ": " + change));
            }
        }
        assertThat(breaks).as("changes that would break a consumer; a breaking change is a new event type").isEmpty();
    }

    @Test
    void everySchemaHasBeenReleased() throws IOException {
        try (Stream<Path> schemas = Files.walk(CONTRACTS, 2)) {
            assertThat(schemas.filter(path -> path.toString().endsWith(".schema.json")))
                    .as("schemas without a released version in contracts/baseline/ (copy it there when you release it)")
                    .allSatisfy(schema -> assertThat(BASELINE.resolve(CONTRACTS.relativize(schema))).exists());
        }
    }

    @Test
    void aRemovedOrRenamedFieldBreaks() {
        assertThat(changes(RELEASED.replace("\"reason\"", "\"why\""))).containsExactly("field 'reason' removed (or renamed)");
    }

    @Test
    void aNewRequiredFieldBreaks() {
        assertThat(changes(RELEASED.replace("\"required\": [\"orderId\"]", "\"required\": [\"orderId\", \"reason\"]")))
                .containsExactly("field 'reason' is newly required");
    }

    @Test
    void aNarrowedTypeBreaksEvenBehindAReference() {
        assertThat(changes(RELEASED.replace("\"amount\": {\"type\": \"number\"}", "\"amount\": {\"type\": \"integer\"}")))
                .containsExactly("field 'total.amount' narrowed its type from [number] to [integer]");
        assertThat(changes(RELEASED.replace("\"quantity\": {\"type\": \"integer\", \"minimum\": 1}", "\"quantity\": {\"type\": \"integer\", \"minimum\": 2}")))
                .containsExactly("field 'lines[].quantity' tightened minimum from 1 to 2");
        assertThat(changes(RELEASED.replace("\"maxLength\": 200", "\"maxLength\": 100")))
                .containsExactly("field 'reason' tightened maxLength from 200 to 100");
    }

    @Test
    void anOptionalFieldAddedOrALimitWidenedIsCompatible() {
        assertThat(changes(RELEASED.replace("\"reason\": {", "\"note\": {\"type\": \"string\"}, \"reason\": {")
                .replace("\"maxLength\": 200", "\"maxLength\": 500")
                .replace("\"quantity\": {\"type\": \"integer\"", "\"quantity\": {\"type\": \"number\""))).isEmpty();
    }

    private static List<String> changes(String current) {
        return SchemaCompatibility.breakingChanges(JSON.readTree(RELEASED), JSON.readTree(current));
    }

    private static JsonNode read(Path file) {
        return JSON.readTree(file.toFile());
    }
}
