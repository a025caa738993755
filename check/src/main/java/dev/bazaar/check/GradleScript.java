package dev.bazaar.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Gradle script (Groovy or Kotlin DSL) as tokens, with the blocks each token sits in. Gradle scripts are programs,
 * and only Gradle can run them (its Tooling API downloads a distribution, and the check needs no network); what the
 * check asks of them is declarative and reads the same in both dialects: {@code include "a"}, {@code rootProject.name},
 * {@code group}, plugins applied, and {@code dependencies { implementation project(":a") }}. Comments and strings are
 * told apart from code, so a commented-out dependency does not count; anything computed (a loop over projects, a
 * convention plugin in {@code buildSrc}) is not seen.
 */
final class GradleScript {

    enum Kind { NAME, STRING, SYMBOL }

    /**
     * One token: a (dotted) name such as {@code rootProject.name} or {@code libs.spring.boot}, a string's contents, or
     * one symbol character; {@code blocks} are the names of the blocks around it, outermost first.
     */
    record Token(Kind kind, String text, int line, boolean firstOnLine, List<String> blocks) {

        boolean is(String symbolOrName) {
            return kind != Kind.STRING && text.equals(symbolOrName);
        }

        boolean in(String block) {
            return blocks.contains(block);
        }
    }

    private final List<Token> tokens;

    private GradleScript(List<Token> tokens) {
        this.tokens = tokens;
    }

    static GradleScript read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new Unreadable("cannot read " + file, e);
        }
    }

    List<Token> tokens() {
        return tokens;
    }

    Token get(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i) : new Token(Kind.SYMBOL, "", 0, true, List.of());
    }

    static GradleScript parse(String text) {
        List<Token> out = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        int line = 1;
        int lastLine = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c) || c == ';') {
                i++;
            } else if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                line += count(text, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                String quote = text.startsWith(String.valueOf(c).repeat(3), i) ? String.valueOf(c).repeat(3) : String.valueOf(c);
                int end = i + quote.length();
                while (end < text.length() && !text.startsWith(quote, end)) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end, text.length());
                out.add(new Token(Kind.STRING, text.substring(i + quote.length(), end), line, line != lastLine,
                        List.copyOf(blocks)));
                lastLine = line;
                line += count(text, i, end);
                i = Math.min(text.length(), end + quote.length());
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = i;
                while (end < text.length() && (Character.isJavaIdentifierPart(text.charAt(end))
                        || text.charAt(end) == '.' && end + 1 < text.length()
                        && Character.isJavaIdentifierStart(text.charAt(end + 1)))) {
                    end++;
                }
                out.add(new Token(Kind.NAME, text.substring(i, end), line, line != lastLine, List.copyOf(blocks)));
                lastLine = line;
                i = end;
            } else {
                if (c == '{') {
                    // A block is named by the name before it: `dependencies {`, `subprojects {`, `project(":a") {`.
                    blocks.add(blockName(out));
                } else if (c == '}' && !blocks.isEmpty()) {
                    blocks.remove(blocks.size() - 1);
                }
                out.add(new Token(Kind.SYMBOL, String.valueOf(c), line, line != lastLine, List.copyOf(blocks)));
                lastLine = line;
                i++;
            }
        }
        return new GradleScript(out);
    }

    private static String blockName(List<Token> before) {
        for (int k = before.size() - 1; k >= 0 && k >= before.size() - 8; k--) {
            Token t = before.get(k);
            if (t.kind() == Kind.NAME) {
                return t.text();
            }
        }
        return "";
    }

    private static int count(String text, int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            if (text.charAt(k) == '\n') {
                n++;
            }
        }
        return n;
    }
}
