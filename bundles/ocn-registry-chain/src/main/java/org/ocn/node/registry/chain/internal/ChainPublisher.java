package org.ocn.node.registry.chain.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.registry.RegistryPublisher;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes this node's services on chain: the service's party listed in the Registry with this node as operator and
 * role OTHER ({@code setPartyRaw}), its service on the Permissions contract ({@code setServiceRaw}), and removed from
 * there ({@code deleteServiceRaw}); each call signed by the service's key ({@link RawCalls}) and sent from the node's
 * operator account ({@link ChainTransactions}). The contracts are read first (at the latest block) and only what
 * differs is sent.
 */
final class ChainPublisher implements RegistryPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ChainPublisher.class);
    private static final List<Integer> ROLES = List.of(Role.OTHER.ordinal());
    private static final long LATEST = -1;

    private final RegistryContracts contracts;
    private final ChainTransactions transactions;
    private final String registry;
    private final String permissions;

    /**
     * @param registry    the Registry contract's address
     * @param permissions the Permissions contract's address, or blank when the node has none (then only parties are
     *                    listed)
     */
    ChainPublisher(RegistryContracts contracts, ChainTransactions transactions, String registry, String permissions) {
        this.contracts = contracts;
        this.transactions = transactions;
        this.registry = registry;
        this.permissions = permissions == null || permissions.isBlank() ? null : permissions;
    }

    @Override
    public List<String> publishService(String serviceKey, PartyId party, String name, String url,
                                       List<Integer> needs) throws PublicationException {
        ECKeyPair key = key(serviceKey);
        String address = Credentials.create(key).getAddress();
        String operator = transactions.sender();
        List<String> sent = new ArrayList<>();
        try {
            RegistryContracts.PartyDetails listed = contracts.partyDetailsByAddress(address, LATEST);
            boolean listedSo = listed.countryCode().equals(party.countryCode())
                    && listed.partyId().equals(party.partyId()) && listed.roles().equals(ROLES)
                    && listed.operator().equalsIgnoreCase(operator);
            if (!listedSo) {
                byte[] params = RawCalls.setPartyParams(address, party, ROLES, operator);
                sent.add(transactions.send(registry, RawCalls.setPartyRaw(address, party, ROLES, operator,
                        RawCalls.sign(params, key)), "setPartyRaw of " + party));
            }
            if (permissions == null) {
                LOG.warn("Service {} listed as a party only: no Permissions contract is configured"
                        + " (ocn.node.web3.contracts.permissions)", party);
                return sent;
            }
            RegistryContracts.ServiceDetails service = contracts.service(address, LATEST);
            boolean exists = !service.name().isEmpty() || !service.url().isEmpty();
            if (needs.isEmpty()) {
                // the contract takes no service without permissions: one set earlier would be out of date
                if (exists) {
                    sent.add(deleteService(key, address, party));
                }
                return sent;
            }
            if (!exists || !service.name().equals(name) || !service.url().equals(url)
                    || !service.permissions().equals(needs)) {
                byte[] params = RawCalls.setServiceParams(name, url, needs);
                sent.add(transactions.send(permissions, RawCalls.setServiceRaw(name, url, needs,
                        RawCalls.sign(params, key)), "setServiceRaw of " + party));
            }
            return sent;
        } catch (IOException e) {
            throw new PublicationException("the registry could not be read: " + e.getMessage(), true, e);
        }
    }

    @Override
    public List<String> unpublishService(String serviceKey) throws PublicationException {
        if (permissions == null) {
            return List.of();
        }
        ECKeyPair key = key(serviceKey);
        String address = Credentials.create(key).getAddress();
        try {
            RegistryContracts.ServiceDetails service = contracts.service(address, LATEST);
            if (service.name().isEmpty() && service.url().isEmpty()) {
                return List.of();
            }
            String cc = service.countryCode();
            return List.of(deleteService(key, address, cc.isEmpty() ? address : cc + "/" + service.partyId()));
        } catch (IOException e) {
            throw new PublicationException("the Permissions contract could not be read: " + e.getMessage(), true, e);
        }
    }

    private String deleteService(ECKeyPair key, String address, Object who) throws PublicationException {
        return transactions.send(permissions, RawCalls.deleteServiceRaw(address,
                RawCalls.sign(RawCalls.deleteServiceParams(address), key)), "deleteServiceRaw of " + who);
    }

    private static ECKeyPair key(String serviceKey) throws PublicationException {
        try {
            return Credentials.create(serviceKey).getEcKeyPair();
        } catch (RuntimeException e) {
            throw new PublicationException("not a private key", false, e);
        }
    }
}
