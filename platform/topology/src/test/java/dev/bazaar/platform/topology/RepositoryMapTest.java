package dev.bazaar.platform.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository's own map: it reads, its generated page is current, and every event it names has a schema. */
class RepositoryMapTest {

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

    @Test
    void everyPublishedEventHasASchemaAndEverySchemaIsPublished() throws IOException {
        for (Component service : topology.services()) {
            try (Stream<Path> files = Files.list(ROOT.resolve("contracts").resolve(service.name()))) {
                List<String> schemas = files.map(file -> file.getFileName().toString())
                        .filter(name -> name.endsWith(".schema.json"))
                        .map(name -> name.substring(0, name.length() - ".schema.json".length()))
                        .toList();
                assertThat(schemas).as("contracts/%s against what topology.yaml says it publishes", service.name())
                        .containsExactlyInAnyOrderElementsOf(service.publishes());
            }
        }
    }
}
