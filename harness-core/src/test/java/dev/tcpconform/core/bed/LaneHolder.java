package dev.tcpconform.core.bed;

import java.time.Duration;

/**
 * A child JVM for clean-up tests: starts a test bed, opens a lane, prints
 * {@code up <namespace> <agent pid>}, then waits to be killed.
 */
public final class LaneHolder {

  private LaneHolder() {}

  public static void main(String[] args) throws InterruptedException {
    Testbed bed = Testbed.start(1, Duration.ofSeconds(20));
    Lane lane = bed.openLane();
    System.out.println("up " + lane.plan().namespace() + " " + lane.plan().hostInterface() + " "
        + lane.target().agent().orElseThrow().pid());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
