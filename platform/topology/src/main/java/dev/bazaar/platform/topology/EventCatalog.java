package dev.bazaar.platform.topology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events of the platform for people and for tools, generated from the map and the schemas: docs/events.md (every
 * event with its producer, consumers, schema and an example) and an AsyncAPI 3 document per service
 * (docs/asyncapi/&lt;service&gt;.yaml) of what it sends and receives. The build checks that both are current.
 */
public final class EventCatalog {

    public static final String PAGE = "docs/events.md";
    public static final String ASYNCAPI = "docs/asyncapi";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Topology topology;
    private final Path contracts;

    /** @param contracts the repository's contracts/ directory */
    public EventCatalog(Topology topology, Path contracts) {
        this.topology = topology;
        this.contracts = contracts;
    }

    /** Every file this generates, by its path relative to the repository root. */
    public Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(PAGE, page());
        topology.services().forEach(service -> files.put(ASYNCAPI + "/" + service.name() + ".yaml", asyncApi(service)));
        return files;
    }

    String page() {
        StringBuilder page = new StringBuilder("# Event catalog\n\n")
                .append("<!-- Generated from topology.yaml and contracts/ by './bazaar topology --write-docs'. Do not edit. -->\n\n")
                .append("Every event the platform publishes: who produces it, on which topic, who consumes it, its schema and\n")
                .append("an example payload. Metadata travels as CloudEvents headers (`ce_id`, `ce_type`, `ce_source`, `ce_time`,\n")
                .append("`ce_subject`, `traceparent`, and `baggage` with the order's id); the key is the aggregate's id. Each service's\n")
                .append("AsyncAPI 3 document is in\n")
                .append("[asyncapi/](asyncapi/).\n");
        for (Component producer : topology.services()) {
            page.append("\n## ").append(producer.name()).append(" — `").append(producer.topic()).append("`\n");
            for (String type : producer.publishes()) {
                JsonNode schema = schema(producer, type);
                String consumers = consumersOf(producer, type).stream().map(Component::name).collect(Collectors.joining(", "));
                page.append("\n### ").append(type).append("\n\n")
                        .append(schema.path("description").asString("")).append("\n\n")
                        .append("- consumed by: ").append(consumers.isEmpty() ? "nobody yet" : consumers).append('\n')
                        .append("- schema: [contracts/").append(producer.name()).append('/').append(type).append(".schema.json](../contracts/")
                        .append(producer.name()).append('/').append(type).append(".schema.json)\n\n")
                        .append("```json\n").append(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schema.path("examples").path(0)))
                        .append("\n```\n");
            }
            List<String> retired = retired(producer);
            if (!retired.isEmpty()) {
                page.append("\nRetired (no longer published; their events stay on the topic, so their schemas stay): ")
                        .append(retired.stream().map(type -> "[" + type + "](../contracts/" + producer.name() + "/" + type + ".schema.json)")
                                .collect(Collectors.joining(", ")))
                        .append(".\n");
            }
        }
        return page.toString();
    }

    /** The event types a service once published: their schemas are kept, marked {@code "deprecated": true}. */
    public List<String> retired(Component producer) {
        try (var files = Files.list(contracts.resolve(producer.name()))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".schema.json"))
                    .filter(file -> JSON.readTree(file.toFile()).path("deprecated").asBoolean(false))
                    .map(file -> file.getFileName().toString().replace(".schema.json", ""))
                    .sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String asyncApi(Component service) {
        StringBuilder yaml = new StringBuilder("# Generated from topology.yaml and contracts/ by './bazaar topology --write-docs'. Do not edit.\n")
                .append("asyncapi: 3.0.0\n")
                .append("info:\n")
                .append("  title: Bazaar ").append(service.name()).append('\n')
                .append("  version: 0.1.0\n")
                .append("  description: ").append(quoted(service.description() + "; what it publishes on its topic and reads from others'")).append('\n')
                .append("defaultContentType: application/json\n")
                .append("servers:\n")
                .append("  local:\n")
                .append("    host: 127.0.0.1:").append(topology.ofKind(Kind.KAFKA).get(0).port()).append('\n')
                .append("    protocol: kafka\n")
                .append("channels:\n");
        List<String> operations = new ArrayList<>();
        channel(yaml, service.topic(), service.publishes(), service.name());
        operations.add(operation("send", service.topic(), service.publishes()));
        service.consumes().forEach((topic, types) -> {
            Component producer = topology.ownerOf(topic).orElseThrow();
            channel(yaml, topic, types, producer.name());
            operations.add(operation("receive", topic, types));
        });
        yaml.append("operations:\n");
        operations.forEach(yaml::append);
        yaml.append("components:\n")
                .append("  messageTraits:\n")
                .append("    cloudEvent:\n")
                .append("      headers:\n")
                .append("        type: object\n")
                .append("        required: [ce_id, ce_type, ce_source, ce_time, ce_specversion]\n")
                .append("        properties:\n");
        for (String header : List.of("ce_id", "ce_type", "ce_source", "ce_time", "ce_subject", "ce_specversion", "traceparent", "baggage")) {
            yaml.append("          ").append(header).append(": {type: string}\n");
        }
        return yaml.toString();
    }

    private void channel(StringBuilder yaml, String topic, List<String> types, String producer) {
        yaml.append("  ").append(id(topic)).append(":\n")
                .append("    address: ").append(topic).append('\n')
                .append("    messages:\n");
        for (String type : types) {
            yaml.append("      ").append(type).append(":\n")
                    .append("        name: ").append(type).append('\n')
                    .append("        summary: ").append(quoted(schema(topology.component(producer), type).path("description").asString(""))).append('\n')
                    .append("        traits:\n")
                    .append("          - $ref: '#/components/messageTraits/cloudEvent'\n")
                    .append("        payload:\n")
                    .append("          schemaFormat: application/schema+json;version=draft-07\n")
                    .append("          schema:\n")
                    .append("            $ref: '../../contracts/").append(producer).append('/').append(type).append(".schema.json'\n");
        }
    }

    private static String operation(String action, String topic, List<String> types) {
        StringBuilder operation = new StringBuilder("  ").append(action).append(Character.toUpperCase(id(topic).charAt(0)))
                .append(id(topic).substring(1)).append(":\n")
                .append("    action: ").append(action).append('\n')
                .append("    channel:\n")
                .append("      $ref: '#/channels/").append(id(topic)).append("'\n")
                .append("    messages:\n");
        types.forEach(type -> operation.append("      - $ref: '#/channels/").append(id(topic)).append("/messages/").append(type).append("'\n"));
        return operation.toString();
    }

    private List<Component> consumersOf(Component producer, String type) {
        return topology.consumersOf(producer.topic()).stream()
                .filter(consumer -> consumer.consumes().get(producer.topic()).contains(type)).toList();
    }

    private JsonNode schema(Component producer, String type) {
        Path file = contracts.resolve(producer.name()).resolve(type + ".schema.json");
        if (!Files.isRegularFile(file)) {
            throw new TopologyException(producer.name() + " publishes " + type + " but " + file + " does not exist");
        }
        return JSON.readTree(file.toFile());
    }

    /** {@code catalog.events} as an AsyncAPI channel id, which allows no dots: {@code catalogEvents}. */
    private static String id(String topic) {
        String[] parts = topic.split("\\.");
        StringBuilder id = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            id.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return id.toString();
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
