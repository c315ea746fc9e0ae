package org.ocn.node.plugins.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ocn.node.plugins.internal.AuditLog;
import org.ocn.node.plugins.internal.PluginManager;

/** {@code ocn:plugin-uninstall <id>}: uninstalls a plugin as {@code DELETE /admin/plugins/{id}} does. */
@Service
@Command(scope = "ocn", name = "plugin-uninstall", description = "Uninstalls a plugin (and refreshes)")
public class PluginUninstallCommand implements Action {

    @Argument(index = 0, name = "id", required = true, description = "the plugin's id (its bundle symbolic name)")
    String id;

    @Reference
    PluginManager plugins;

    @Override
    public Object execute() throws Exception {
        return ShellOutcome.run(() -> List.of(plugins.uninstall(id, AuditLog.SHELL)), "Uninstalled");
    }
}
