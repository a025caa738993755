package dev.bazaar.check;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

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
        Map<History.Commit, Set<String>> touched = new LinkedHashMap<>();
        String period = since.map(d -> " since " + d).orElse("");
        // A commit making the same edit in each service it changes is technical, however many services it changes:
        // out of the pairs and out of the share, like a dependency sweep. Diffs are read for these commits only.
        Map<History.Commit, Integer> sameEdits = new LinkedHashMap<>();
        int read;
        try (History history = History.open(build.root())) {
            List<History.Commit> all = history.commits(since);
            read = all.size();
            for (History.Commit c : all) {
                Set<String> services = services(build, c.paths());
                if (!services.isEmpty()) {
                    touched.put(c, services);
                }
            }
            if (touched.size() < Rules.RELEASE_COUPLING_MIN_COMMITS) {
                return SignResult.notAnalysed(Sign.RELEASE_COUPLING, "too little history (" + touched.size()
                        + " commits touching services" + period + "; " + Rules.RELEASE_COUPLING_MIN_COMMITS
                        + " needed)");
            }
            touched.forEach((c, services) -> {
                if (services.size() > 1 && buildsChanged(build, c.paths()) < 2) {
                    int alike = similarity(history, build, c);
                    if (alike >= Rules.SAME_EDIT_MIN_SIMILARITY_PERCENT) {
                        sameEdits.put(c, alike);
                    }
                }
            });
        } catch (History.Unavailable e) {
            return SignResult.notAnalysed(Sign.RELEASE_COUPLING, e.getMessage());
        }
        // A commit that changes most services at once (a rule or convention applied everywhere) says nothing about
        // which two belong together: it counts in the share of commits spanning services, not in the pairs.
        int everyService = build.services().size();
        Map<History.Commit, Set<String>> sweeping = new LinkedHashMap<>();
        Map<History.Commit, Set<String>> paired = new LinkedHashMap<>();
        // So does a commit that changes the builds of two services or more: a dependency adopted or upgraded in each
        // (a framework, a tracer, a registry client) is a technical sweep, whatever code comes with it.
        // A commit whose subject says it is technical (a refactoring, documentation, a clean-up, an upgrade; the
        // Conventional Commits types other than feat and fix) is left out of both too: its author said what it was.
        Map<History.Commit, Set<String>> saidTechnical = new LinkedHashMap<>();
        touched.forEach((c, services) -> {
            if (!sameEdits.containsKey(c) && Rules.TECHNICAL_COMMIT.matcher(c.subject()).find()
                    && !Rules.FUNCTIONAL_COMMIT.matcher(c.subject()).find()) {
                saidTechnical.put(c, services);
            }
        });
        touched.forEach((c, services) -> {
            if (!sameEdits.containsKey(c) && !saidTechnical.containsKey(c)) {
                (sweeping(services.size(), everyService) || buildsChanged(build, c.paths()) >= 2 ? sweeping : paired)
                        .put(c, services);
            }
        });
        List<Pair> pairs = pairs(paired);
        // The share is of changes to what services do: a dependency swept through several builds is not one, nor is
        // the same edit made in each service.
        List<History.Commit> features = touched.keySet().stream().filter(c -> buildsChanged(build, c.paths()) < 2
                && !sameEdits.containsKey(c) && !saidTechnical.containsKey(c)).toList();
        List<History.Commit> multi = features.stream().filter(c -> touched.get(c).size() > 1)
                .sorted(Comparator.comparingInt((History.Commit c) -> -touched.get(c).size())).toList();
        int share = (int) Math.round(100.0 * multi.size() / Math.max(1, features.size()));
        long large = touched.keySet().stream().filter(c -> c.paths().size() > Rules.CODE_MAAT_MAX_CHANGESET_FILES)
                .count();

        List<Pair> coupled = pairs.stream().filter(Pair::coupled).toList();
        // A share or a pair from a handful of commits says little: they are judged from as many commits as the sign
        // needs at all, once the technical ones are left out.
        if (features.size() < Rules.RELEASE_COUPLING_MIN_COMMITS) {
            // Few of many commits touching today's services: they were elsewhere before (moved, renamed modules).
            String moved = 10 * touched.size() < read ? "; " + touched.size() + " of the " + read + " commits read "
                    + "touch today's services' files: modules moved or renamed are not followed back" : "";
            return SignResult.notAnalysed(Sign.RELEASE_COUPLING, "too little history once technical commits are left "
                    + "out (" + features.size() + " of " + touched.size() + " commits touching services" + period
                    + "; " + Rules.RELEASE_COUPLING_MIN_COMMITS + " needed)" + moved);
        }
        Verdict verdict = share >= Rules.MULTI_SERVICE_PRESENT_PERCENT
                || coupled.stream().anyMatch(p -> p.degree() >= Rules.COUPLING_PRESENT_DEGREE_PERCENT)
                ? Verdict.PRESENT
                : share >= Rules.MULTI_SERVICE_WARNING_PERCENT || !coupled.isEmpty() ? Verdict.WARNING : Verdict.CLEAR;

        int dependencySweeps = touched.size() - features.size() - sameEdits.size() - saidTechnical.size();
        List<String> leftOut = new ArrayList<>();
        if (dependencySweeps > 0) {
            leftOut.add(dependencySweeps + " that change the builds of 2+");
        }
        if (!sameEdits.isEmpty()) {
            leftOut.add(sameEdits.size() + " that make the same edit in several services");
        }
        if (!saidTechnical.isEmpty()) {
            leftOut.add(saidTechnical.size() + " whose subject says they are technical");
        }
        String figures = multi.size() + " of " + features.size() + " commits touching services" + period
                + " change 2+ services (" + share + "%)"
                + (leftOut.isEmpty() ? "" : ", leaving out " + String.join(" and ", leftOut));
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
            sweeping.keySet().stream().limit(COMMITS_SHOWN).forEach(c -> {
                List<String> builds = buildsOf(build, c.paths());
                evidence.add(new Evidence(c.id(), 0, c.subject() + " (" + (builds.size() >= 2 ? "the builds of "
                        + String.join(", ", builds) + "; " : "") + "shipped code of " + String.join(", ", sweeping.get(c))
                        + "; " + c.paths().size() + " files)"));
            });
        }
        if (!sameEdits.isEmpty()) {
            evidence.add(new Evidence("git log", 0, sameEdits.size() + " commit(s) making the same edit in each "
                    + "service they change (what they change in each is " + Rules.SAME_EDIT_MIN_SIMILARITY_PERCENT
                    + "%+ alike): technical, left out of the pairs and the share"));
            sameEdits.keySet().stream().limit(COMMITS_SHOWN).forEach(c -> evidence.add(new Evidence(c.id(), 0,
                    c.subject() + " (" + String.join(", ", touched.get(c)) + "; " + sameEdits.get(c) + "% alike)")));
        }
        if (!saidTechnical.isEmpty()) {
            evidence.add(new Evidence("git log", 0, saidTechnical.size() + " commit(s) whose subject says they are "
                    + "technical (" + Rules.TECHNICAL_COMMIT.pattern() + "): left out of the pairs and the share"));
            saidTechnical.keySet().stream().limit(COMMITS_SHOWN).forEach(c -> evidence.add(commit(c, touched.get(c))));
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
        return new SignResult(Sign.RELEASE_COUPLING, verdict, Rules.releaseCouplingRule() + "; a commit making the "
                + "same edit in each service it changes (" + Rules.SAME_EDIT_MIN_SIMILARITY_PERCENT + "%+ alike) is "
                + "in neither", summary, evidence.stream().distinct().toList());
    }

    /**
     * How alike, in percent, the changes a commit makes to each service are: the Jaccard similarity of the multisets
     * of their changes, on average over the pairs of services. A line added or removed is a change as it reads; a
     * region rewritten is one change, the words it loses and gains, so that one edit made in code naming each
     * service's own types ({@code order(Invoice invoice)}, {@code order(Shipment shipment)}) reads the same in both.
     * Whitespace, blank lines, imports, package declarations and comments say nothing of what a service does and are
     * left out, and so is a line moved (removed in one place, added in another) within a service.
     */
    static int similarity(History history, Build build, History.Commit commit) {
        Map<String, Map<String, Integer>> changes = new TreeMap<>();
        for (String path : commit.paths()) {
            Optional<String> service = service(build, path);
            if (service.isPresent()) {
                Map<String, Integer> changed = changes.computeIfAbsent(service.get(), s -> new HashMap<>());
                history.regions(commit, path, Rules.SAME_EDIT_MAX_FILE_LINES).forEach(r -> change(path, r, changed));
            }
        }
        List<Map<String, Integer>> each = new ArrayList<>(changes.values());
        each.forEach(ReleaseCoupling::withoutMoves);
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < each.size(); i++) {
            for (int j = i + 1; j < each.size(); j++) {
                sum += jaccard(each.get(i), each.get(j));
                pairs++;
            }
        }
        return pairs == 0 ? 0 : (int) Math.round(100 * sum / pairs);
    }

    /** A word: a name or a number, or one punctuation character. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+|[^\\p{L}\\p{N}_\\s]");

    /**
     * Counts a region's change: its lines removed ({@code -line}) and added ({@code +line}), or, when it rewrites
     * lines, the words it loses and gains ({@code ~{+word=n, -word=n}}).
     */
    private static void change(String path, History.Region region, Map<String, Integer> changed) {
        List<String> removed = significant(path, region.removed());
        List<String> added = significant(path, region.added());
        if (removed.isEmpty() || added.isEmpty()) {
            removed.forEach(line -> changed.merge("-" + line, 1, Integer::sum));
            added.forEach(line -> changed.merge("+" + line, 1, Integer::sum));
            return;
        }
        Map<String, Integer> lost = words(removed);
        Map<String, Integer> gained = words(added);
        Map<String, Integer> net = new TreeMap<>();
        lost.forEach((w, n) -> net.merge("-" + w, n - gained.getOrDefault(w, 0), Integer::sum));
        gained.forEach((w, n) -> net.merge("+" + w, n - lost.getOrDefault(w, 0), Integer::sum));
        net.values().removeIf(n -> n <= 0);
        if (!net.isEmpty()) {
            changed.merge("~" + net, 1, Integer::sum);
        }
    }

    /** The lines that say what a service does, whitespace collapsed. */
    private static List<String> significant(String path, List<String> lines) {
        boolean hashComments = path.endsWith(".properties") || path.endsWith(".yml") || path.endsWith(".yaml");
        return lines.stream().map(l -> l.strip().replaceAll("\\s+", " "))
                .filter(l -> !l.isEmpty() && !l.startsWith("import ") && !l.startsWith("package ")
                        && !l.startsWith("//") && !l.startsWith("/*") && !l.startsWith("*") && !l.startsWith("<!--")
                        && !(hashComments && l.startsWith("#")))
                .toList();
    }

    private static Map<String, Integer> words(List<String> lines) {
        Map<String, Integer> out = new HashMap<>();
        lines.forEach(l -> WORD.matcher(l).results().forEach(m -> out.merge(m.group(), 1, Integer::sum)));
        return out;
    }

    /** The words of a change (a line with its sign). */
    private static Map<String, Integer> changeWords(String change) {
        return words(List.of(change.substring(1)));
    }

    /** A line removed and the same line added, in one service, moved: no change to what it does. */
    private static void withoutMoves(Map<String, Integer> changed) {
        for (String key : List.copyOf(changed.keySet())) {
            String removed = "-" + key.substring(1);
            if (key.startsWith("+") && changed.containsKey(removed)) {
                int moved = Math.min(changed.get(key), changed.get(removed));
                changed.merge(key, -moved, Integer::sum);
                changed.merge(removed, -moved, Integer::sum);
            }
        }
        changed.values().removeIf(n -> n <= 0);
    }

    /**
     * The Jaccard similarity of two services' changes (multisets): the changes both make over the changes either
     * makes; 1 when neither changes anything that matters. A line added (or removed) in one matches the same line in
     * the other, or else a line {@link Rules#SAME_EDIT_NEAR_LINE_PERCENT}% alike in words: the same log statement
     * naming each service's own class ({@code LOG.info("Saving owner {}", owner)}, {@code ...visit...}).
     */
    static double jaccard(Map<String, Integer> a, Map<String, Integer> b) {
        int sizeA = a.values().stream().mapToInt(Integer::intValue).sum();
        int sizeB = b.values().stream().mapToInt(Integer::intValue).sum();
        int matched = 0;
        List<String> onlyA = new ArrayList<>();
        List<String> onlyB = new ArrayList<>();
        for (String k : a.keySet()) {
            matched += Math.min(a.get(k), b.getOrDefault(k, 0));
            Collections.nCopies(Math.max(0, a.get(k) - b.getOrDefault(k, 0)), k).forEach(onlyA::add);
        }
        b.forEach((k, n) -> Collections.nCopies(Math.max(0, n - a.getOrDefault(k, 0)), k).forEach(onlyB::add));
        // Each line left is compared with each of the other side's: bounded, so that a large commit stays cheap.
        if (onlyA.size() <= Rules.SAME_EDIT_MAX_NEAR_LINES && onlyB.size() <= Rules.SAME_EDIT_MAX_NEAR_LINES) {
            List<Map<String, Integer>> wordsB = new ArrayList<>(
                    onlyB.stream().map(ReleaseCoupling::changeWords).toList());
            for (String x : onlyA) {
                Map<String, Integer> wordsX = changeWords(x);
                for (int j = 0; j < onlyB.size(); j++) {
                    // A line added near one added, removed near one removed; a rewritten region (~) is already
                    // reduced to its words, and matches only the same.
                    if (x.charAt(0) != '~' && x.charAt(0) == onlyB.get(j).charAt(0)
                            && alike(wordsX, wordsB.get(j)) * 100 >= Rules.SAME_EDIT_NEAR_LINE_PERCENT) {
                        onlyB.remove(j);
                        wordsB.remove(j);
                        matched++;
                        break;
                    }
                }
            }
        }
        int either = sizeA + sizeB - matched;
        return either == 0 ? 1 : (double) matched / either;
    }

    /** The weighted Jaccard similarity of two multisets of words. */
    private static double alike(Map<String, Integer> a, Map<String, Integer> b) {
        Set<String> all = new HashSet<>(a.keySet());
        all.addAll(b.keySet());
        int both = 0;
        int either = 0;
        for (String w : all) {
            both += Math.min(a.getOrDefault(w, 0), b.getOrDefault(w, 0));
            either += Math.max(a.getOrDefault(w, 0), b.getOrDefault(w, 0));
        }
        return either == 0 ? 1 : (double) both / either;
    }

    /** How many services' build files (pom.xml, build.gradle[.kts]) the paths change. */
    static long buildsChanged(Build build, Set<String> paths) {
        return buildsOf(build, paths).size();
    }

    /** The services whose build files (pom.xml, build.gradle[.kts]) the paths change. */
    static List<String> buildsOf(Build build, Set<String> paths) {
        return build.services().stream().filter(m -> {
            String dir = build.relative(m.dir());
            return paths.stream().anyMatch(p -> List.of("pom.xml", "build.gradle", "build.gradle.kts")
                    .contains(dir.isEmpty() ? p : p.startsWith(dir + "/") ? p.substring(dir.length() + 1) : ""));
        }).map(Build.Module::artifactId).toList();
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
        Set<String> out = new TreeSet<>();
        paths.forEach(path -> service(build, path).ifPresent(out::add));
        return out;
    }

    /** The service whose shipped files a path is one of (its own module's or one it owns), if any. */
    static Optional<String> service(Build build, String path) {
        List<Build.Module> deepestFirst = build.modules().stream()
                .sorted(Comparator.comparingInt((Build.Module m) -> build.relative(m.dir()).length()).reversed())
                .toList();
        for (Build.Module m : deepestFirst) {
            String dir = build.relative(m.dir());
            if (dir.isEmpty() || path.startsWith(dir + "/")) {
                return path.startsWith((dir.isEmpty() ? "" : dir + "/") + "src/main/")
                        ? build.shippedBy(m) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
