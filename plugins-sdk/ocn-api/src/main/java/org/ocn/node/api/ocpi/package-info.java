/**
 * OCPI 2.2.1 common types shared by the node and its plugins: the response envelope, status codes, roles,
 * party identifiers, credentials, versions and endpoints.
 *
 * <p>The types are immutable JDK records and enums with no third-party annotations, so that plugins do not depend
 * on the JSON library the node happens to use. JSON field names are the OCPI ones (snake case); every record
 * documents its mapping.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.ocn.node.api.ocpi;
