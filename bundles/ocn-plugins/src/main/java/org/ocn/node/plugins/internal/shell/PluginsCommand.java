package org.ocn.node.plugins.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.ocn.node.plugins.internal.Plugin;
import org.ocn.node.plugins.internal.PluginManager;

/** {@code ocn:plugins}: the plugins, as {@code GET /admin/plugins} lists them, as a table. */
@Service
@Command(scope = "ocn", name = "plugins", description = "Lists the plugins: the bundles that are not part of the node")
public class PluginsCommand implements Action {

    @Reference
    PluginManager plugins;

    @Override
    public Object execute() throws Exception {
        ShellTable table = new ShellTable();
        table.column("Bundle");
        table.column("Id");
        table.column("Version");
        table.column("State");
        table.column("Modules");
        table.column("Services");
        table.column("Error");
        for (Plugin p : plugins.list()) {
            table.addRow().addContent(p.bundleId(), p.id(), p.version(), p.state(), String.join(", ", p.modules()),
                    String.join(", ", p.services()), p.error() == null ? "" : p.error());
        }
        table.print(System.out);
        return null;
    }
}
