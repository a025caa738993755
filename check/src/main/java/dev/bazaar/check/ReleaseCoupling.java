package dev.bazaar.check;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sign 7, from git history: services whose files change in the same commits (change coupling, as Code Maat measures
 * it between the services as components), and the share of commits that change more than one service.
 */
public final class ReleaseCoupling {

    /** Two services and how often they change together. */
    record Pair(String a, String b, int revisionsA, int revisionsB, List<History.Commit> shared) {

        /** Code Maat's degree of coupling: shared commits over the average of both services' commits, in percent. */
        int degree() {
            return (int) Math.round(200.0 * shared.size() / (revisionsA + revisionsB));
        }

        /** Whether Code Maat (default options) would report the pair at all. */
        boolean coupled() {
            return revisionsA >= Rules.COUPLING_MIN_REVISIONS && revisionsB >= Rules.COUPLING_MIN_REVISIONS
                    && shared.size() >= Rules.COUPLING_MIN_SHARED && degree() >= Rules.COUPLING_MIN_DEGREE_PERCENT;
        }

        String describe() {
            return a + " and " + b + ": degree " + degree() + "% (" + shared.size() + " shared commits; " + a + " "
                    + revisionsA + ", " + b + " " + revisionsB + ")";
        }
    }

    private static final int COMMITS_SHOWN = 3;

    private ReleaseCoupling() {
    }

