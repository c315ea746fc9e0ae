package org.ocn.node.plugins.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;

public class NodeBundlesTest {

    @Test
    public void readsTheBootFeaturesAsKarafWritesThem() {
        assertEquals(List.of("scr", "log", "ocn-http", "ocn-node", "instance", "package", "kar"),
                NodeBundles.bootFeatureNames("\n    scr/4.4.8, \n    log/4.4.8,ocn-http/0.1.0.SNAPSHOT, ocn-node ,"
                        + " (instance, package/[4,5)), kar"));
        assertEquals(List.of(), NodeBundles.bootFeatureNames(""));
    }
}
