package dev.bazaar.platform.ids;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562): the first 48 bits are the Unix time in milliseconds, the other 74 random. An id made in a
 * later millisecond sorts after one made earlier, so a new row's key lands at the right edge of its B-tree index
 * instead of on a random page: PostgreSQL touches, splits and writes to its WAL a few hot pages rather than a page
 * anywhere in the index for every insert. The 74 bits come from a SecureRandom, which leaves the ids unguessable (a
 * version 4 UUID has 122); unlike those, they tell when the thing they name was made.
 */
public final class TimeSortedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeSortedIds() {
    }

    public static UUID next() {
        return at(System.currentTimeMillis());
    }

    static UUID at(long epochMillis) {
        long high = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000 | RANDOM.nextLong() & 0x0FFF;
        long low = 0x8000_0000_0000_0000L | RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL;
        return new UUID(high, low);
    }
}
