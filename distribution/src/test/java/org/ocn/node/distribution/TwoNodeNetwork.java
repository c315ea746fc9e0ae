package org.ocn.node.distribution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ocn.node.registry.chain.testing.LocalChain;

/**
 * Two nodes of the built distribution on one local chain (anvil with the OCN Registry and Permissions contracts):
 * node 1 operated by {@link #NODE1_KEY}, node 2 by {@link #NODE2_KEY}, both listed in the registry at their URLs and
 * reading it every 200 ms (or at the interval the test chooses). {@link #prepare} starts the chain and lists the
 * nodes; the test lists its parties, then {@link #start} starts the nodes.
 */
final class TwoNodeNetwork implements AutoCloseable {

    static final String NODE1_KEY = LocalChain.KEYS.get(1);
    static final String NODE2_KEY = LocalChain.KEYS.get(2);

    private final LocalChain chain;
    private final NodeProcess node1;
    private final NodeProcess node2;

    private TwoNodeNetwork(LocalChain chain, NodeProcess node1, NodeProcess node2) {
        this.chain = chain;
        this.node1 = node1;
        this.node2 = node2;
    }

    /**
     * Starts the chain, unpacks the distribution into {@code target/it/<name>} and lists both nodes, which read the
     * registry every 200 ms.
     *
     * @param extraArgs more {@code -D} arguments for both nodes
     */
    static TwoNodeNetwork prepare(String name, String... extraArgs) throws Exception {
        return prepare(name, 200, extraArgs);
    }

    /**
     * Starts the chain, unpacks the distribution into {@code target/it/<name>} and lists both nodes.
     *
     * @param pollIntervalMs how often the nodes read the registry ({@code pollIntervalMs} in
     *                       {@code etc/ocn.registry.chain.cfg}; the distribution ships 2000)
     * @param extraArgs      more {@code -D} arguments for both nodes
     */
    static TwoNodeNetwork prepare(String name, long pollIntervalMs, String... extraArgs) throws Exception {
        LocalChain chain = LocalChain.start();
        try {
            Path home = NodeProcess.unpack(name);
            Path chainCfg = home.resolve("etc/ocn.registry.chain.cfg");
            String cfg = Files.readString(chainCfg);
            if (!cfg.contains("pollIntervalMs = 2000")) {
                throw new IllegalStateException("no 'pollIntervalMs = 2000' to replace in " + chainCfg + ":\n" + cfg);
            }
            Files.writeString(chainCfg, cfg.replace("pollIntervalMs = 2000", "pollIntervalMs = " + pollIntervalMs));
            int port1 = NodeProcess.freePort();
            int port2 = NodeProcess.freePort();
            chain.setNode(NODE1_KEY, "http://localhost:" + port1);
            chain.setNode(NODE2_KEY, "http://localhost:" + port2);
            return new TwoNodeNetwork(chain,
                    NodeProcess.on(port1, home, home.resolve("data-1"), args(chain, NODE1_KEY, port1, extraArgs)),
                    NodeProcess.on(port2, home, home.resolve("data-2"), args(chain, NODE2_KEY, port2, extraArgs)));
        } catch (Exception | AssertionError e) {
            chain.close();
            throw e;
        }
    }

    private static List<String> args(LocalChain chain, String key, int port, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("-Docn.node.apikey=" + NodeProcess.ADMIN_KEY,
                "-Docn.node.url=http://localhost:" + port, "-Docn.node.privateKey=" + key,
                "-Docn.node.web3.provider=" + chain.url(), "-Docn.node.web3.contracts.registry=" + chain.registry(),
                "-Docn.node.web3.contracts.permissions=" + chain.permissions()));
        args.addAll(List.of(extraArgs));
        return args;
    }

    /** Starts node 1, then node 2, each until {@code /health} answers 200. */
    TwoNodeNetwork start() throws Exception {
        node1.start();
        node2.start();
        return this;
    }

    LocalChain chain() {
        return chain;
    }

    NodeProcess node1() {
        return node1;
    }

    NodeProcess node2() {
        return node2;
    }

    /** Stops both nodes (those that started) and the chain. */
    @Override
    public void close() throws InterruptedException {
        node1.close();
        node2.close();
        chain.close();
    }
}
