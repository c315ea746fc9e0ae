package org.ocn.node.spi.parties;

import java.util.List;
import java.util.Optional;

import org.ocn.node.api.ocpi.PartyId;
import org.osgi.annotation.versioning.ProviderType;

/** The parties this node knows, read only; answered from memory. */
@ProviderType
public interface PartyView {

    /** @return every party known: connected here, planned, of other nodes, and the services running here */
    List<PartyInfo> parties();

    /** @return one party, if known */
    Optional<PartyInfo> party(PartyId party);
}
