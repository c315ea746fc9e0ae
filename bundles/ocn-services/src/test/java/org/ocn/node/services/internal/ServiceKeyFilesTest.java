package org.ocn.node.services.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.crypto.EthereumKey;

/** The keys the node keeps for its services: one per identity, owner-only, the same after a restart. */
public class ServiceKeyFilesTest {

    @Rule
    public TemporaryFolder data = new TemporaryFolder();

    @Test
    public void aKeyIsGeneratedOnceKeptOwnerOnlyAndReadBackAfterARestart() throws Exception {
        Path dataDir = data.getRoot().toPath();
        PartyId srv = PartyId.of("CH", "SRV");
        EthereumKey first = new ServiceKeyFiles(dataDir).keyOf(srv);
        Path file = dataDir.resolve("ocn/services/CH-SRV.key");
        assertTrue(Files.isRegularFile(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals(first.privateKeyHex(), Files.readString(file).trim());

        ServiceKeyFiles afterRestart = new ServiceKeyFiles(dataDir);
        assertEquals(first.address(), afterRestart.existing(srv).orElseThrow().address());
        assertEquals(first.address(), afterRestart.keyOf(srv).address());
        assertEquals(Optional.empty(), afterRestart.existing(PartyId.of("CH", "NEW")));
        assertFalse("another identity, another key",
                afterRestart.keyOf(PartyId.of("CH", "NEW")).address().equals(first.address()));
        assertEquals(List.of(PartyId.of("CH", "NEW"), srv), afterRestart.identities().stream()
                .sorted(java.util.Comparator.comparing(PartyId::toString)).toList());
    }

    @Test
    public void identitiesWithOtherCharactersGetSafeFileNames() {
        PartyId odd = PartyId.of("c.", "a/b");
        assertEquals("C%2E-A%2FB.key", ServiceKeyFiles.fileName(odd));
        assertEquals(Optional.of(odd), ServiceKeyFiles.partyOf(ServiceKeyFiles.fileName(odd)));
        assertEquals(Optional.empty(), ServiceKeyFiles.partyOf("notes.txt"));
        assertEquals(Optional.empty(), ServiceKeyFiles.partyOf("CH-SRV.key.tmp"));
    }

    @Test
    public void aDamagedKeyFileIsReportedNotReplaced() throws Exception {
        Path dataDir = data.getRoot().toPath();
        Files.createDirectories(dataDir.resolve("ocn/services"));
        Files.writeString(dataDir.resolve("ocn/services/CH-SRV.key"), "not a key\n");
        try {
            new ServiceKeyFiles(dataDir).keyOf(PartyId.of("CH", "SRV"));
            org.junit.Assert.fail("a damaged key must not be replaced: the service's address would change");
        } catch (java.io.IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("CH-SRV.key"));
        }
        assertEquals("not a key", Files.readString(dataDir.resolve("ocn/services/CH-SRV.key")).trim());
    }
}
