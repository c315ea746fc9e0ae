package org.ocn.node.api.ocpi;

/** The connection status of a party at a hub ({@code ConnectionStatus} of the hubclientinfo module). */
public enum ConnectionStatus {
    /** Connected: requests can be sent. */
    CONNECTED,
    /** Known, but not reachable at the moment. */
    OFFLINE,
    /** Planned: never connected yet. */
    PLANNED,
    /** No longer active, will not connect again. */
    SUSPENDED
}
