package org.ocn.node.plugins.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

public class MavenCoordinateTest {

    @Test
    public void readsMavensNotation() throws Exception {
        MavenCoordinate c = MavenCoordinate.parse("org.example:echo:1.0.0");
        assertEquals(new MavenCoordinate("org.example", "echo", "jar", null, "1.0.0"), c);
        assertEquals("org/example/echo/1.0.0/", c.versionFolder());
        assertEquals("echo-1.0.0.jar", c.fileName(c.version()));
        assertEquals("org.example:echo:1.0.0", c.toString());

        MavenCoordinate features = MavenCoordinate.parse("org.example:echo:xml:features:2.0");
        assertEquals("echo-2.0-features.xml", features.fileName("2.0"));
        assertEquals("kar", MavenCoordinate.parse("org.example:echo:kar:2.0").extension());
        assertEquals("jar", MavenCoordinate.parse("org.example:echo:bundle:2.0").extension());
    }

    @Test
    public void readsKarafsNotation() throws Exception {
        assertEquals(new MavenCoordinate("org.example", "echo", "jar", null, "1.0.0"),
                MavenCoordinate.parse("mvn:org.example/echo/1.0.0"));
        MavenCoordinate c = MavenCoordinate.parse("mvn:org.example/echo/1.0.0-SNAPSHOT/xml/features");
        assertEquals("features", c.classifier());
        assertTrue(c.snapshot());
        assertEquals("echo-1.0.0-20260101.120000-3-features.xml", c.fileName("1.0.0-20260101.120000-3"));
    }

    @Test
    public void refusesWhatIsNoCoordinate() {
        for (String bad : new String[] {null, "", "echo", "org.example:echo", "a:b:c:d:e:f", "org.example:ec ho:1.0",
                "../..:x:1", "mvn:org.example/echo", "org.example:echo::1.0"}) {
            try {
                MavenCoordinate.parse(bad);
                fail(bad);
            } catch (PluginException e) {
                assertEquals(PluginException.Reason.BAD_REQUEST, e.reason());
                assertTrue(e.getMessage(), e.getMessage().contains("groupId:artifactId:version"));
            }
        }
        assertNull(new MavenCoordinate("g", "a", "jar", null, "1").classifier());
    }
}
