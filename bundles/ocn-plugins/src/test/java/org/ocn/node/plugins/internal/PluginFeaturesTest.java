package org.ocn.node.plugins.internal;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PluginFeaturesTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aFeatureFromAnUnpackedKarNamesItsKar() throws Exception {
        Path karFolder = tmp.newFolder("kar").toPath();
        Path xml = Files.createDirectories(karFolder.resolve("it-kar-echo/repository")).resolve("features.xml");
        KarafCalls.KarafCall<List<String>> notAsked = () -> {
            throw new AssertionError("the installed KARs are only asked for mvn: repositories");
        };
        assertEquals(Optional.of("it-kar-echo"), PluginFeatures.karOf(xml.toUri().toString(), karFolder, notAsked));
        assertEquals(Optional.empty(), PluginFeatures.karOf(karFolder.toUri().toString(), karFolder, notAsked));
        assertEquals(Optional.empty(), PluginFeatures.karOf(tmp.getRoot().toPath().resolve("x-features.xml").toUri()
                .toString(), karFolder, notAsked));
        assertEquals(Optional.empty(), PluginFeatures.karOf("http://example.com/features.xml", karFolder, notAsked));
        assertEquals(Optional.empty(), PluginFeatures.karOf(null, karFolder, notAsked));
    }

    @Test
    public void aMavenRepositoryUrlIsFoundInTheInstalledKarThatHoldsIt() throws Exception {
        Path karFolder = tmp.newFolder("kar").toPath();
        String stored = "org/ocn/node/it/kar-echo-features/1.0.0/kar-echo-features-1.0.0-features.xml";
        Files.createDirectories(karFolder.resolve("other/repository"));
        Path underRepository = karFolder.resolve("it-kar-echo/repository").resolve(stored);
        Files.createDirectories(underRepository.getParent());
        Files.writeString(underRepository, "<features/>");
        Path atTheTop = karFolder.resolve("flat").resolve(stored);
        Files.createDirectories(atTheTop.getParent());
        Files.writeString(atTheTop, "<features/>");
        String url = "mvn:org.ocn.node.it/kar-echo-features/1.0.0/xml/features";

        assertEquals(Optional.of("it-kar-echo"), PluginFeatures.karOf(url, karFolder, () -> List.of("other",
                "it-kar-echo")));
        assertEquals(Optional.of("flat"), PluginFeatures.karOf(url, karFolder, () -> List.of("flat")));
        assertEquals("a KAR that is no longer installed", Optional.empty(),
                PluginFeatures.karOf(url, karFolder, () -> List.of("other")));
        assertEquals(Optional.empty(), PluginFeatures.karOf("mvn:not/a", karFolder, () -> List.of("it-kar-echo")));
    }
}
