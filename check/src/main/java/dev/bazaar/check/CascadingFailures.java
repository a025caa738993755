package dev.bazaar.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.bazaar.check.RemoteCalls.Site;

/** Sign 5, from code and configuration: synchronous calls without timeout, circuit breaker or fallback. */
public final class CascadingFailures {

    private CascadingFailures() {
    }

    public static SignResult analyse(Build build) {
        return analyse(RemoteCalls.of(build));
    }

    public static SignResult analyse(RemoteCalls calls) {
        Map<Verdict, Map<String, List<Site>>> groups = new LinkedHashMap<>();
        for (Verdict v : List.of(Verdict.PRESENT, Verdict.WARNING, Verdict.CLEAR)) {
            groups.put(v, new LinkedHashMap<>());
        }
        for (Site s : calls.sites()) {
            // Calls alike (same file, client, target, protections) are one line: the storefront's twenty calls to the
            // gateway through one client say one thing.
            String key = s.file() + "|" + s.client() + "|" + s.target() + "|" + protection(s);
            groups.get(verdict(s)).computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
        List<Evidence> evidence = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        Verdict verdict = Verdict.CLEAR;
        for (Map.Entry<Verdict, Map<String, List<Site>>> byVerdict : groups.entrySet()) {
            Set<String> pairs = new TreeSet<>();
            int count = 0;
            for (List<Site> alike : byVerdict.getValue().values()) {
                Site first = alike.get(0);
                count += alike.size();
                pairs.add(first.from().name() + " -> " + (first.target() == null ? "target unknown" : first.target()));
                String lines = alike.size() == 1 ? "" : alike.size() + " calls, lines " + String.join(", ",
                        alike.stream().map(s -> String.valueOf(s.line())).toList()) + ": ";
                String caller = alike.size() == 1 ? first.caller()
                        : first.caller().substring(0, first.caller().lastIndexOf('.') + 1) + "*";
                Set<String> methods = new TreeSet<>();
                alike.forEach(s -> methods.add(String.valueOf(s.httpMethod())));
                evidence.add(new Evidence(first.file(), first.line(), byVerdict.getKey() + " " + lines
                        + first.describe(caller, String.join("/", methods)) + ": " + protection(first)));
            }
            if (count > 0 && verdict == Verdict.CLEAR) {
                verdict = byVerdict.getKey();
            }
            if (count > 0) {
                parts.add(count + switch (byVerdict.getKey()) {
                    case PRESENT -> " call(s) with neither timeout nor circuit breaker (";
                    case WARNING -> " call(s) without a timeout, or with one but no breaker or fallback (";
                    default -> " protected call(s) (";
                } + String.join(", ", pairs) + ")");
            }
        }
        String summary = calls.sites().isEmpty() ? "no synchronous remote call found" : String.join("; ", parts);
        return new SignResult(Sign.CASCADING_FAILURES, verdict, rule(), summary, evidence);
    }

    static Verdict verdict(Site s) {
        boolean timeout = s.timeout() != null;
        boolean breaker = s.breaker() != null;
        if (!timeout && !breaker) {
            return s.betweenServices() || !s.from().isEdge() && s.requestPath() ? Verdict.PRESENT : Verdict.WARNING;
        }
        return timeout && (breaker || s.fallback() != null) ? Verdict.CLEAR : Verdict.WARNING;
    }

    static String rule() {
        return "present when a call between services, or any remote call on a business service's request path, has "
                + "neither a timeout nor a circuit breaker; warning when a call has no timeout, or a timeout but "
                + "neither breaker nor fallback; clear when each has a timeout and a breaker or fallback";
    }

    private static String protection(Site s) {
        return (s.timeout() == null ? "no timeout" : "timeout " + s.timeout()) + "; "
                + (s.breaker() == null ? "no circuit breaker" : "circuit breaker " + s.breaker()) + "; "
                + (s.fallback() == null ? "no fallback" : "fallback: " + s.fallback());
    }
}
