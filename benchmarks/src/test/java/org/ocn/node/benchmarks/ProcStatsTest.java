package org.ocn.node.benchmarks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class ProcStatsTest {

    @Test
    public void cpuTicksAreUtimePlusStimeWhateverTheThreadName() {
        // a HotSpot compiler thread: its name holds a space; utime 1234, stime 56 (fields 14 and 15)
        String stat = "4242 (C2 CompilerThre) S 1 4242 4242 0 -1 4194624 100 0 0 0 1234 56 0 0 20 0 30 0 123 0 0";
        assertEquals(1290, ProcStats.cpuTicks(stat));
        assertEquals(7, ProcStats.cpuTicks("1 (a (b) c) R 0 1 1 0 -1 0 0 0 0 0 3 4 0 0 20 0 1 0 1 0 0"));
    }

    @Test
    public void thisProcessHasUsedCpu() {
        assertTrue(ProcStats.cpuNanos(ProcessHandle.current().pid()) > 0);
        assertEquals(-1, ProcStats.cpuNanos(Long.MAX_VALUE));
    }
}
