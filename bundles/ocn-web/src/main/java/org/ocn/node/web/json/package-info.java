/**
 * The OCPI JSON codec of the node: reads and writes the OCPI common types with OCPI's field names, and reports
 * invalid payloads with the path of the offending field. Node-internal: plugins see only the plain types of
 * {@code org.ocn.node.api.ocpi}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.ocn.node.web.json;
