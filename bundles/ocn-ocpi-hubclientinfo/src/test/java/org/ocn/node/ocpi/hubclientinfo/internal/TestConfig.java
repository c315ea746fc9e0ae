package org.ocn.node.ocpi.hubclientinfo.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.ocn.node.settings.NodeConfiguration;

/** A node configuration as DS hands it over: an annotation instance answering from a map, defaults otherwise. */
final class TestConfig {

    /** Account 1 of the OCN development mnemonic: a test key only. */
    static final String NODE_KEY = "ae6ae8e5ccbfb04590405997ee2d52d2b330726137b875053c36d94e974d162f";

    private TestConfig() {
    }

    /** @param values by method name, for example {@code ocn_node_stillAliveRate} */
    static NodeConfiguration node(Map<String, Object> values) {
        return (NodeConfiguration) Proxy.newProxyInstance(NodeConfiguration.class.getClassLoader(),
                new Class<?>[] {NodeConfiguration.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getName().equals("ocn_node_privateKey")) {
                        return NODE_KEY;
                    }
                    return method.getDefaultValue();
                });
    }
}
