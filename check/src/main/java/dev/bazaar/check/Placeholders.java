package dev.bazaar.check;

import java.util.Map;

/**
 * Spring-style placeholders: {@code ${NAME}} and {@code ${NAME:default}}, nested in defaults too. A name found in the
 * given environment takes its value; otherwise the default; an unresolvable one is left as written.
 */
public final class Placeholders {

    private Placeholders() {
    }

    public static String resolve(String value, Map<String, String> environment) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            if (start < 0) {
                out.append(value, i, value.length());
                break;
            }
            int end = closing(value, start + 2);
            if (end < 0) {
                out.append(value, i, value.length());
                break;
            }
            out.append(value, i, start);
            String body = value.substring(start + 2, end);
            int colon = separator(body);
            String name = colon < 0 ? body : body.substring(0, colon);
            if (environment.containsKey(name)) {
                out.append(resolve(environment.get(name), environment));
            } else if (colon >= 0) {
                out.append(resolve(body.substring(colon + 1), environment));
            } else {
                out.append("${").append(body).append('}');
            }
            i = end + 1;
        }
        return out.toString();
    }

    /** The '}' that closes a placeholder opened before {@code from}, counting nested ones; -1 when none does. */
    static int closing(String s, int from) {
        int depth = 1;
        for (int i = from; i < s.length(); i++) {
            if (s.startsWith("${", i)) {
                depth++;
                i++;
            } else if (s.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The first ':' outside a nested placeholder. */
    private static int separator(String body) {
        int depth = 0;
        for (int i = 0; i < body.length(); i++) {
            if (body.startsWith("${", i)) {
                depth++;
                i++;
            } else if (body.charAt(i) == '}') {
                depth--;
            } else if (body.charAt(i) == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
