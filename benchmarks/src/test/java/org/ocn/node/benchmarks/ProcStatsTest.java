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
    public void childTicksAreCutimePlusCstime() {
        // cutime 7, cstime 8 (fields 16 and 17)
        String stat = "77 (java) S 1 77 77 0 -1 4194560 100 0 0 0 1234 56 7 8 20 0 30 0 123 0 0";
        assertEquals(15, ProcStats.childTicks(stat));
        assertEquals(1290, ProcStats.cpuTicks(stat));
    }

    @Test
    public void aChildsCpuCountsOnceItEnded() throws Exception {
        long before = ProcStats.endedChildrenCpuNanos();
        // about half a second of a shell's CPU
        Process p = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done").start();
        assertEquals(0, p.waitFor());
        long used = ProcStats.endedChildrenCpuNanos() - before;
        assertTrue(used + " ns", used >= 20_000_000);
    }

    @Test
    public void thisProcessHasUsedCpu() {
        assertTrue(ProcStats.cpuNanos(ProcessHandle.current().pid()) > 0);
        assertEquals(-1, ProcStats.cpuNanos(Long.MAX_VALUE));
    }
}
