package org.ocn.node.services.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.ocn.node.settings.NodeConfiguration;

/** A node configuration as DS hands it over: an annotation instance answering from a map, defaults otherwise. */
final class TestConfig {

    private TestConfig() {
    }

    /** @param values by method name, for example {@code ocn_node_dataDir} */
    static NodeConfiguration node(Map<String, Object> values) {
        return (NodeConfiguration) Proxy.newProxyInstance(NodeConfiguration.class.getClassLoader(),
                new Class<?>[] {NodeConfiguration.class}, (proxy, method, args) ->
                        values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }
}
