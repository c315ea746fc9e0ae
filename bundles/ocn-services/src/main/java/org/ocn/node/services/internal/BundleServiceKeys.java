package org.ocn.node.services.internal;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.crypto.EcSignature;
import org.ocn.node.crypto.Ethereum;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.services.RunningService;
import org.ocn.node.spi.services.ServiceKeys;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The SPI's {@link ServiceKeys}: the keys the node keeps for its services ({@link ServiceKeyFiles}), one instance per
 * bundle that uses it (bundle scope), so that a bundle signs only with the keys of the services it registered itself.
 * Addresses of running services and verification are open to every bundle.
 */
@Component(name = "ocn.services.keys", service = ServiceKeys.class, scope = ServiceScope.BUNDLE)
public class BundleServiceKeys implements ServiceKeys {

    private final RunningServices services;
    private final long bundleId;

    @Activate
    public BundleServiceKeys(@Reference RunningServices services, ComponentContext context) {
        this(services, context.getUsingBundle().getBundleId());
    }

    BundleServiceKeys(RunningServices services, long bundleId) {
        this.services = services;
        this.bundleId = bundleId;
    }

    @Override
    public String address(PartyId service) {
        return services.find(service).map(RunningService::address).orElseThrow(() ->
                new IllegalArgumentException("No service " + service + " runs on this node"));
    }

    @Override
    public String sign(PartyId service, byte[] message) {
        EthereumKey key = services.keyRegisteredBy(service, bundleId).orElseThrow(() -> new IllegalArgumentException(
                "No service " + service + " was registered by bundle " + bundleId + ": it signs only for its own"));
        return "0x" + key.signPrefixedMessage(message).toHex();
    }

    @Override
    public boolean verify(byte[] message, String signature, String address) {
        EcSignature parsed;
        try {
            parsed = EcSignature.fromHex(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Ethereum.recoverPrefixedMessageSigner(message, parsed)
                .map(signer -> Ethereum.sameAddress(signer, address)).orElse(false);
    }
}
