package dev.bazaar.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every sign's result for one repository, in sign order.
 *
 * @param notes what was left out of the analysis, and why
 * @param graph the services and their synchronous and asynchronous dependencies, for the HTML report
 */
public record Scorecard(String repository, List<String> notes, List<SignResult> results, DependencyGraph graph) {

    public Scorecard {
        notes = List.copyOf(notes);
        results = results.stream().sorted(Comparator.comparingInt(r -> r.sign().number())).toList();
    }

    public SignResult result(Sign sign) {
        return results.stream().filter(r -> r.sign() == sign).findFirst().orElseThrow();
    }

    /** Non-zero when any sign is present, so that it can gate a CI build. */
    public int exitCode() {
        return results.stream().anyMatch(r -> r.verdict() == Verdict.PRESENT) ? 1 : 0;
    }

    /** A table of the signs, then each analysed sign's rule and evidence. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("Distributed-monolith check of ").append(repository).append("\n");
        notes.forEach(n -> out.append("note: ").append(n).append("\n"));
        out.append("\n");
        out.append(String.format("%-3s %-40s %-13s %s%n", "#", "sign", "verdict", "finding"));
        for (SignResult r : results) {
            out.append(String.format("%-3d %-40s %-13s %s%n", r.sign().number(), r.sign().title(), r.verdict(),
                    r.summary()));
        }
        for (SignResult r : results) {
            if (r.verdict() == Verdict.NOT_ANALYSED) {
                continue;
            }
            out.append("\n").append(r.sign().number()).append(". ").append(r.sign().title()).append(": ")
                    .append(r.verdict()).append("\n");
            out.append("   rule: ").append(r.threshold()).append("\n");
            for (Evidence e : r.evidence()) {
                out.append("   ").append(e.location()).append("  ").append(e.text()).append("\n");
            }
        }
        out.append("\nexit code ").append(exitCode()).append("\n");
        return out.toString();
    }

    /** The same as {@link #text()}, as JSON. */
    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("repository", repository);
        List<Map<String, Object>> signs = new ArrayList<>();
        for (SignResult r : results) {
            Map<String, Object> sign = new LinkedHashMap<>();
            sign.put("number", r.sign().number());
            sign.put("sign", r.sign().title());
            sign.put("verdict", r.verdict().name());
            sign.put("threshold", r.threshold());
            sign.put("summary", r.summary());
            sign.put("evidence", r.evidence());
            signs.add(sign);
        }
        root.put("notes", notes);
        root.put("signs", signs);
        root.put("graph", graph);
        root.put("exitCode", exitCode());
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(root);
    }
}
