package dev.tcpconform.core.bed;

import dev.tcpconform.core.HarnessException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of the harness on this machine: its ID, its reaper (armed before anything is created)
 * and a pool of lanes, at most {@code maxLanes} at a time (packetimpact's DUT pool).
 */
public final class Testbed implements AutoCloseable {

  private final RunId run;
  private final Reaper reaper;
  private final Semaphore lanes;
  private final AtomicInteger nextIndex = new AtomicInteger();
  /**
   * Indices of closed lanes, given to later lanes: a run may open more than 256 lanes (one per
   * fault demonstration), never more than 256 at a time.
   */
  private final java.util.concurrent.ConcurrentLinkedQueue<Integer> freeIndices =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final AtomicInteger opened = new AtomicInteger();
  private final Duration readyTimeout;
  private volatile boolean closed;

  private Testbed(RunId run, Reaper reaper, int maxLanes, Duration readyTimeout) {
    this.run = run;
    this.reaper = reaper;
    this.lanes = new Semaphore(maxLanes, true);
    this.readyTimeout = readyTimeout;
  }

  /** Checks the machine, picks a run ID, arms the reaper (sweeping dead runs' leftovers). */
  public static Testbed start(int maxLanes, Duration readyTimeout) {
    Preflight.check();
    RunId run = RunId.fresh();
    Reaper reaper = Reaper.arm(run);
    return new Testbed(run, reaper, maxLanes, readyTimeout);
  }

  public RunId run() {
    return run;
  }

  /** Lanes opened so far in this run. */
  public int lanesOpened() {
    return opened.get();
  }

  /** A new Linux lane; blocks while {@code maxLanes} lanes are open. Close it to free its slot. */
  public Lane openLane() {
    if (closed) {
      throw new HarnessException("the test bed of run " + run.prefix() + " is closed");
    }
    try {
      if (!lanes.tryAcquire(10, TimeUnit.MINUTES)) {
        throw new HarnessException("no lane became free within 10 minutes (a lane is not closed?)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while waiting for a lane", e);
    }
    Integer reused = freeIndices.poll();
    int index = reused != null ? reused : nextIndex.getAndIncrement();
    if (index > 255) {
      lanes.release();
      throw new HarnessException("more than 256 lanes open at once: 198.18.0.0/16 has no /24 left");
    }
    try {
      Lane lane = Lane.openLinux(reaper, LanePlan.of(run, index), readyTimeout, () -> {
        freeIndices.add(index);
        lanes.release();
      });
      opened.incrementAndGet();
      return lane;
    } catch (RuntimeException e) {
      lanes.release(); // the index is not reused: what failed to open may still hold its names
      throw e;
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    reaper.close();
  }
}
