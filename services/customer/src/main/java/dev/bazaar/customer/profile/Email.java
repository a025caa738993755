package dev.bazaar.customer.profile;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An email address: one {@code @}, a domain with a dot, no spaces. Unique among customers whatever its case.
 *
 * <p>It names an identity, so it must not pass for another: it is normalised (NFKC, so full-width and other
 * compatibility forms become the letters they look like; the domain in lower case), and refused when it holds an
 * invisible or direction-changing character (a right-to-left override makes {@code moc.elpmaxe@ada} read as
 * something else) or when one of its parts (the local part, each label of the domain) mixes letters of several
 * scripts, as {@code pаypal.com} with a Cyrillic {@code а} does. (The mixed-script rule of Unicode TS #39, per part;
 * a part wholly in one script that merely looks like another is not caught.)
 */
public record Email(String value) {

    private static final String FORMAT = "[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+";
    private static final int MAX_LENGTH = 254;
    private static final Pattern PATTERN = Pattern.compile(FORMAT);

    public Email {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A customer needs an email");
        }
        value = Normalizer.normalize(value.strip(), Normalizer.Form.NFKC);
        refuseInvisible(value);
        if (value.length() > MAX_LENGTH || !PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an email address");
        }
        int at = value.indexOf('@');
        value = value.substring(0, at + 1) + value.substring(at + 1).toLowerCase(Locale.ROOT);
        for (String part : value.split("[@.]")) {
            refuseMixedScripts(value, part);
        }
    }

    private static void refuseInvisible(String value) {
        value.codePoints().filter(c -> Character.getType(c) == Character.FORMAT || Character.isISOControl(c)).findFirst()
                .ifPresent(c -> {
                    throw new IllegalArgumentException("An email address may not hold invisible or direction-changing"
                            + " characters (it holds U+" + String.format("%04X", c) + ")");
                });
    }

    private static void refuseMixedScripts(String value, String part) {
        Set<String> scripts = new TreeSet<>();
        part.codePoints().mapToObj(Character.UnicodeScript::of)
                .filter(script -> script != Character.UnicodeScript.COMMON && script != Character.UnicodeScript.INHERITED)
                .forEach(script -> scripts.add(script.name().charAt(0) + script.name().substring(1).toLowerCase(Locale.ROOT)));
        if (scripts.size() > 1) {
            throw new IllegalArgumentException("'" + value + "' mixes " + String.join(" and ", scripts)
                    + " letters in '" + part + "'; an address must not pass for another");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
