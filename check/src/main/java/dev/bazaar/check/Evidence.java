package dev.bazaar.check;

/**
 * One thing a person can open: a file (relative to the analysed repository, '/'-separated), a line (1-based; 0 when
 * the whole file is meant) and what was found there.
 */
public record Evidence(String file, int line, String text) {

    public String location() {
        return line > 0 ? file + ":" + line : file;
    }
}
