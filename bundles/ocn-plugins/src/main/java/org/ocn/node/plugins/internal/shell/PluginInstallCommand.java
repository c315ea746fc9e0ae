package org.ocn.node.plugins.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ocn.node.plugins.internal.AuditLog;
import org.ocn.node.plugins.internal.FetchedArtifact;
import org.ocn.node.plugins.internal.PluginManager;

/** {@code ocn:plugin-install <source>}: installs a plugin as {@code POST /admin/plugins} does. */
@Service
@Command(scope = "ocn", name = "plugin-install",
        description = "Installs a plugin: a bundle jar, a features XML or a KAR, from a file, a URL or a Maven coordinate")
public class PluginInstallCommand implements Action {

    @Argument(index = 0, name = "source", required = true,
            description = "a file path, a URL (file:, http:, https:), or a Maven coordinate (group:artifact:version or"
                    + " mvn:group/artifact/version) found in ocn.node.plugins.repositories")
    String source;

    @Reference
    PluginManager plugins;

    @Override
    public Object execute() throws Exception {
        return ShellOutcome.run(() -> {
            FetchedArtifact artifact = plugins.fetch(source);
            return plugins.install(artifact.file(), artifact.source(), AuditLog.SHELL).plugins();
        }, "Installed");
    }
}
