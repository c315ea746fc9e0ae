package org.ocn.node.settings.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SecretFilesTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void secretsAreGeneratedOnceAndKeptOwnerOnly() throws Exception {
        Path data = tmp.getRoot().toPath();
        SecretFiles.Secret first = new SecretFiles(data).apikey();
        assertTrue(first.generated());
        SecretFiles.Secret second = new SecretFiles(data).apikey();
        assertFalse(second.generated());
        assertEquals(first.value(), second.value());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file())));

        SecretFiles.Secret key = new SecretFiles(data).privateKey();
        assertTrue(key.value().matches("[0-9a-f]{64}"));
        assertEquals(key.value(), new SecretFiles(data).privateKey().value());
    }

    @Test(expected = java.io.IOException.class)
    public void aDamagedKeyFileIsNotSilentlyReplaced() throws Exception {
        Path data = tmp.getRoot().toPath();
        Files.createDirectories(data.resolve("ocn"));
        Files.writeString(data.resolve("ocn").resolve(SecretFiles.PRIVATE_KEY_FILE), "garbage");
        new SecretFiles(data).privateKey();
    }
}
