package dev.bazaar.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scorecard of a repository, from its files only (no network): {@code ./bazaar check <path> [--format json]} prints
 * it, and exits 1 when a sign is present.
 */
public final class Check {

    private Check() {
    }

    /** Every sign for the repository at {@code repository}; those not built yet are NOT_ANALYSED. */
    public static Scorecard run(Path repository) {
        Path root = repository.toAbsolutePath().normalize();
        Optional<Build> build = Build.read(root);
        List<SignResult> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        build.ifPresent(b -> b.separateBuilds().forEach(dir -> notes.add(b.relative(dir)
                + " left out: a separate build (aggregated here, but it inherits from nothing in this one)")));
        if (build.isPresent()) {
            results.add(SharedDatabase.analyse(build.get()));
            results.add(SharedLibraries.analyse(build.get()));
        } else {
            results.add(SignResult.notAnalysed(Sign.SHARED_DATABASE, "no Maven build (pom.xml) at the root"));
            results.add(SignResult.notAnalysed(Sign.SHARED_LIBRARIES, "no Maven build (pom.xml) at the root"));
        }
        for (Sign sign : Sign.values()) {
            if (sign != Sign.SHARED_DATABASE && sign != Sign.SHARED_LIBRARIES) {
                results.add(SignResult.notAnalysed(sign, "not built yet"));
            }
        }
        return new Scorecard(root.getFileName() == null ? root.toString() : root.getFileName().toString(), notes,
                results);
    }
}
