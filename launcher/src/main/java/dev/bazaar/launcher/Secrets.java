package dev.bazaar.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The passwords of a platform (PostgreSQL roles, Kafka principals), generated at first use and kept in
 * {@code secrets.properties} under its home, readable by the owner only.
 */
final class Secrets {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Properties values = new Properties();

    private Secrets(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file, e);
            }
        }
    }

    static Secrets in(Path home) {
        return new Secrets(home.resolve("secrets.properties"));
    }

    Path file() {
        return file;
    }

    /** The password of a PostgreSQL role. */
    String password(String role) {
        return secret(passwordKey(role));
    }

    /** The password of a Kafka principal: a service, or the launcher's {@code admin}. */
    String kafkaPassword(String principal) {
        return secret("kafka.password." + principal);
    }

    /** Any other secret of the platform, by its key, generated and saved on first request. */
    synchronized String secret(String key) {
        String password = values.getProperty(key);
        if (password == null) {
            password = generate();
            values.setProperty(key, password);
            save();
        }
        return password;
    }

    /** A secret by its key, without generating it: empty when it was never made. */
    synchronized Optional<String> existing(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    static String generate() {
        return RANDOM.ints(24, 0, ALPHABET.length()).mapToObj(i -> String.valueOf(ALPHABET.charAt(i))).collect(Collectors.joining());
    }

    private void save() {
        StringWriter text = new StringWriter();
        try {
            values.store(text, "Passwords of this Bazaar platform (PostgreSQL, Kafka, identity). Keep private.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writePrivate(file, text.toString());
    }

    /** Writes a file only its owner can read, without a moment in which others could. */
    static void writePrivate(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    static String passwordKey(String role) {
        return "postgres.password." + role;
    }
}
