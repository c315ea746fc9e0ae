/**
 * The node's database: a {@link javax.sql.DataSource} service selected with {@link Store#DATA_SOURCE_TARGET}, and
 * {@link SchemaMigrations} with which the bundle that owns a table creates and migrates it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.ocn.node.store;
