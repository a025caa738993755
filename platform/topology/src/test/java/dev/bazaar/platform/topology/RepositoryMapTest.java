package dev.bazaar.platform.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

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
