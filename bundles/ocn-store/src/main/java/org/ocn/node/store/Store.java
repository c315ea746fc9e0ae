package org.ocn.node.store;

/** Names shared by the store and the bundles that use it. */
public final class Store {

    /** Service property of the node's main {@link javax.sql.DataSource}. */
    public static final String DATA_SOURCE_PROPERTY = "ocn.datasource";

    /** Its value for the main database. */
    public static final String MAIN = "main";

    /** Target filter for a {@code @Reference} to the main database. */
    public static final String DATA_SOURCE_TARGET = "(" + DATA_SOURCE_PROPERTY + "=" + MAIN + ")";

    private Store() {
    }
}
