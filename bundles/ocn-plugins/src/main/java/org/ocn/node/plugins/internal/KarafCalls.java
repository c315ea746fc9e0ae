package org.ocn.node.plugins.internal;

import org.ocn.node.plugins.internal.PluginException.Reason;

/** Calls to Karaf's services, which declare {@code throws Exception}: any failure is one the caller did not cause. */
final class KarafCalls {

    private KarafCalls() {
    }

    /** A call to one of Karaf's services. */
    interface KarafCall<T> {
        T call() throws Exception;
    }

    /** @return what Karaf answered; {@link Reason#FAILED} with Karaf's message when it failed */
    static <T> T ask(KarafCall<T> call) throws PluginException {
        try {
            return call.call();
        } catch (Exception e) {
            throw new PluginException(Reason.FAILED, "Karaf failed: " + e.getMessage(), e);
        }
    }
}
