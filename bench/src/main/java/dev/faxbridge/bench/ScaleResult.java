package dev.faxbridge.bench;

import java.time.Duration;

/**
 * One idle-tenant scale run, observed over {@code measured} after every tenant existed.
 *
 * @param tenants tenants, each with one JWT connection and one mailbox, polling every minute
 * @param creation how long creating them through the operator API took (8 parallel callers)
 * @param measured the observation window
 * @param cpuCoreShare faxbridge's CPU time over the window's wall time (1.0 = one core busy)
 * @param machineShare the whole machine's busy time over wall time x cores (faxbridge, the emulator
 *     and benchmark, PostgreSQL together)
 * @param heapUsedMaxBytes the largest heap-in-use sample (actuator, every 5 s)
 * @param rssKib faxbridge's resident memory at the end of the window
 * @param peakRssKib faxbridge's peak resident memory since its start (VmHWM)
 * @param periods the time between consecutive listings of each mailbox (one per sync), since the
 *     first tenant was created
 * @param lagSamples scheduled_tasks samples taken (every 5 s)
 * @param lagMeanSeconds mean over samples of how overdue the most overdue not-yet-started sync was
 * @param lagMaxSeconds the largest such lateness seen
 * @param overdueMax the most syncs due for over a second but not started, in one sample
 * @param renewals token-endpoint calls during the window (access tokens renewed)
 */
record ScaleResult(
    int tenants,
    Duration creation,
    Duration measured,
    double cpuCoreShare,
    double benchCoreShare,
    double machineShare,
    long heapUsedMaxBytes,
    long rssKib,
    long peakRssKib,
    PollPeriods periods,
    int lagSamples,
    double lagMeanSeconds,
    double lagMaxSeconds,
    int overdueMax,
    int renewals) {}
