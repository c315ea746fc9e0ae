/**
 * The OCN notary: the {@code OCN-Signature} request header and {@code ocn_signature} response field, produced and
 * verified exactly as the reference node and its clients do (OCN notary 1.0: Brotli-compressed JSON in Base64; GZIP
 * is read too), with rewrites stashed whenever a node changes a signed value.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.ocn.node.notary;
