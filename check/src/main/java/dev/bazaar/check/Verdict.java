package dev.bazaar.check;

/** A sign's verdict. Only {@link #PRESENT} makes {@link Scorecard#exitCode()} non-zero. */
public enum Verdict {
    CLEAR, WARNING, PRESENT, NOT_ANALYSED
}
