package dev.bazaar.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event schemas in {@code contracts/}: producers check what they emit against them, consumers
 * check that they can read the examples a producer promises.
 */
public final class Contracts {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private Contracts() {
    }

    /**
     * Formats ({@code uuid}, {@code date-time}, {@code email}) are asserted, not only annotated: an order id that is
     * no UUID fails here, as it would fail a consumer.
     *
     * @throws AssertionError listing every violation when the payload does not match the producer's schema
     */
    public static void assertConforms(String producer, String type, String json) {
        List<Error> errors = schema(producer, type).validate(json, InputFormat.JSON,
                (context, schemaContext) -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        if (!errors.isEmpty()) {
            throw new AssertionError(producer + "/" + type + " does not match its schema: "
                    + errors.stream().map(Error::toString).toList() + "\npayload: " + json);
        }
    }

    /** The examples the producer publishes with its schema, as JSON strings. */
    public static List<String> examples(String producer, String type) {
        JsonNode examples = JSON.readTree(read(path(producer, type))).path("examples");
        List<String> result = new ArrayList<>();
        examples.forEach(example -> result.add(JSON.writeValueAsString(example)));
        if (result.isEmpty()) {
            throw new AssertionError(path(producer, type) + " has no examples");
        }
        return result;
    }

    private static Schema schema(String producer, String type) {
        return SCHEMAS.computeIfAbsent(path(producer, type), path -> REGISTRY.getSchema(read(path), InputFormat.JSON));
    }

    static String path(String producer, String type) {
        return "contracts/" + producer + "/" + type + ".schema.json";
    }

    private static String read(String path) {
        try (InputStream in = Contracts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("No schema " + path + " on the classpath: every published event type needs one");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
