package dev.bazaar.platform.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository's own map: it reads, its generated page is current, and every event it names has a schema. */
class RepositoryMapIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private final Topology topology = Topology.load(ROOT.resolve(Topology.FILE));

    @Test
    void theGeneratedPageIsCurrent() throws IOException {
        String committed = Files.readString(ROOT.resolve(TopologyDocs.PATH));

        assertThat(committed)
                .as(TopologyDocs.PATH + " is older than topology.yaml: run './bazaar topology --write-docs' and commit it")
                .isEqualTo(TopologyDocs.markdown(topology));
    }

    @Test
    void theEventCatalogAndTheAsyncApiDocumentsAreCurrent() throws IOException {
        for (var generated : new EventCatalog(topology, ROOT.resolve("contracts")).files().entrySet()) {
            Path file = ROOT.resolve(generated.getKey());
            assertThat(Files.exists(file) ? Files.readString(file) : "")
                    .as(generated.getKey() + " is older than topology.yaml or contracts/: run './bazaar topology --write-docs' and commit it")
                    .isEqualTo(generated.getValue());
        }
    }

    @Test
    void anAsyncApiDocumentIsYamlThatNamesWhatItsServiceSendsAndReceives() {
        JsonNode inventory = new YAMLMapper().readTree(new EventCatalog(topology, ROOT.resolve("contracts")).files()
                .get(EventCatalog.ASYNCAPI + "/inventory.yaml"));

        assertThat(inventory.path("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(inventory.path("operations").path("sendInventoryEvents").path("action").asString()).isEqualTo("send");
        assertThat(inventory.path("operations").path("receiveOrderingEvents").path("messages")).hasSize(3);
        assertThat(inventory.path("channels").path("orderingEvents").path("address").asString()).isEqualTo("ordering.events");
    }

    /**
     * No service (nor the gateway) depends on another's module, and the platform on none of them: the one way code
     * could be shared between services is the technical chassis. Read from the POMs, which is where it would creep in.
     */
    @Test
    void noApplicationDependsOnAnotherAndThePlatformOnNone() throws Exception {
        List<String> applications = topology.applications().stream().filter(app -> app.kind().isBuilt()).map(Component::name).toList();
        List<Path> modules = new ArrayList<>(topology.applications().stream().filter(app -> app.kind().isBuilt())
                .map(app -> ROOT.resolve(app.module())).toList());
        try (Stream<Path> platform = Files.list(ROOT.resolve("platform"))) {
            platform.filter(Files::isDirectory).forEach(modules::add);
        }
        for (Path module : modules) {
            Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(module.resolve("pom.xml").toFile());
            String own = ((Element) pom.getDocumentElement().getElementsByTagName("artifactId").item(1)).getTextContent();
            NodeList dependencies = pom.getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element dependency = (Element) dependencies.item(i);
                String group = dependency.getElementsByTagName("groupId").item(0).getTextContent();
                String artifact = dependency.getElementsByTagName("artifactId").item(0).getTextContent();
                assertThat(group.equals("dev.bazaar") && applications.contains(artifact) && !artifact.equals(own))
                        .as(ROOT.relativize(module) + "/pom.xml depends on the application " + artifact).isFalse();
            }
        }
    }

    @Test
    void everyPublishedEventHasASchemaAndEverySchemaIsPublishedOrRetired() throws IOException {
        EventCatalog catalog = new EventCatalog(topology, ROOT.resolve("contracts"));
        for (Component service : topology.services()) {
            try (Stream<Path> files = Files.list(ROOT.resolve("contracts").resolve(service.name()))) {
                List<String> retired = catalog.retired(service);
                List<String> schemas = files.map(file -> file.getFileName().toString())
                        .filter(name -> name.endsWith(".schema.json"))
                        .map(name -> name.substring(0, name.length() - ".schema.json".length()))
                        .filter(type -> !retired.contains(type))
                        .toList();
                assertThat(schemas).as("contracts/%s (but the retired, \"deprecated\": true) against what topology.yaml says it publishes",
                                service.name())
                        .containsExactlyInAnyOrderElementsOf(service.publishes());
                assertThat(retired).as("retired types of %s that topology.yaml still says it publishes", service.name())
                        .doesNotContainAnyElementsOf(service.publishes());
            }
        }
    }
}
