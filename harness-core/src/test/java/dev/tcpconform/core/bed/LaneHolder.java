package dev.tcpconform.core.bed;

import dev.tcpconform.core.target.TargetProfile;
import java.time.Duration;

/**
 * A child JVM for clean-up tests: starts a test bed of the target named by its argument
 * ({@code linux-netns} when none is given) and prints {@code run <run ID>}, opens a lane, prints
 * {@code up <namespace> <host interface> <agent pid>}, then waits to be killed. On a TAP target
 * the host interface is the TAP device and the namespace is a name nothing was created under.
 */
public final class LaneHolder {

  private LaneHolder() {}

  public static void main(String[] args) throws InterruptedException {
    String profile = args.length > 0 ? args[0] : TargetProfile.DEFAULT;
    Testbed bed = Testbed.start(1, Duration.ofSeconds(20), TargetProfile.load(profile));
    System.out.println("run " + bed.run().hex());
    System.out.flush();
    Lane lane = bed.openLane();
    System.out.println("up " + lane.plan().namespace() + " " + lane.plan().hostInterface() + " "
        + lane.target().agent().orElseThrow().pid());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
