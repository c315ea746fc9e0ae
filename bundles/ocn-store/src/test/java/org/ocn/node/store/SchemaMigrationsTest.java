package org.ocn.node.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.ocn.node.store.testing.TemporaryDerby;

/** Migrations against a real Derby database in a folder on disk. */
public class SchemaMigrationsTest {

    @Rule
    public TemporaryDerby derby = new TemporaryDerby();

    private EmbeddedDataSource ds;

    @Before
    public void open() {
        ds = derby.dataSource();
    }

    @Test
    public void appliesOnlyNewStepsAndKeepsOwnersApart() throws Exception {
        List<String> v1 = List.of("CREATE TABLE A_T (ID INT PRIMARY KEY)");
        assertEquals(1, SchemaMigrations.apply(ds, "a", v1));
        assertEquals(0, SchemaMigrations.apply(ds, "a", v1));
        List<String> v2 = List.of(v1.get(0), "ALTER TABLE A_T ADD COLUMN NAME VARCHAR(10)");
        assertEquals(1, SchemaMigrations.apply(ds, "a", v2));
        assertEquals(1, SchemaMigrations.apply(ds, "b", List.of("CREATE TABLE B_T (ID INT)")));

        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO A_T (ID, NAME) VALUES (1, 'x')");
            try (ResultSet rs = s.executeQuery("SELECT OWNER, VERSION FROM OCN_SCHEMA_VERSION ORDER BY OWNER")) {
                assertTrue(rs.next());
                assertEquals("a", rs.getString(1));
                assertEquals(2, rs.getInt(2));
                assertTrue(rs.next());
                assertEquals("b", rs.getString(1));
                assertEquals(1, rs.getInt(2));
            }
        }
    }

    @Test
    public void aFailingStepIsRolledBackAndReported() throws Exception {
        List<String> steps = List.of("CREATE TABLE C_T (ID INT)", "ALTER TABLE NO_SUCH ADD COLUMN X INT");
        try {
            SchemaMigrations.apply(ds, "c", steps);
            fail("expected the second step to fail");
        } catch (SQLException expected) {
            // the first step stays applied, the second is not
        }
        assertEquals(1, SchemaMigrations.apply(ds, "c", List.of(steps.get(0), "ALTER TABLE C_T ADD COLUMN X INT")));
    }

    @Test(expected = SQLException.class)
    public void refusesToRunOnANewerSchema() throws Exception {
        SchemaMigrations.apply(ds, "d", List.of("CREATE TABLE D1 (ID INT)", "CREATE TABLE D2 (ID INT)"));
        SchemaMigrations.apply(ds, "d", List.of("CREATE TABLE D1 (ID INT)"));
    }
}
