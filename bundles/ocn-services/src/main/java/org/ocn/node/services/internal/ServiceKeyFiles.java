package org.ocn.node.services.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.settings.PrivateFiles;

/**
 * The Ethereum keys the node keeps for its services, one per OCPI identity, in
 * {@code <ocn.node.dataDir>/ocn/services/<CC>-<PID>.key} (the private key as hex, readable by the owner only): a key is
 * generated the first time an identity is seen and reused after restarts, so that the service keeps its address in
 * the registry. Characters other than letters and digits in an identity are written as {@code %XX} in the file name.
 */
final class ServiceKeyFiles {

    private static final String SUFFIX = ".key";

    private final Path folder;
    private final SecureRandom random = new SecureRandom();
    private final Map<PartyId, EthereumKey> loaded = new HashMap<>();

    /** @param dataDir the node's data folder ({@code ocn.node.dataDir}) */
    ServiceKeyFiles(Path dataDir) {
        this.folder = dataDir.resolve("ocn").resolve("services");
    }

    /** @return the folder holding the keys */
    Path folder() {
        return folder;
    }

    /** @return the key of the identity, generated and written now when it has none yet */
    synchronized EthereumKey keyOf(PartyId party) throws IOException {
        Optional<EthereumKey> existing = existing(party);
        if (existing.isPresent()) {
            return existing.get();
        }
        EthereumKey key = EthereumKey.random(random);
        Files.createDirectories(folder);
        PrivateFiles.restrict(folder, "rwx------");
        PrivateFiles.write(file(party), key.privateKeyHex());
        loaded.put(party, key);
        return key;
    }

    /** @return the key of the identity, when one was generated for it */
    synchronized Optional<EthereumKey> existing(PartyId party) throws IOException {
        EthereumKey known = loaded.get(party);
        if (known != null) {
            return Optional.of(known);
        }
        Path file = file(party);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String hex = Files.readString(file, StandardCharsets.US_ASCII).trim();
        EthereumKey key;
        try {
            key = EthereumKey.fromPrivateKey(hex);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not hold a private key (64 hex digits); fix or remove it", e);
        }
        loaded.put(party, key);
        return Optional.of(key);
    }

    /** @return every identity a key was generated for (files with another name are ignored) */
    List<PartyId> identities() throws IOException {
        List<PartyId> parties = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return parties;
        }
        try (var files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                partyOf(f.getFileName().toString()).ifPresent(parties::add);
            }
        }
        return parties;
    }

    Path file(PartyId party) {
        return folder.resolve(fileName(party));
    }

    /** @return {@code CC-PID.key}, with characters other than letters and digits escaped */
    static String fileName(PartyId party) {
        return escape(party.countryCode()) + "-" + escape(party.partyId()) + SUFFIX;
    }

    /** @return the identity a key file is named after, if it is one */
    static Optional<PartyId> partyOf(String fileName) {
        if (!fileName.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String[] parts = fileName.substring(0, fileName.length() - SUFFIX.length()).split("-", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(PartyId.of(unescape(parts[0]), unescape(parts[1])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c < 128 && Character.isLetterOrDigit(c)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", (int) c));
            }
        }
        return out.toString();
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
