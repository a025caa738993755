package dev.bazaar.platform.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;

/**
 * A service's access rules in the order they are tried: the technical routes every service shares, then the service's
 * own {@code bazaar.access.rules}, then "a token is needed" for anything else.
 */
public final class AccessRules {

    private final List<AccessRule> rules;

    AccessRules(List<AccessRule> rules) {
        this.rules = List.copyOf(rules);
    }

    static AccessRules of(Environment environment) {
        List<AccessRule> all = new ArrayList<>(AccessRule.TECHNICAL);
        Binder.get(environment).bind("bazaar.access.rules", Bindable.listOf(String.class))
                .orElse(List.of()).forEach(rule -> all.add(AccessRule.parse(rule)));
        all.add(AccessRule.OTHERWISE);
        return new AccessRules(all);
    }

    public List<AccessRule> all() {
        return rules;
    }

    /** The rule that decides for a request, or for a documented operation (its path a template). */
    public AccessRule decide(HttpMethod method, String path) {
        return rules.stream().filter(rule -> rule.covers(method, path)).findFirst().orElse(AccessRule.OTHERWISE);
    }
}
