package org.ocn.node.examples.settlement.internal;

import java.nio.file.Path;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;

/** A real Derby database in a folder, as the node's main data source is: opened, shut down, and opened again. */
final class DerbyFolder {

    private final Path location;

    DerbyFolder(Path location) {
        this.location = location;
    }

    /** @return a data source on the database, created on first use */
    DataSource open() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(location.toString());
        ds.setCreateDatabase("create");
        return ds;
    }

    /** Shuts the database down, as a node stop does: what was committed is on disk. */
    void shutdown() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(location.toString());
        ds.setShutdownDatabase("shutdown");
        try {
            ds.getConnection().close();
        } catch (SQLException expected) {
            if (!"08006".equals(expected.getSQLState())) {
                throw new IllegalStateException(expected);
            }
        }
    }
}
