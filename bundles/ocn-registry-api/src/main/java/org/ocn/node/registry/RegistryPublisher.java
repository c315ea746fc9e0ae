package org.ocn.node.registry;

import java.util.List;

import org.ocn.node.api.ocpi.PartyId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Writes the services of this node into the registry on chain: their party listing (Registry contract) and their
 * service (Permissions contract). Registered by the on-chain registry only, and only when the node is on a chain.
 *
 * <p>Every write is signed by the service's own key through the contracts' {@code *Raw} functions (the contract
 * recovers the service's address from the signature) and sent as a transaction from the node's operator account
 * ({@code ocn.node.privateKey}), which pays the gas. The methods read the contracts first and send only what differs,
 * so calling them again is cheap and sends nothing; they block until the transactions are mined (seconds): call them
 * from a thread of your own, never on a request path.
 */
@ProviderType
public interface RegistryPublisher {

    /**
     * Lists the service's party with this node as operator and role {@code OTHER} ({@code setPartyRaw}), then sets
     * its service on the Permissions contract ({@code setServiceRaw}). The contract refuses a service without
     * permissions: with none, a service set earlier is deleted and only the party is listed.
     *
     * @param serviceKey  the service's private key, 64 hex digits; it signs, it is never sent
     * @param party       the service's OCPI identity
     * @param name        its name
     * @param url         a public URL describing it, may be empty
     * @param permissions its permission ids (Permissions contract numbers)
     * @return the hashes of the transactions sent, in order; empty when the chain already listed it so
     * @throws PublicationException when a read or a transaction failed
     */
    List<String> publishService(String serviceKey, PartyId party, String name, String url, List<Integer> permissions)
            throws PublicationException;

    /**
     * Deletes the service from the Permissions contract ({@code deleteServiceRaw}). Its party listing stays, so that
     * agreements made with it keep their meaning when it comes back and its identity stays reserved for its key.
     *
     * @param serviceKey the service's private key, 64 hex digits
     * @return the hashes of the transactions sent; empty when it had no service on the Permissions contract
     * @throws PublicationException when a read or a transaction failed
     */
    List<String> unpublishService(String serviceKey) throws PublicationException;

    /** A write that did not happen. */
    final class PublicationException extends Exception {

        private static final long serialVersionUID = 1L;

        private final boolean retryable;

        /**
         * @param message   what failed and why (a contract's revert reason when it refused)
         * @param retryable whether trying again later may succeed (the chain was unreachable, a transaction was not
         *                  mined in time); {@code false} when a contract refused
         */
        public PublicationException(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        /** @return whether trying again later may succeed */
        public boolean retryable() {
            return retryable;
        }
    }
}
