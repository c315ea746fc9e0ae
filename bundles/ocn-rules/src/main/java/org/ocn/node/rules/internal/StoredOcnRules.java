package org.ocn.node.rules.internal;

import java.sql.SQLException;
import java.util.Optional;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.Platform;
import org.ocn.node.rules.OcnRules;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link OcnRules} service: the rules of the platform that hosts the recipient now. A party not hosted by a
 * registered platform has no rules: everything passes, no signatures are asked for, and it may know of everyone.
 *
 * <p>Immediate, so that at start the rules of platforms that unregistered while this bundle was not running are
 * dropped.
 */
@Component(name = "ocn.rules", service = OcnRules.class, immediate = true)
public class StoredOcnRules implements OcnRules {

    private final PartyDirectory directory;
    private final RulesBook book;

    @Activate
    public StoredOcnRules(@Reference PartyDirectory directory, @Reference RulesBook book) throws SQLException {
        this.directory = directory;
        this.book = book;
        book.keepOnly(directory.platforms().stream().filter(Platform::isRegistered).map(Platform::id).toList());
    }

    @Override
    public Optional<String> refusal(PartyId recipient, PartyId sender, String module) {
        return rulesOf(recipient).flatMap(rules -> rules.refusal(recipient, sender, module));
    }

    @Override
    public boolean signaturesRequired(PartyId recipient) {
        return rulesOf(recipient).map(PlatformRules::signatures).orElse(false);
    }

    @Override
    public boolean mayKnowOf(PartyId recipient, PartyId other) {
        // a party always knows of itself, whatever its whitelist says
        return recipient.equals(other) || rulesOf(recipient).map(rules -> rules.mayKnowOf(other)).orElse(true);
    }

    private Optional<PlatformRules> rulesOf(PartyId recipient) {
        return directory.findByParty(recipient).filter(Platform::isRegistered).map(p -> book.rules(p.id()));
    }
}