    public static SignResult analyse(Build build, Optional<LocalDate> since) {
        List<History.Commit> commits;
        try (History history = History.open(build.root())) {
            commits = history.commits(since);
        } catch (History.Unavailable e) {
            return SignResult.notAnalysed(Sign.RELEASE_COUPLING, e.getMessage());
        }
        Map<History.Commit, Set<String>> touched = new LinkedHashMap<>();
        for (History.Commit c : commits) {
            Set<String> services = services(build, c.paths());
            if (!services.isEmpty()) {
                touched.put(c, services);
            }
        }
        String period = since.map(d -> " since " + d).orElse("");
        if (touched.size() < Rules.RELEASE_COUPLING_MIN_COMMITS) {
            return SignResult.notAnalysed(Sign.RELEASE_COUPLING, "too little history (" + touched.size()
                    + " commits touching services" + period + "; " + Rules.RELEASE_COUPLING_MIN_COMMITS + " needed)");
        }
        // A commit that changes most services at once (a rule or convention applied everywhere) says nothing about
        // which two belong together: it counts in the share of commits spanning services, not in the pairs.
        int everyService = build.services().size();
        Map<History.Commit, Set<String>> sweeping = new LinkedHashMap<>();
        Map<History.Commit, Set<String>> paired = new LinkedHashMap<>();
        // So does a commit that changes the builds of two services or more: a dependency adopted or upgraded in each
        // (a framework, a tracer, a registry client) is a technical sweep, whatever code comes with it.
        touched.forEach((c, services) -> (sweeping(services.size(), everyService)
                || buildsChanged(build, c.paths()) >= 2 ? sweeping : paired).put(c, services));
        List<Pair> pairs = pairs(paired);
        // The share is of changes to what services do: a dependency swept through several builds is not one.
        List<History.Commit> features = touched.keySet().stream().filter(c -> buildsChanged(build, c.paths()) < 2)
                .toList();
        List<History.Commit> multi = features.stream().filter(c -> touched.get(c).size() > 1)
                .sorted(Comparator.comparingInt((History.Commit c) -> -touched.get(c).size())).toList();
        int share = (int) Math.round(100.0 * multi.size() / Math.max(1, features.size()));
        long large = touched.keySet().stream().filter(c -> c.paths().size() > Rules.CODE_MAAT_MAX_CHANGESET_FILES)
                .count();

        List<Pair> coupled = pairs.stream().filter(Pair::coupled).toList();
        Verdict verdict = share >= Rules.MULTI_SERVICE_PRESENT_PERCENT
                || coupled.stream().anyMatch(p -> p.degree() >= Rules.COUPLING_PRESENT_DEGREE_PERCENT)
                ? Verdict.PRESENT
                : share >= Rules.MULTI_SERVICE_WARNING_PERCENT || !coupled.isEmpty() ? Verdict.WARNING : Verdict.CLEAR;

        int dependencySweeps = touched.size() - features.size();
        String figures = multi.size() + " of " + features.size() + " commits touching services" + period
                + " change 2+ services (" + share + "%)" + (dependencySweeps == 0 ? ""
                : ", leaving out " + dependencySweeps + " that change the builds of 2+");
        long strong = coupled.stream().filter(p -> p.degree() >= Rules.COUPLING_PRESENT_DEGREE_PERCENT).count();
        String summary = figures + "; " + (coupled.isEmpty() ? "no pair of services changes together often enough"
                : coupled.size() + " coupled pair(s), " + strong + " at " + Rules.COUPLING_PRESENT_DEGREE_PERCENT
                + "%+; the most: " + String.join(", ", coupled.stream().limit(COMMITS_SHOWN)
                        .map(p -> p.a() + " and " + p.b() + " " + p.degree() + "%").toList()));
        Map<Integer, Integer> byServices = new TreeMap<>();
        touched.values().forEach(s -> byServices.merge(s.size(), 1, Integer::sum));

        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence("git log", 0, figures + "; by services changed: " + String.join(", ", byServices
                .entrySet().stream().map(e -> e.getValue() + " change " + e.getKey()).toList()) + "; " + large + " change more than " + Rules.CODE_MAAT_MAX_CHANGESET_FILES + " files (kept: see the rule)"));
        if (!sweeping.isEmpty()) {
            evidence.add(new Evidence("git log", 0, sweeping.size() + " sweeping commit(s), each changing more than "
                    + Rules.SWEEPING_SERVICES_PERCENT + "% of the " + everyService + " services or the builds of 2+: "
                    + "counted in the share, not in the pairs"));
            sweeping.keySet().stream().limit(COMMITS_SHOWN).forEach(c -> evidence.add(commit(c, sweeping.get(c))));
        }
        // The coupled pairs, else the closest ones, so that a clear verdict shows how far from the thresholds it is.
        List<Pair> shown = coupled.isEmpty() ? pairs.stream().limit(COMMITS_SHOWN).toList() : coupled;
        for (Pair p : shown) {
            evidence.add(new Evidence("git log", 0, (p.coupled() ? "" : "below the thresholds: ") + p.describe()));
            p.shared().stream().limit(COMMITS_SHOWN).forEach(c -> evidence.add(commit(c, touched.get(c))));
        }
        if (coupled.isEmpty()) {
            multi.stream().limit(COMMITS_SHOWN).forEach(c -> evidence.add(commit(c, touched.get(c))));
        }
        return new SignResult(Sign.RELEASE_COUPLING, verdict, Rules.releaseCouplingRule(), summary,
                evidence.stream().distinct().toList());
    }

    /** How many services' build files (pom.xml, build.gradle[.kts]) the paths change. */
    static long buildsChanged(Build build, Set<String> paths) {
        return build.services().stream().map(m -> build.relative(m.dir()))
                .filter(dir -> paths.stream().anyMatch(p -> List.of("pom.xml", "build.gradle", "build.gradle.kts")
                        .contains(dir.isEmpty() ? p : p.startsWith(dir + "/") ? p.substring(dir.length() + 1) : "")))
                .count();
    }

    /** Whether a commit changing {@code changed} of {@code services} services sweeps across most of them. */
    static boolean sweeping(int changed, int services) {
        return changed >= Rules.SWEEPING_MIN_SERVICES && changed * 100 > services * Rules.SWEEPING_SERVICES_PERCENT;
    }

    private static Evidence commit(History.Commit c, Set<String> services) {
        return new Evidence(c.id(), 0, c.subject() + " (" + String.join(", ", services) + "; " + c.paths().size()
                + " files)");
    }

    /** Every pair of services changed together at least once, most coupled first. */
    static List<Pair> pairs(Map<History.Commit, Set<String>> touched) {
        Map<String, Integer> revisions = new TreeMap<>();
        Map<List<String>, List<History.Commit>> shared = new TreeMap<>(Comparator.comparing(List::toString));
        touched.forEach((commit, services) -> {
            services.forEach(s -> revisions.merge(s, 1, Integer::sum));
            List<String> list = List.copyOf(services);
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    shared.computeIfAbsent(List.of(list.get(i), list.get(j)), k -> new ArrayList<>()).add(commit);
                }
            }
        });
        List<Pair> out = new ArrayList<>();
        shared.forEach((k, commits) -> out.add(new Pair(k.get(0), k.get(1), revisions.get(k.get(0)),
                revisions.get(k.get(1)), commits)));
        out.sort(Comparator.comparingInt(Pair::degree).thenComparingInt(p -> p.shared().size()).reversed());
        return out;
    }

    /**
     * The services whose shipped files, under {@code src/main/} of their module directories, some of the paths are (a
     * file belongs to its deepest module). Tests, build files and docs do not ship: a dependency bumped in every POM, a
     * test helper adopted everywhere, are not services released together.
     */
    static Set<String> services(Build build, Set<String> paths) {
        List<Build.Module> deepestFirst = build.modules().stream()
                .sorted(Comparator.comparingInt((Build.Module m) -> build.relative(m.dir()).length()).reversed())
                .toList();
        Set<String> out = new TreeSet<>();
        for (String path : paths) {
            for (Build.Module m : deepestFirst) {
                String dir = build.relative(m.dir());
                if (dir.isEmpty() || path.startsWith(dir + "/")) {
                    if (m.service() && path.startsWith((dir.isEmpty() ? "" : dir + "/") + "src/main/")) {
                        out.add(m.artifactId());
                    }
                    break;
                }
            }
        }
        return out;
    }
}
