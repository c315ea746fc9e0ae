package org.ocn.node.settings.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ocn.node.settings.PrivateFiles;

/**
 * The secrets the node generates when they are not configured (the admin API key and the node's private key), kept
 * in the data folder so that they survive restarts, readable by the owner only.
 */
final class SecretFiles {

    static final String APIKEY_FILE = "admin-apikey";
    static final String PRIVATE_KEY_FILE = "node-private-key";

    /**
     * A secret and whether it was generated just now.
     *
     * @param value     the secret
     * @param file      where it is kept
     * @param generated true on the start that created it
     */
    record Secret(String value, Path file, boolean generated) {
    }

    private final Path folder;
    private final SecureRandom random = new SecureRandom();

    SecretFiles(Path dataDir) {
        this.folder = dataDir.resolve("ocn");
    }

    Secret apikey() throws IOException {
        return loadOrCreate(APIKEY_FILE, () -> UUID.randomUUID().toString(), v -> !v.isEmpty());
    }

    Secret privateKey() throws IOException {
        return loadOrCreate(PRIVATE_KEY_FILE, this::newPrivateKey,
                v -> SettingsResolver.privateKey("stored key", v, new ArrayList<>()) != null);
    }

    private String newPrivateKey() {
        byte[] bytes = new byte[32];
        List<String> ignored = new ArrayList<>();
        while (true) {
            random.nextBytes(bytes);
            String hex = HexFormat.of().formatHex(bytes);
            if (SettingsResolver.privateKey("generated key", hex, ignored) != null) {
                return hex;
            }
        }
    }

    private Secret loadOrCreate(String name, java.util.function.Supplier<String> generator,
                                java.util.function.Predicate<String> valid) throws IOException {
        Path file = folder.resolve(name);
        Optional<String> existing = read(file);
        if (existing.isPresent()) {
            if (!valid.test(existing.get())) {
                throw new IOException(file + " does not hold a valid value; fix or remove it");
            }
            return new Secret(existing.get(), file, false);
        }
        String value = generator.get();
        PrivateFiles.write(file, value);
        return new Secret(value, file, true);
    }

    private static Optional<String> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim());
    }
}
