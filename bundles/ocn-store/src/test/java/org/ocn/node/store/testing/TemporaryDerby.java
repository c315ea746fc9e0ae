package org.ocn.node.store.testing;

import java.sql.SQLException;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;

/**
 * A real Derby database in a temporary folder, for the unit tests of the bundles that own tables: the tests run the
 * same SQL the node runs, on files on disk, and can reopen the database to see what survives. Shared through the
 * store's test jar.
 *
 * <pre>
 * &#64;Rule public TemporaryDerby derby = new TemporaryDerby();
 * ... new StoredPartyDirectory(derby.dataSource()) ...
 * </pre>
 */
public class TemporaryDerby extends ExternalResource {

    private final TemporaryFolder folder = new TemporaryFolder();
    private EmbeddedDataSource dataSource;

    @Override
    protected void before() throws Throwable {
        folder.create();
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(folder.getRoot().toPath().resolve("db").toString());
        dataSource.setCreateDatabase("create");
    }

    @Override
    protected void after() {
        EmbeddedDataSource shutdown = new EmbeddedDataSource();
        shutdown.setDatabaseName(dataSource.getDatabaseName());
        shutdown.setShutdownDatabase("shutdown");
        try {
            shutdown.getConnection().close();
        } catch (SQLException expected) {
            // 08006: the database is shut down
        }
        folder.delete();
    }

    /** @return the database; a new connection per call, as the node's data source gives */
    public EmbeddedDataSource dataSource() {
        return dataSource;
    }
}
