package dev.bazaar.check;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository under test is: the directory above the working one that holds topology.yaml. */
final class Repositories {

    private Repositories() {
    }

    static Path bazaar() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("topology.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no topology.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path sample() {
        return bazaar().resolve("samples/distributed-monolith");
    }
}
