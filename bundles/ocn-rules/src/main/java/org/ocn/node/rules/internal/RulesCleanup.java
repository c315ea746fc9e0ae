package org.ocn.node.rules.internal;

import java.sql.SQLException;

import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.PartyListener;
import org.ocn.node.parties.Platform;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops a platform's rules when it unregisters: if its parties come back, they register as a new platform, which
 * starts without rules. A credentials update keeps the platform, and its rules. No reference to the directory (it
 * is passed in), which would be a cycle (see {@link PartyListener}).
 */
@Component(name = "ocn.rules.cleanup", service = PartyListener.class)
public class RulesCleanup implements PartyListener {

    private static final Logger LOG = LoggerFactory.getLogger(RulesCleanup.class);

    private final RulesBook book;

    @Activate
    public RulesCleanup(@Reference RulesBook book) {
        this.book = book;
    }

    @Override
    public void platformChanged(PartyDirectory directory, Platform before, Platform after) {
        if (before != null && before.isRegistered() && !after.isRegistered()) {
            try {
                book.drop(after.id());
            } catch (SQLException e) {
                // harmless but for the space: a platform id is never used again, so its rules never apply again
                LOG.warn("OcnRules of unregistered platform {} not dropped: {}", after.id(), e.getMessage());
            }
        }
    }
}
