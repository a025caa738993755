package dev.bazaar.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.bazaar.check.RemoteCalls.Coordination;
import dev.bazaar.check.RemoteCalls.EntryPoint;
import dev.bazaar.check.RemoteCalls.Site;
import dev.bazaar.check.RemoteCalls.TransactionalMethod;

/**
 * Sign 6, from code: XA/JTA and two-phase commit, local transactions around remote calls, multi-step remote writes
 * without compensation, distributed locks.
 */
public final class TransactionsSpanningServices {

    private TransactionsSpanningServices() {
    }

    public static SignResult analyse(Build build) {
        return analyse(RemoteCalls.of(build));
    }

    public static SignResult analyse(RemoteCalls calls) {
        List<Evidence> evidence = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        Verdict verdict = Verdict.CLEAR;

        for (Coordination c : calls.coordination()) {
            evidence.add(new Evidence(c.file(), c.line(), c.text()));
        }
        Set<String> global = new TreeSet<>();
        Set<String> locks = new TreeSet<>();
        calls.coordination().forEach(c -> (c.kind().equals("distributed lock") ? locks : global)
                .add(c.component().name() + " (" + c.kind() + ")"));
        if (!global.isEmpty()) {
            verdict = Verdict.PRESENT;
            findings.add("global transactions: " + String.join(", ", global));
        }

        List<TransactionalMethod> spanning = calls.transactionalMethods().stream()
                .filter(t -> !t.reaches().isEmpty()).toList();
        for (TransactionalMethod t : spanning) {
            evidence.add(new Evidence(t.file(), t.line(), t.component().name() + ": @Transactional"
                    + (t.readOnly() ? "(readOnly)" : "") + " " + t.method() + " reaches " + t.reaches().size()
                    + " remote call(s): a local transaction held open across them, which cannot undo them"));
            t.reaches().forEach(s -> evidence.add(new Evidence(s.file(), s.line(), s.describe())));
            findings.add("@Transactional " + t.component().name() + " " + t.method() + " wraps "
                    + t.reaches().size() + " remote call(s)");
        }
        if (!spanning.isEmpty()) {
            verdict = Verdict.PRESENT;
        }

        int exclusive = 0;
        for (EntryPoint e : calls.entryPoints()) {
            // Only writes that can all run in one call are steps: two in the arms of an if/else are one or the other.
            List<Site> writes = e.writesTogether();
            if (writes.size() < Rules.MULTI_STEP_WRITES) {
                if (e.remoteWrites().size() >= Rules.MULTI_STEP_WRITES) {
                    exclusive++;
                    evidence.add(new Evidence(e.file(), e.line(), e.component().name() + " " + e.handler() + ": "
                            + e.remoteWrites().size() + " remote writes in exclusive branches, at most "
                            + writes.size() + " per call: not a multi-step write"));
                    e.remoteWrites().forEach(s -> evidence.add(new Evidence(s.file(), s.line(), s.describe())));
                }
                continue;
            }
            Set<String> targets = new TreeSet<>();
            writes.forEach(s -> targets.add(s.target()));
            if (e.compensations().isEmpty()) {
                verdict = Verdict.PRESENT;
                findings.add(e.component().name() + " " + e.handler() + " writes to " + String.join(", ", targets)
                        + " in " + writes.size() + " steps, no compensation");
                evidence.add(new Evidence(e.file(), e.line(), e.component().name() + " " + e.handler() + ": "
                        + writes.size() + " remote writes (" + String.join(", ", targets)
                        + ") and no catch block that undoes one: a failure half-way leaves the first in place"));
                writes.forEach(s -> evidence.add(new Evidence(s.file(), s.line(), s.describe())));
            } else {
                evidence.add(new Evidence(e.file(), e.line(), e.component().name() + " " + e.handler() + ": "
                        + writes.size() + " remote writes, compensated"));
                evidence.addAll(e.compensations());
            }
        }

        if (!locks.isEmpty()) {
            verdict = verdict == Verdict.PRESENT ? verdict : Verdict.WARNING;
            findings.add("distributed lock(s): " + String.join(", ", locks));
        }

        Map<String, Integer> transactional = new LinkedHashMap<>();
        calls.components().forEach(c -> transactional.put(c.name(), 0));
        calls.transactionalMethods().forEach(t -> transactional.merge(t.component().name(), 1, Integer::sum));
        int total = calls.transactionalMethods().size();
        if (verdict == Verdict.CLEAR) {
            for (RemoteCalls.Component c : calls.components()) {
                if (transactional.get(c.name()) > 0) {
                    evidence.add(new Evidence(c.pom(), 0, c.name() + ": " + transactional.get(c.name())
                            + " @Transactional methods, none reaches a remote call"));
                }
            }
        }
        String summary = verdict == Verdict.CLEAR
                ? total + " @Transactional methods, none reaches a remote call; no XA/JTA or two-phase commit, no "
                        + "distributed lock; no handler makes " + Rules.MULTI_STEP_WRITES + "+ remote writes"
                        + (exclusive == 0 ? "" : " in one call (" + exclusive + " with writes in exclusive branches)")
                : String.join("; ", findings);
        return new SignResult(Sign.TRANSACTIONS_SPANNING_SERVICES, verdict, rule(), summary, evidence);
    }

    static String rule() {
        return "present on XA/JTA or two-phase commit, a @Transactional method that reaches a remote call, or a "
                + "handler with " + Rules.MULTI_STEP_WRITES + "+ remote writes to other services that one call can "
                + "make (not in exclusive branches) and no compensation; "
                + "warning on a distributed lock";
    }
}
