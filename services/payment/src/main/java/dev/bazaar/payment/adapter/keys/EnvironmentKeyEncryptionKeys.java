package dev.bazaar.payment.adapter.keys;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.bazaar.payment.cardkey.KeyEncryptionKey;
import dev.bazaar.payment.cardkey.KeyEncryptionKeys;

/**
 * Key-encryption keys given by the environment ({@code PAYMENT_CARDKEYS_KEKS=kek-a:<base64>,kek-b:<base64>}), the
 * last current: how a secret store or an orchestrator would hand them over. Payment cannot add one itself; a
 * rotation is adding a key at the end and restarting, after which everything is re-wrapped under it.
 */
final class EnvironmentKeyEncryptionKeys implements KeyEncryptionKeys {

    private final Map<String, KeyEncryptionKey> keys = new LinkedHashMap<>();

    EnvironmentKeyEncryptionKeys(List<String> entries) {
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("payment.card-keys.keks takes <id>:<base64 of 32 bytes> entries");
            }
            String id = entry.substring(0, colon).trim();
            try {
                keys.put(id, new KeyEncryptionKey(id, Base64.getDecoder().decode(entry.substring(colon + 1).trim())));
            } catch (IllegalArgumentException e) {
                // Never the value in the message: only which entry.
                throw new IllegalArgumentException("payment.card-keys.keks: key " + id + " is not base64 of 32 bytes");
            }
        }
    }

    @Override
    public KeyEncryptionKey current() {
        return keys.values().stream().reduce((first, second) -> second).orElseThrow();
    }

    @Override
    public Optional<KeyEncryptionKey> find(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    @Override
    public List<String> ids() {
        return List.copyOf(keys.keySet());
    }

    @Override
    public KeyEncryptionKey rotate() {
        throw new NotRotatableHere("The key-encryption keys come from the environment (payment.card-keys.keks): add a new "
                + "one at the end and restart payment; it re-wraps every card key under it, then the old one can go.");
    }

    @Override
    public void retire(String id) {
        // The environment is not payment's to change: an unused key stays until the operator removes it.
    }
}
