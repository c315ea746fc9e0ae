package org.ocn.node.plugins.internal.shell;

import java.util.List;

import org.ocn.node.plugins.internal.Plugin;
import org.ocn.node.plugins.internal.PluginException;

/** What the plugin commands print: one line per plugin, or the reason of a refusal (as the admin API gives it). */
final class ShellOutcome {

    private ShellOutcome() {
    }

    interface Change {
        List<Plugin> run() throws PluginException;
    }

    /** Runs a change and prints its result; a refusal is thrown, and the shell prints its reason. */
    static Object run(Change change, String verb) throws PluginException {
        List<Plugin> plugins = change.run();
        if (plugins.isEmpty()) {
            System.out.println(verb + ": no bundle");
        }
        for (Plugin p : plugins) {
            System.out.println(verb + " " + p.id() + " " + p.version() + " [bundle " + p.bundleId() + "] " + p.state()
                    + (p.modules().isEmpty() ? "" : " modules " + p.modules())
                    + (p.services().isEmpty() ? "" : " services " + p.services())
                    + (p.error() == null ? "" : ": " + p.error()));
        }
        return null;
    }
}
