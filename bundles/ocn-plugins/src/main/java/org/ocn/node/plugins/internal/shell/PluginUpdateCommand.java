package org.ocn.node.plugins.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ocn.node.plugins.internal.AuditLog;
import org.ocn.node.plugins.internal.FetchedArtifact;
import org.ocn.node.plugins.internal.PluginManager;

/** {@code ocn:plugin-update <id> [<source>]}: updates a plugin as {@code PUT /admin/plugins/{id}} does. */
@Service
@Command(scope = "ocn", name = "plugin-update",
        description = "Updates a plugin in place; without a source, from where it was installed")
public class PluginUpdateCommand implements Action {

    @Argument(index = 0, name = "id", required = true, description = "the plugin's id (its bundle symbolic name)")
    String id;

    @Argument(index = 1, name = "source", required = false,
            description = "a file path, a URL or a Maven coordinate of the new version")
    String source;

    @Reference
    PluginManager plugins;

    @Override
    public Object execute() throws Exception {
        return ShellOutcome.run(() -> {
            if (source == null) {
                return plugins.update(id, null, "its own location", AuditLog.SHELL).plugins();
            }
            FetchedArtifact artifact = plugins.fetch(source);
            return plugins.update(id, artifact.file(), artifact.source(), AuditLog.SHELL).plugins();
        }, "Updated");
    }
}
