package org.ocn.node.distribution.echo;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A plugin that resolves but does not start: {@code PluginManagementIT} reports it FAILED with this reason. */
public class FailingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("the failing plugin refuses to start");
    }

    @Override
    public void stop(BundleContext context) {
        // never started
    }
}
