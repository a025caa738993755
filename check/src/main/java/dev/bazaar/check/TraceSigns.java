package dev.bazaar.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Signs 1 and 5 judged from traces ({@link Traces}), with the thresholds the code analysis uses: requests stand for
 * entry points, and what they waited on is what the trace shows rather than what the code could do.
 */
final class TraceSigns {

    private static final int SHOWN = 5;

    private TraceSigns() {
    }

    static SignResult synchronous(Traces.Findings f) {
        String read = "traces: " + f.traces() + " trace(s), " + f.spans() + " spans from " + f.files().size()
                + " file(s)";
        if (f.requests().isEmpty()) {
            return SignResult.notAnalysed(Sign.SYNCHRONOUS_COMMUNICATION, read + ", no request served by a business "
                    + "service (a SERVER span whose caller is outside or at the edge)");
        }
        List<Traces.Request> waiting = f.waiting();
        int share = (int) Math.round(100.0 * waiting.size() / f.requests().size());
        int fanOut = f.requests().stream().mapToInt(Traces.Request::fanOut).max().orElse(0);
        List<String> chain = f.requests().stream().map(Traces.Request::longestChain)
                .max((a, b) -> Integer.compare(a.size(), b.size())).orElse(List.of());
        Verdict verdict = fanOut >= Rules.SYNC_FAN_OUT_PRESENT || chain.size() >= Rules.SYNC_CHAIN_PRESENT
                || share >= Rules.SYNC_SHARE_PRESENT_PERCENT ? Verdict.PRESENT
                : waiting.isEmpty() ? Verdict.CLEAR : Verdict.WARNING;
        List<Evidence> evidence = new ArrayList<>();
        for (Traces.Request r : (waiting.isEmpty() ? f.requests() : waiting).stream().limit(SHOWN).toList()) {
            evidence.add(new Evidence("trace " + r.traceId(), 0, r.service() + " " + r.name()
                    + (r.waitedOn().isEmpty() ? ": answered without waiting on another service"
                    : ": waited on " + String.join(", ", r.waitedOn()) + " (fan-out " + r.fanOut()
                    + ", chain " + String.join(" -> ", r.longestChain()) + ")")));
        }
        Map<String, Integer> hops = Traces.hopCounts(f);
        if (!hops.isEmpty()) {
            evidence.add(new Evidence("traces", 0, "hops (-> synchronous, ~> message), with how often: "
                    + String.join(", ", hops.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList())));
        }
        f.unreadable().forEach(u -> evidence.add(new Evidence("traces", 0, "not read: " + u)));
        String summary = read + ": " + waiting.size() + " of " + f.requests().size() + " requests (" + share
                + "%) waited on another service; largest fan-out " + fanOut + ", longest chain " + chain.size();
        return new SignResult(Sign.SYNCHRONOUS_COMMUNICATION, verdict, "traces: the same thresholds, on requests "
                + "(SERVER spans of business services called from outside or from the edge)", summary, evidence);
    }

    static SignResult cascading(Traces.Findings f, Set<String> edges) {
        List<Traces.Hop> propagated = f.propagatedErrors(edges);
        long failedCalls = f.hops().stream().filter(h -> h.synchronous() && h.calleeFailed()).count();
        long synchronousHops = f.hops().stream().filter(Traces.Hop::synchronous)
                .filter(h -> !edges.contains(h.from()) && !edges.contains(h.to())).count();
        List<Evidence> evidence = new ArrayList<>();
        propagated.stream().limit(SHOWN).forEach(h -> evidence.add(new Evidence("trace " + h.traceId(), 0,
                h.to() + " failed and so did its caller " + h.from())));
        String summary = "traces: " + synchronousHops + " synchronous hop(s) between business services, "
                + failedCalls + " failed call(s), " + propagated.size() + " error(s) passed up to the caller";
        return new SignResult(Sign.CASCADING_FAILURES, propagated.isEmpty() ? Verdict.CLEAR : Verdict.PRESENT,
                "traces: present when a business service's failure is passed up a synchronous hop to another that "
                        + "fails with it", summary, evidence);
    }
}
