package org.ocn.node.store.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.apache.derby.jdbc.EmbeddedDriver;
import org.ocn.node.settings.NodeConfiguration;
import org.ocn.node.spi.health.HealthIndicator;
import org.ocn.node.spi.health.HealthState;
import org.ocn.node.store.Store;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.LoggerFactory;

/**
 * The node's embedded Derby database at {@code ${ocn.node.dataDir}/derby/ocn}, offered as the main
 * {@link DataSource}. Derby writes and syncs its log on every commit, so committed state survives a {@code kill -9}.
 * The database and the Derby engine are shut down when the component deactivates, which stops Derby's threads.
 */
@Component(name = "ocn.store", configurationPid = NodeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {DataSource.class, HealthIndicator.class},
        property = {Store.DATA_SOURCE_PROPERTY + "=" + Store.MAIN, HealthIndicator.NAME + "=store"})
public class DerbyStore implements DataSource, HealthIndicator {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(DerbyStore.class);
    private static final String SHUTDOWN_OK = "08006";
    private static final String ENGINE_SHUTDOWN_OK = "XJ015";

    private final EmbeddedDataSource derby;
    private final Path location;

    @Activate
    public DerbyStore(NodeConfiguration config) throws Exception {
        location = Path.of(config.ocn_node_dataDir()).resolve("derby").resolve("ocn");
        Files.createDirectories(location.getParent());
        derby = new EmbeddedDataSource();
        derby.setDatabaseName(location.toString());
        derby.setCreateDatabase("create");
        long start = System.nanoTime();
        try (Connection c = derby.getConnection()) {
            // boots the database (creating it on first start) so that failures surface here
            c.isValid(1);
        }
        LOG.info("Database open at {} ({} ms)", location, (System.nanoTime() - start) / 1_000_000);
    }

    @Modified
    void modified(NodeConfiguration config) {
        Path wanted = Path.of(config.ocn_node_dataDir()).resolve("derby").resolve("ocn");
        if (!wanted.equals(location)) {
            LOG.warn("ocn.node.dataDir changed to {}; the database stays at {} until the node restarts",
                    config.ocn_node_dataDir(), location);
        }
    }

    @Deactivate
    void deactivate() {
        EmbeddedDataSource shutdown = new EmbeddedDataSource();
        shutdown.setDatabaseName(location.toString());
        shutdown.setShutdownDatabase("shutdown");
        try {
            shutdown.getConnection().close();
        } catch (SQLException e) {
            if (!SHUTDOWN_OK.equals(e.getSQLState())) {
                LOG.warn("Database shutdown: {}", e.getMessage());
            }
        }
        try {
            new EmbeddedDriver().connect("jdbc:derby:;shutdown=true", new Properties());
        } catch (SQLException e) {
            if (!ENGINE_SHUTDOWN_OK.equals(e.getSQLState())) {
                LOG.warn("Derby engine shutdown: {}", e.getMessage());
            }
        }
        LOG.info("Database closed");
    }

    @Override
    public HealthState check() {
        try (Connection c = derby.getConnection(); Statement s = c.createStatement()) {
            s.execute("VALUES 1");
            return HealthState.up(null);
        } catch (SQLException e) {
            return HealthState.down(e.getMessage());
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return derby.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return derby.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return derby.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        throw new SQLFeatureNotSupportedException("the node's data source is shared; its log writer is fixed");
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        throw new SQLFeatureNotSupportedException("the node's data source is shared; its login timeout is fixed");
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return derby.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
