/**
 * Servlet helpers shared by the node's HTTP endpoints: OCPI envelopes with the request ids echoed, bounded body
 * reading, and API-key checks. Node-internal: the plugins SDK exposes no servlet types.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.ocn.node.web.servlet;
