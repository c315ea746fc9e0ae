package org.ocn.node.benchmarks;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What loads a target at saturation (closed loop, a fixed number of requests always in flight): {@link Wrk} where
 * it is installed, else the benchmark's own {@link LoadGenerator}.
 */
interface Saturator {

    /** @return which generator this is, for the log, the table and the JSON */
    String describe();

    /**
     * Keeps {@code inFlight} requests in flight for the warm-up and then the measured time.
     *
     * @param targetCpu the CPU time used so far by the processes serving the target, in ns, read at the start and
     *                  the end of the measured time
     */
    LoadGenerator.Outcome saturate(LoadGenerator.Target target, int inFlight, Duration warmup, Duration measure,
                                   LongSupplier targetCpu) throws Exception;
}
