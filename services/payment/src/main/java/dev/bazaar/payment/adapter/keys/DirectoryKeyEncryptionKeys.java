package dev.bazaar.payment.adapter.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.bazaar.payment.cardkey.KeyEncryptionKey;
import dev.bazaar.payment.cardkey.KeyEncryptionKeys;

/**
 * Key-encryption keys as files in a directory only the owner can read ({@code .bazaar/payment/keys/kek-1.key},
 * {@code kek-2.key}...), the highest number current. The first is generated at first start; a rotation adds the
 * next. Every instance of payment shares the directory: a key is created with create-new, so two instances never
 * write one file twice.
 */
final class DirectoryKeyEncryptionKeys implements KeyEncryptionKeys {

    private static final String PREFIX = "kek-";
    private static final String SUFFIX = ".key";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;

    DirectoryKeyEncryptionKeys(Path directory) {
        this.directory = directory.toAbsolutePath();
        if (ids().isEmpty()) {
            create(1);
        }
    }

    @Override
    public KeyEncryptionKey current() {
        List<String> ids = ids();
        return find(ids.get(ids.size() - 1)).orElseThrow(() -> new IllegalStateException("No key-encryption key in " + directory));
    }

    @Override
    public Optional<KeyEncryptionKey> find(String id) {
        Path file = directory.resolve(id + SUFFIX);
        if (!id.matches(PREFIX + "[0-9]+") || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new KeyEncryptionKey(id, Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim())));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read key-encryption key " + file, e);
        }
    }

    /** Oldest first. */
    @Override
    public List<String> ids() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches(PREFIX + "[0-9]+" + SUFFIX.replace(".", "\\.")))
                    .map(name -> name.substring(0, name.length() - SUFFIX.length()))
                    .sorted(Comparator.comparingInt(DirectoryKeyEncryptionKeys::number))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + directory, e);
        }
    }

    @Override
    public KeyEncryptionKey rotate() {
        List<String> ids = ids();
        int next = ids.isEmpty() ? 1 : number(ids.get(ids.size() - 1)) + 1;
        create(next);
        return current();
    }

    @Override
    public void retire(String id) {
        if (id.equals(current().id())) {
            throw new IllegalArgumentException("The current key-encryption key " + id + " cannot be retired");
        }
        try {
            Files.deleteIfExists(directory.resolve(id + SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete key-encryption key " + id, e);
        }
    }

    private void create(int number) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        Path file = directory.resolve(PREFIX + number + SUFFIX);
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            // Created with owner-only permissions, so that there is no moment in which others could read it.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            // Another instance created it first: it is as good as this one.
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create key-encryption key " + file, e);
        }
    }

    private static int number(String id) {
        return Integer.parseInt(id.substring(PREFIX.length()));
    }
}
