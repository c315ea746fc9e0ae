package org.ocn.node.registry;

import java.util.Objects;

/**
 * A node of the network.
 *
 * @param url             its public URL
 * @param operatorAddress its operator's Ethereum address, or {@code null} in local mode
 */
public record NodeListing(String url, String operatorAddress) {

    public NodeListing {
        Objects.requireNonNull(url, "url");
    }
}
