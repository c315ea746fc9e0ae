package org.ocn.node.admin.internal.shell;

import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.ocn.node.admin.internal.PartyEntries;
import org.ocn.node.parties.PartyDirectory;

/** {@code ocn:parties}: the parties of this node, as {@code GET /admin/parties} lists them, as a table. */
@Service
@Command(scope = "ocn", name = "parties", description = "Lists the parties of this node: roles, status, OCPI version,"
        + " endpoints, when last seen")
public class PartiesCommand implements Action {

    @Reference
    PartyDirectory directory;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Party");
        table.column("Roles");
        table.column("Status");
        table.column("Platform");
        table.column("OCPI");
        table.column("Last seen");
        table.column("Endpoints");
        for (PartyEntries.PartyEntry e : new PartyEntries(directory).list()) {
            table.addRow().addContent(e.party(), e.roles().stream().map(Enum::name).collect(Collectors.joining(", ")),
                    e.status(), e.platformId(), e.version() == null ? "" : e.version().text(),
                    e.lastSeen() == null ? "never" : e.lastSeen(),
                    e.endpoints().stream().map(x -> x.identifier() + " " + x.role().name().toLowerCase())
                            .collect(Collectors.joining(", ")));
        }
        table.print(System.out);
        return null;
    }
}
