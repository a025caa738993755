package dev.bazaar.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The business-noun rule of {@link Rules}: which words of a type's name name a business concept. */
public final class DomainWords {

    private final Set<String> nouns;

    /**
     * The configured nouns, plus each word that the names of {@link Rules#SERVICE_WORD_MIN_SERVICES} or more services
     * share ({@code order-service} and {@code order-history-service} make {@code order} a business noun), but not a
     * word more than half of them share, which names the system.
     */
    public DomainWords(Set<String> businessNouns, List<String> serviceNames) {
        Set<String> all = new LinkedHashSet<>();
        businessNouns.forEach(n -> all.add(stem(n)));
        Map<String, Set<String>> servicesByWord = new HashMap<>();
        for (String service : serviceNames) {
            for (String word : service.split("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")) {
                String w = word.toLowerCase(Locale.ROOT);
                if (w.length() > 2 && !Rules.GENERIC_SERVICE_WORDS.contains(w)) {
                    servicesByWord.computeIfAbsent(stem(w), k -> new HashSet<>()).add(service);
                }
            }
        }
        servicesByWord.forEach((word, services) -> {
            // A word most services' names carry is the system's name (ftgo-, mall-, spring-petclinic-), not a noun.
            boolean systemName = serviceNames.size() > 2 && 2 * services.size() > serviceNames.size();
            if (services.size() >= Rules.SERVICE_WORD_MIN_SERVICES && !systemName) {
                all.add(word);
            }
        });
        this.nouns = all;
    }

    /** The business noun a type's simple name contains, if any ({@code PaymentReceipt} gives {@code payment}). */
    public Optional<String> businessNoun(String simpleName) {
        for (String word : words(simpleName)) {
            String s = stem(word);
            if (nouns.contains(s)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Camel-case words: {@code HTTPOrderStatus} gives HTTP, Order, Status. */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        for (String w : name.split("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|[_$]")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    /** Lower case, a plural 's' dropped ({@code Orders}, {@code orders} and {@code Order} are one noun). */
    static String stem(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.endsWith("ies") && w.length() > 4) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("s") && !w.endsWith("ss") && w.length() > 3) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
