package dev.bazaar.launcher;

import java.util.List;

/**
 * Payment's key-encryption keys as its {@code /admin/card-keys} reports them: the current one, how many card keys are
 * still wrapped under an older one, and every key still kept (the older ones go once nothing is wrapped under them).
 */
public record CardKeyState(String current, long toRewrap, List<String> keyEncryptionKeys) {

    public CardKeyState {
        keyEncryptionKeys = List.copyOf(keyEncryptionKeys);
    }

    /** Everything is wrapped under the current key and no other is kept. */
    public boolean settled() {
        return toRewrap == 0 && keyEncryptionKeys.equals(List.of(current));
    }
}
