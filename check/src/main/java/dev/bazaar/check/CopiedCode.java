package dev.bazaar.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.github.javaparser.JavaToken;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.TypeDeclaration;

/**
 * Sign 4, copied code: the same run of {@value Rules#COPY_MIN_TOKENS}+ tokens in the main code of two services (PMD's
 * copy-paste detector's default size). Tokens are JavaParser's, comments and whitespace left out, from each file's first
 * type on (package and imports are not code); names and literals as written, so a run is a copy, not a likeness.
 */
public final class CopiedCode {

    /** One run found in two services: which, where in each, and how long. */
    public record Copy(String firstService, Evidence first, String secondService, Evidence second, int tokens) {
    }

    private record Token(String text, int line) {
    }

    private record Source(String service, String file, Token[] tokens) {
    }

    private static final int SHOWN = 10;

    private CopiedCode() {
    }

    public static SignResult analyse(Build build) {
        List<Source> sources = sources(build);
        List<Copy> copies = copies(sources);
        Map<String, Integer> tokensOf = new TreeMap<>();
        sources.forEach(s -> tokensOf.merge(s.service(), s.tokens().length, Integer::sum));
        Map<String, Integer> copiedOf = new TreeMap<>();
        for (Copy c : copies) {
            copiedOf.merge(c.firstService(), c.tokens(), Integer::sum);
            copiedOf.merge(c.secondService(), c.tokens(), Integer::sum);
        }
        Map<String, Integer> percentOf = new TreeMap<>();
        copiedOf.forEach((service, copied) -> percentOf.put(service,
                (int) Math.round(100.0 * copied / Math.max(1, tokensOf.get(service)))));
        int most = percentOf.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<String> shares = percentOf.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + "%").toList();
        String rule = "copied code: runs of " + Rules.COPY_MIN_TOKENS + "+ identical tokens in two services' main code; "
                + "a warning when they make " + Rules.COPY_WARNING_PERCENT + "%+ of a service's code, present from "
                + Rules.COPY_PRESENT_PERCENT + "%";
        int total = tokensOf.values().stream().mapToInt(Integer::intValue).sum();
        if (copies.isEmpty()) {
            return new SignResult(Sign.SHARED_LIBRARIES, Verdict.CLEAR, rule, "copied code: no run of "
                    + Rules.COPY_MIN_TOKENS + "+ identical tokens in two services (" + total + " tokens of "
                    + tokensOf.size() + " service(s) read)", List.of());
        }
        List<Evidence> evidence = new ArrayList<>();
        copies.stream().sorted((a, b) -> b.tokens() - a.tokens()).limit(SHOWN).forEach(c -> {
            evidence.add(c.first());
            evidence.add(c.second());
        });
        String summary = "copied code: " + copies.size() + " run(s) of " + Rules.COPY_MIN_TOKENS + "+ tokens in two "
                + "services, making " + String.join(", ", shares) + " of their code";
        Verdict verdict = most >= Rules.COPY_PRESENT_PERCENT ? Verdict.PRESENT
                : most >= Rules.COPY_WARNING_PERCENT ? Verdict.WARNING : Verdict.CLEAR;
        return new SignResult(Sign.SHARED_LIBRARIES, verdict, rule, summary + (verdict == Verdict.CLEAR
                ? " (a small copy: each service keeps its own rules)" : ""), evidence);
    }

    /** Every service's main code as tokens. */
    private static List<Source> sources(Build build) {
        List<Source> out = new ArrayList<>();
        for (Build.Module service : build.services()) {
            for (Path file : build.mainJavaFiles(service)) {
                Optional<CompilationUnit> unit = Build.parse(file);
                if (unit.isEmpty() || unit.get().getTypes().isEmpty() || unit.get().getTokenRange().isEmpty()) {
                    continue;
                }
                int firstLine = unit.get().getTypes().stream().map(TypeDeclaration::getBegin)
                        .flatMap(Optional::stream).mapToInt(p -> p.line).min().orElse(1);
                List<Token> tokens = new ArrayList<>();
                for (JavaToken t : unit.get().getTokenRange().get()) {
                    int line = t.getRange().map(r -> r.begin.line).orElse(0);
                    if (!t.getCategory().isWhitespaceOrComment() && line >= firstLine && !t.getText().isEmpty()) {
                        tokens.add(new Token(t.getText(), line));
                    }
                }
                out.add(new Source(service.artifactId(), build.relative(file), tokens.toArray(Token[]::new)));
            }
        }
        return out;
    }

    /**
     * Runs shared by two services, longest first from each start: windows of the minimum size are hashed; a window
     * seen in another service is compared token by token and grown as far as the two agree.
     */
    private static List<Copy> copies(List<Source> sources) {
        int size = Rules.COPY_MIN_TOKENS;
        Map<Long, List<int[]>> windows = new HashMap<>(); // hash -> {source, start}
        for (int s = 0; s < sources.size(); s++) {
            Token[] tokens = sources.get(s).tokens();
            for (int i = 0; i + size <= tokens.length; i++) {
                windows.computeIfAbsent(hash(tokens, i, size), h -> new ArrayList<>()).add(new int[] {s, i});
            }
        }
        List<Copy> out = new ArrayList<>();
        Map<String, List<int[]>> found = new HashMap<>(); // two files at one offset -> the runs found, in the first
        for (List<int[]> same : windows.values()) {
            for (int x = 0; x < same.size(); x++) {
                for (int y = x + 1; y < same.size(); y++) {
                    int[] a = same.get(x);
                    int[] b = same.get(y);
                    Source sa = sources.get(a[0]);
                    Source sb = sources.get(b[0]);
                    if (sa.service().equals(sb.service())) {
                        continue;
                    }
                    String pair = a[0] + "|" + b[0] + "|" + (a[1] - b[1]);
                    List<int[]> runs = found.computeIfAbsent(pair, p -> new ArrayList<>());
                    if (runs.stream().anyMatch(r -> r[0] <= a[1] && a[1] < r[1])) {
                        continue; // a window of a run already found between these two files
                    }
                    int start = 0;
                    // Back to where the two start to agree, then on to where they stop.
                    while (a[1] - start > 0 && b[1] - start > 0
                            && sa.tokens()[a[1] - start - 1].text().equals(sb.tokens()[b[1] - start - 1].text())) {
                        start++;
                    }
                    int length = 0;
                    while (a[1] - start + length < sa.tokens().length && b[1] - start + length < sb.tokens().length
                            && sa.tokens()[a[1] - start + length].text().equals(sb.tokens()[b[1] - start + length].text())) {
                        length++;
                    }
                    if (length < size) {
                        continue; // a hash collision
                    }
                    runs.add(new int[] {a[1] - start, a[1] - start + length});
                    out.add(new Copy(sa.service(), where(sa, a[1] - start, length), sb.service(),
                            where(sb, b[1] - start, length), length));
                }
            }
        }
        return out;
    }

    private static Evidence where(Source s, int start, int length) {
        int from = s.tokens()[start].line();
        int to = s.tokens()[start + length - 1].line();
        return new Evidence(s.file(), from, s.service() + ": lines " + from + "-" + to + ", " + length
                + " tokens copied");
    }

    private static long hash(Token[] tokens, int from, int size) {
        long h = 1125899906842597L;
        for (int i = from; i < from + size; i++) {
            h = 31 * h + tokens[i].text().hashCode();
        }
        return h;
    }
}
