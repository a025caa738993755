package dev.bazaar.launcher;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

import dev.bazaar.platform.topology.Topology;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuildTest {

    private static final Topology MAP = Topology.bundled();

    private static final FileTime EARLY = FileTime.fromMillis(1_000);
    private static final FileTime LATER = FileTime.fromMillis(2_000);
    private static final FileTime LATEST = FileTime.fromMillis(3_000);

    @Test
    void aMissingJarIsStale() {
        assertThat(Build.isStale(Optional.empty(), Optional.empty(), EARLY)).isTrue();
    }

    @Test
    void aJarNewerThanItsSourcesIsFresh() {
        assertThat(Build.isStale(Optional.of(LATER), Optional.empty(), EARLY)).isFalse();
    }

    @Test
    void aSourceChangedAfterTheJarMakesItStale() {
        assertThat(Build.isStale(Optional.of(EARLY), Optional.empty(), LATER)).isTrue();
    }

    @Test
    void aBuildThatLeftTheJarUntouchedStillCounts() {
        // The source was touched after the jar, but a later build found nothing to change in the jar.
        assertThat(Build.isStale(Optional.of(EARLY), Optional.of(LATEST), LATER)).isFalse();
    }

    @Test
    void aSourceChangedAfterTheLastBuildMakesItStaleAgain() {
        assertThat(Build.isStale(Optional.of(EARLY), Optional.of(LATER), LATEST)).isTrue();
    }

    @Test
    void aServiceIsMadeFromItsModuleThePlatformAndTheContracts() {
        Path root = Path.of("/repo");
        List<Path> platform = List.of(root.resolve("platform/chassis"), root.resolve("platform/testing"));

        assertThat(Build.inputs(root, MAP.component("ordering"), platform)).containsExactlyInAnyOrder(
                root.resolve("pom.xml"),
                root.resolve("services/ordering/pom.xml"),
                root.resolve("services/ordering/src/main"),
                root.resolve("platform/chassis/pom.xml"),
                root.resolve("platform/chassis/src/main"),
                root.resolve("platform/testing/pom.xml"),
                root.resolve("platform/testing/src/main"),
                root.resolve("contracts"));
    }

    @Test
    void theGatewayIsMadeFromItsOwnModuleAndTheMapOfItsRoutes() {
        Path root = Path.of("/repo");

        assertThat(Build.inputs(root, MAP.component("gateway"), List.of(root.resolve("platform/chassis")))).containsExactlyInAnyOrder(
                root.resolve("pom.xml"), root.resolve("gateway/pom.xml"), root.resolve("gateway/src/main"),
                root.resolve("platform/topology/pom.xml"), root.resolve("platform/topology/src/main"), root.resolve("topology.yaml"));
    }

    @Test
    void theConsoleIsMadeFromItsOwnModuleTheMapAndTheObjectives() {
        Path root = Path.of("/repo");

        assertThat(Build.inputs(root, MAP.component("console"), List.of(root.resolve("platform/chassis")))).containsExactlyInAnyOrder(
                root.resolve("pom.xml"), root.resolve("console/pom.xml"), root.resolve("console/src/main"),
                root.resolve("platform/topology/pom.xml"), root.resolve("platform/topology/src/main"), root.resolve("topology.yaml"),
                root.resolve("platform/slo/pom.xml"), root.resolve("platform/slo/src/main"), root.resolve("slos.yaml"));
    }

    @Test
    void showsTheModuleBeingBuiltErrorsAndTheOutcome() {
        assertThat(Build.progressLine("[INFO] Building Bazaar catalog 0.1.0-SNAPSHOT                                [4/9]"))
                .contains("[4/9] Bazaar catalog");
        assertThat(Build.progressLine("[ERROR] /repo/Foo.java:[3,1] cannot find symbol"))
                .contains("[ERROR] /repo/Foo.java:[3,1] cannot find symbol");
        assertThat(Build.progressLine("[INFO] BUILD SUCCESS")).contains("BUILD SUCCESS");
        assertThat(Build.progressLine("[INFO] --- compiler:3.14.1:compile (default-compile) @ catalog ---")).isEmpty();
        assertThat(Build.progressLine("[INFO] Building jar: /repo/services/catalog/target/catalog.jar")).isEmpty();
    }
}
