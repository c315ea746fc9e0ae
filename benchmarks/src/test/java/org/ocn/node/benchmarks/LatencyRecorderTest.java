package org.ocn.node.benchmarks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class LatencyRecorderTest {

    private static final long MS = 1_000_000;

    @Test
    public void percentilesAreNearestRank() {
        LatencyRecorder r = new LatencyRecorder(1000);
        for (int i = 1000; i >= 1; i--) { // 1..1000 ms, recorded out of order
            r.record(i, i * MS);
        }
        LatencyRecorder.Percentiles p = r.percentiles();
        assertEquals(1000, p.count());
        assertEquals(500.0, p.p50(), 0);
        assertEquals(990.0, p.p99(), 0);
        assertEquals(999.0, p.p999(), 0);
        assertEquals(1000.0, p.max(), 0);
    }

    @Test
    public void smallSamplesTakeTheSampleAtOrAboveTheRank() {
        long[] sorted = {10, 20, 30};
        assertEquals(20, LatencyRecorder.Percentiles.rank(sorted, 50));
        assertEquals(30, LatencyRecorder.Percentiles.rank(sorted, 99));
        assertEquals(10, LatencyRecorder.Percentiles.rank(sorted, 0));
        assertEquals(10, LatencyRecorder.Percentiles.rank(new long[] {10}, 99.9));
    }

    @Test
    public void aWindowCountsTheRequestsDueWithinIt() {
        LatencyRecorder r = new LatencyRecorder(10);
        r.record(100, 1 * MS);
        r.record(200, 50 * MS); // due in the window: delayed by the swap
        r.record(250, 70 * MS);
        r.record(300, 2 * MS);
        LatencyRecorder.Percentiles w = r.percentilesDueBetween(200, 300);
        assertEquals(2, w.count());
        assertEquals(70.0, w.max(), 0);
        assertEquals(50.0, w.p50(), 0);
    }

    @Test
    public void samplesBeyondTheCapacityAreCountedAsDropped() {
        LatencyRecorder r = new LatencyRecorder(2);
        r.record(1, 1);
        r.record(2, 2);
        r.record(3, 3);
        assertEquals(2, r.count());
        assertEquals(1, r.dropped());
    }

    @Test
    public void noSamplesGiveNoPercentiles() {
        LatencyRecorder.Percentiles p = new LatencyRecorder(4).percentiles();
        assertEquals(0, p.count());
        assertTrue(Double.isNaN(p.p99()));
    }
}
