package dev.tcpconform.core.bed;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.target.ExternalDevice;
import dev.tcpconform.core.target.ExternalTarget;
import dev.tcpconform.core.target.LinuxNetnsTarget;
import dev.tcpconform.core.target.ProxyTarget;
import dev.tcpconform.core.target.TapAgentTarget;
import dev.tcpconform.core.target.Target;
import dev.tcpconform.core.target.TargetProfile;
import dev.tcpconform.core.target.UnsupportedByTargetException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of the harness on this machine: its ID, its reaper (armed before anything is created)
 * and a pool of lanes, at most {@code maxLanes} at a time (packetimpact's DUT pool). A lane's
 * index (its names and its /24) is used again once a lane holding it has closed cleanly, so a
 * run may open any number of lanes one after another, 256 at a time at most. Every lane carries
 * its tests over the bed's {@link IpVersion}; a target whose profile does not list the version
 * ({@code ip = 4 6}) has no lane of it: asking for one is {@link UnsupportedByTargetException} (not applicable, not
 * failed).
 */
public final class Testbed implements AutoCloseable {

  private final RunId run;
  private final Reaper reaper;
  private final Semaphore lanes;
  /** Lane indexes taken: by an open lane, or by one whose cleanup failed. Guarded by itself. */
  private final java.util.BitSet taken = new java.util.BitSet(256);
  private final AtomicInteger opened = new AtomicInteger();
  private final Duration readyTimeout;
  private final TargetProfile profile;
  /** The one device of an external target, checked at start; null for the others. */
  private final ExternalDevice external;
  private final IpVersion ipVersion;
  private volatile boolean closed;

  private Testbed(RunId run, Reaper reaper, int maxLanes, Duration readyTimeout,
      TargetProfile profile, ExternalDevice external, IpVersion ipVersion) {
    this.run = run;
    this.reaper = reaper;
    this.lanes = new Semaphore(maxLanes, true);
    this.readyTimeout = readyTimeout;
    this.profile = profile;
    this.external = external;
    this.ipVersion = ipVersion;
  }

  /** A test bed of Linux lanes. */
  public static Testbed start(int maxLanes, Duration readyTimeout) {
    return start(maxLanes, readyTimeout, TargetProfile.load(TargetProfile.DEFAULT));
  }

  /**
   * Checks the machine and the target's prerequisites, picks a run ID, arms the reaper (sweeping
   * dead runs' leftovers).
   */
  public static Testbed start(int maxLanes, Duration readyTimeout, TargetProfile profile) {
    return start(maxLanes, readyTimeout, profile, IpVersion.V4);
  }

  /** As above, every lane over {@code ipVersion}. */
  public static Testbed start(int maxLanes, Duration readyTimeout, TargetProfile profile,
      IpVersion ipVersion) {
    Preflight.check();
    profile.checkAvailable();
    // an external device is one lane: its addresses are the user's, not one /24 per lane
    ExternalDevice external =
        profile.attach().equals("external") ? ExternalDevice.fromProperties(ipVersion) : null;
    RunId run = RunId.fresh();
    Reaper reaper = Reaper.arm(run);
    return new Testbed(run, reaper, external == null ? maxLanes : 1, readyTimeout, profile,
        external, ipVersion);
  }

  /** The target every lane of this bed runs. */
  public TargetProfile profile() {
    return profile;
  }

  /** The IP version every lane of this bed carries its tests over. */
  public IpVersion ipVersion() {
    return ipVersion;
  }

  /** Whether this bed's target has lanes of its IP version (the profile's {@code ip}). */
  public boolean offersIpVersion() {
    return profile.offersIp(ipVersion.number());
  }

  public RunId run() {
    return run;
  }

  /** Lanes opened so far in this run. */
  public int lanesOpened() {
    return opened.get();
  }

  /** A new lane of the bed's target; blocks while {@code maxLanes} lanes are open. Close it to free its slot. */
  public Lane openLane() {
    if (closed) {
      throw new HarnessException("the test bed of run " + run.prefix() + " is closed");
    }
    if (!offersIpVersion()) {
      throw new UnsupportedByTargetException("target " + profile.name() + " does not come up"
          + " with " + ipVersion + " (its profile's ip: " + profile.ipVersions() + "): the run over "
          + ipVersion + " does not apply to it");
    }
    try {
      if (!lanes.tryAcquire(10, TimeUnit.MINUTES)) {
        throw new HarnessException("no lane became free within 10 minutes (a lane is not closed?)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while waiting for a lane", e);
    }
    int index = takeIndex();
    if (index > 255) {
      lanes.release();
      throw new HarnessException("more than 256 lanes at once or left behind in one run:"
          + " 198.18.0.0/16 has no /24 left");
    }
    try {
      LanePlan plan = external == null ? LanePlan.of(run, index, ipVersion) : external.plan();
      Target target = switch (profile.attach()) {
        case "tap" -> TapAgentTarget.create(profile, reaper, plan, readyTimeout);
        case "proxy" -> ProxyTarget.create(profile, reaper, plan, readyTimeout);
        case "external" -> ExternalTarget.open(external, readyTimeout);
        default -> LinuxNetnsTarget.create(reaper, plan, readyTimeout);
      };
      Lane lane = Lane.open(reaper, plan, target, cleanly -> {
        if (cleanly) {
          giveBack(index);
        }
        lanes.release();
      });
      opened.incrementAndGet();
      return lane;
    } catch (RuntimeException e) {
      lanes.release();
      throw e;
    }
  }

  /** The lowest index no lane holds, taken; 256 if none is left. */
  private int takeIndex() {
    synchronized (taken) {
      int i = taken.nextClearBit(0);
      if (i <= 255) {
        taken.set(i);
      }
      return i;
    }
  }

  private void giveBack(int index) {
    synchronized (taken) {
      taken.clear(index);
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
