package org.ocn.node.health.internal;

import java.util.Map;

import org.ocn.node.spi.health.HealthState;

/** The node's health, as {@code /health} reports it; used inside this bundle. */
public interface HealthReport {

    /** @return the state of every indicator and every required name */
    Map<String, HealthState> states();

    /** @return whether every required part is up in these states */
    boolean up(Map<String, HealthState> states);
}
