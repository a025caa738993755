package dev.bazaar.platform.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * docs/topology.md, generated from the map: a Mermaid diagram (rendered by any Git host) and the tables of
 * components and of who reads which event. The build checks that the page in the repository is this one.
 */
public final class TopologyDocs {

    /** Where the page lives, relative to the repository root. */
    public static final String PATH = "docs/topology.md";

    private TopologyDocs() {
    }

    public static String markdown(Topology topology) {
        StringBuilder page = new StringBuilder();
        page.append("# The platform's map\n\n")
                .append("<!-- Generated from topology.yaml by './bazaar topology --write-docs'. Do not edit: edit the YAML. -->\n\n")
                .append("Generated from [`topology.yaml`](../topology.yaml), which the launcher, the gateway and the tests read.\n")
                .append("Solid arrows are HTTP (only at the edge: the gateway to the services); dotted ones are events on\n")
                .append("Kafka, from the topic's owner to the topic, and from the topic to each service that reads it.\n\n");
        page.append("```mermaid\n").append(diagram(topology)).append("```\n\n");
        page.append("## Components\n\n").append(componentTable(topology)).append('\n');
        page.append("## Subscriptions\n\n").append(subscriptionTable(topology));
        return page.toString();
    }

    static String diagram(Topology topology) {
        StringBuilder mermaid = new StringBuilder("flowchart LR\n");
        mermaid.append("    client([client])\n");
        for (Component component : topology.components()) {
            switch (component.kind()) {
                case POSTGRES -> mermaid.append("    ").append(component.name()).append("[(\"PostgreSQL :").append(component.port())
                        .append("<br/>").append(topology.services().stream().map(Component::database).collect(Collectors.joining(", ")))
                        .append("\")]\n");
                case KAFKA -> {
                    mermaid.append("    subgraph ").append(component.name()).append("[\"Kafka :").append(component.port()).append("\"]\n");
                    for (Component service : topology.services()) {
                        mermaid.append("        ").append(node(service.topic())).append("{{\"").append(service.topic()).append("\"}}\n");
                    }
                    mermaid.append("    end\n");
                }
                case ZIPKIN -> mermaid.append("    ").append(component.name()).append("[/\"Zipkin :").append(component.port())
                        .append("<br/>spans from every process\"/]\n");
                case CONSOLE -> mermaid.append("    ").append(component.name()).append("[\\\"console :").append(component.port())
                        .append("<br/>metrics of every process, for staff\"\\]\n");
                case STOREFRONT -> mermaid.append("    ").append(component.name()).append("[/\"storefront :").append(component.port())
                        .append("<br/>the shop's pages, for people\"\\]\n");
                default -> mermaid.append("    ").append(component.name()).append("[\"").append(component.name()).append(" :")
                        .append(component.port()).append(component.instances() > 1 ? " ×" + component.instances() : "").append("\"]\n");
            }
        }
        topology.ofKind(Kind.GATEWAY).forEach(gateway -> mermaid.append("    client -->|HTTP| ").append(gateway.name()).append('\n'));
        // The storefront is a client too: a browser's pages, whose calls go through the gateway with the shopper's token.
        for (Component storefront : topology.ofKind(Kind.STOREFRONT)) {
            mermaid.append("    client -->|pages| ").append(storefront.name()).append('\n');
            topology.ofKind(Kind.GATEWAY).forEach(gateway -> mermaid.append("    ").append(storefront.name())
                    .append(" -->|\"HTTP, the shopper's token\"| ").append(gateway.name()).append('\n'));
        }
        for (Component gateway : topology.ofKind(Kind.GATEWAY)) {
            for (Component service : topology.components()) {
                if (!service.routes().isEmpty() && service != gateway) {
                    mermaid.append("    ").append(gateway.name()).append(" -->|\"").append(String.join("<br/>", service.routes()))
                            .append("\"| ").append(service.name()).append('\n');
                }
            }
        }
        for (Component service : topology.services()) {
            mermaid.append("    ").append(service.name()).append(" -.-> ").append(node(service.topic())).append('\n');
            service.consumes().forEach((topic, types) -> mermaid.append("    ").append(node(topic)).append(" -.->|\"")
                    .append(String.join("<br/>", types)).append("\"| ").append(service.name()).append('\n'));
        }
        for (Component postgres : topology.ofKind(Kind.POSTGRES)) {
            for (Component service : topology.services()) {
                mermaid.append("    ").append(service.name()).append(" --- ").append(postgres.name()).append('\n');
            }
        }
        return mermaid.toString();
    }

    static String componentTable(Topology topology) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"component", "kind", "port", "instances", "database", "topic", "publishes", "consumes", "routes", "waits for"});
        for (Component component : topology.components()) {
            String port = component.port() + (component.controllerPort() == 0 ? "" : ", " + component.controllerPort() + " (controller)");
            String consumes = component.consumes().entrySet().stream()
                    .map(entry -> "`" + entry.getKey() + "`: " + String.join(", ", entry.getValue()))
                    .collect(Collectors.joining("<br>"));
            rows.add(new String[] {"`" + component.name() + "`", component.kind().label(), port,
                    component.kind() == Kind.SERVICE ? Integer.toString(component.instances()) : "",
                    code(component.database()), code(component.topic()), String.join(", ", component.publishes()), consumes,
                    component.routes().stream().map(TopologyDocs::code).collect(Collectors.joining("<br>")),
                    String.join(", ", component.waitsFor())});
        }
        return table(rows);
    }

    static String subscriptionTable(Topology topology) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"event", "topic", "producer", "consumers", "schema"});
        for (Component producer : topology.services()) {
            for (String type : producer.publishes()) {
                String consumers = topology.consumersOf(producer.topic()).stream()
                        .filter(consumer -> consumer.consumes().get(producer.topic()).contains(type))
                        .map(Component::name)
                        .collect(Collectors.joining(", "));
                rows.add(new String[] {type, code(producer.topic()), producer.name(), consumers.isEmpty() ? "—" : consumers,
                        "[schema](../contracts/" + producer.name() + "/" + type + ".schema.json)"});
            }
        }
        return table(rows);
    }

    private static String table(List<String[]> rows) {
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            table.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
            if (i == 0) {
                table.append("|").append("---|".repeat(rows.get(0).length)).append('\n');
            }
        }
        return table.toString();
    }

    private static String code(String text) {
        return text == null || text.isEmpty() ? "" : "`" + text + "`";
    }

    private static String node(String topic) {
        return topic.replace('.', '_');
    }
}
