package org.ocn.node.admin.internal.shell;

import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ocn.node.admin.internal.PartyEntries;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.parties.DirectoryException;
import org.ocn.node.parties.PartyDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ocn:party-unregister DE/MSP}: unregisters the platform holding the party, as
 * {@code DELETE /admin/parties/DE/MSP} does; a new registration token can then be issued for it.
 */
@Service
@Command(scope = "ocn", name = "party-unregister", description = "Unregisters the platform of a party (all its"
        + " parties become SUSPENDED, its tokens die); a new registration token can then be issued for the party")
public class PartyUnregisterCommand implements Action {

    private static final Logger LOG = LoggerFactory.getLogger(PartyUnregisterCommand.class);

    @Argument(index = 0, name = "party", required = true, description = "country code and party id, as DE/MSP")
    String party;

    @Reference
    PartyDirectory directory;

    @Override
    public Object execute() {
        String[] parts = party.split("/", -1);
        PartyId id;
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected COUNTRY_CODE/PARTY_ID, as DE/MSP");
            }
            id = PartyId.of(parts[0], parts[1]);
        } catch (IllegalArgumentException e) {
            System.err.println("Not a party: " + party + ": " + e.getMessage());
            return null;
        }
        try {
            Optional<PartyEntries.PartyEntry> gone = new PartyEntries(directory).unregister(id);
            if (gone.isEmpty()) {
                System.err.println("Party " + id + " is not known to this node");
            } else {
                LOG.info("Shell: party {} unregistered (platform {})", id, gone.get().platformId());
                System.out.println("Unregistered " + id + " (platform " + gone.get().platformId() + "): "
                        + gone.get().status());
            }
        } catch (DirectoryException e) {
            System.err.println("Party " + id + " not unregistered: " + e.getMessage());
        }
        return null;
    }
}
