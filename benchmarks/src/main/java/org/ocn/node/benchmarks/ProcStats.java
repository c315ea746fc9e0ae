package org.ocn.node.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU and resident memory of another process, read from Linux's /proc. */
final class ProcStats {

    /** Clock ticks per second of /proc/PID/stat: 100 on every Linux the JDK runs on (USER_HZ). */
    static final long TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** @return user + system CPU time of the process so far, in nanoseconds (10 ms resolution) */
    static long cpuNanos(long pid) {
        try {
            return cpuTicks(Files.readString(Path.of("/proc/" + pid + "/stat"))) * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * @return user + system CPU time so far of the JIT compiler threads of the processes (HotSpot's "C1 CompilerThread"
     *         and "C2 CompilerThread"), in nanoseconds (10 ms resolution)
     */
    static long compilerCpuNanos(long... pids) {
        long ticks = 0;
        for (long pid : pids) {
            try (var tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : tasks) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                            ticks += cpuTicks(stat);
                        }
                    } catch (IOException | RuntimeException e) {
                        // the thread ended
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /**
     * @return user + system CPU time so far of this process's children that ended and were waited for, in
     *         nanoseconds (10 ms resolution): the JDK waits for every process it started, so a child's whole CPU time
     *         is in here once {@link Process#waitFor} has returned
     */
    static long endedChildrenCpuNanos() {
        try {
            return childTicks(Files.readString(Path.of("/proc/self/stat"))) * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** @return utime + stime (fields 14 and 15) of a process's or thread's {@code stat} line, in clock ticks */
    static long cpuTicks(String stat) {
        String[] fields = fields(stat);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** @return cutime + cstime (fields 16 and 17) of a process's {@code stat} line: its waited-for children's */
    static long childTicks(String stat) {
        String[] fields = fields(stat);
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    /** @return the fields of a stat line from the third (the state) on */
    private static String[] fields(String stat) {
        // the command name (field 2) may hold spaces and parentheses: count from the last closing parenthesis
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** @return the resident set (VmRSS) of the process, in MB, or NaN when it is gone */
    static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return Double.NaN;
    }

    /** Samples a process's resident memory every 100 ms while a phase runs and keeps the highest. */
    static final class PeakRss implements AutoCloseable {
        private final Thread sampler;
        private volatile double peak;
        private volatile boolean running = true;

        PeakRss(long... pids) {
            sampler = new Thread(() -> {
                while (running) {
                    double total = 0;
                    for (long pid : pids) {
                        total += rssMb(pid);
                    }
                    peak = Math.max(peak, total / pids.length);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        /** @return the highest resident memory seen (the mean over the processes, when several), in MB */
        double peakMb() {
            return peak;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            sampler.interrupt();
            sampler.join();
        }
    }
}
