package org.ocn.node.benchmarks;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;

import org.junit.Test;

public class OptionsTest {

    @Test
    public void theGeneratorIsChosenOrAutomatic() {
        Path root = Path.of("/checkout");
        Options defaults = Options.parse(new String[0], root);
        assertEquals(Options.Generator.AUTO, defaults.generator());
        assertEquals(Runtime.getRuntime().availableProcessors(), defaults.wrkThreads());
        Options java = Options.parse(new String[] {"--generator", "java", "--wrk-threads", "4"}, root);
        assertEquals(Options.Generator.JAVA, java.generator());
        assertEquals(4, java.wrkThreads());
        assertEquals(Options.Generator.WRK, Options.parse(new String[] {"--generator", "WRK"}, root).generator());
    }

    @Test(expected = IllegalArgumentException.class)
    public void anUnknownGeneratorIsAnError() {
        Options.parse(new String[] {"--generator", "ab"}, Path.of("/checkout"));
    }
}
