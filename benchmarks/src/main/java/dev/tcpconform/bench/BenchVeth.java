package dev.tcpconform.bench;

import dev.tcpconform.core.bed.Reaper;
import dev.tcpconform.core.bed.Sh;
import dev.tcpconform.core.bed.VethPair;

/**
 * A veth pair in the harness's own namespace for the raw benchmarks, {@code tcb<run>-a} and
 * {@code tcb<run>-b}: no addresses, IPv6 off (so the host sends nothing on it), up and
 * promiscuous. Registered with the run's reaper before it exists, so the watchdog deletes it
 * even if the JVM is killed; deleted on close. It carries only the benchmark's frames, whose
 * destination MAC is no interface's, so the kernel drops them after the capture taps.
 */
final class BenchVeth implements AutoCloseable {

  private final Reaper reaper;
  private final String a;
  private final String b;
  private boolean closed;

  private BenchVeth(Reaper reaper, String a, String b) {
    this.reaper = reaper;
    this.a = a;
    this.b = b;
  }

  static BenchVeth create(Reaper reaper) {
    String a = "tcb" + reaper.run().hex() + "-a";
    String b = "tcb" + reaper.run().hex() + "-b";
    reaper.registerLink(a); // deleting one end of a veth deletes both
    Sh.run("ip", "link", "add", a, "type", "veth", "peer", "name", b);
    BenchVeth veth = new BenchVeth(reaper, a, b);
    try {
      for (String end : new String[] {a, b}) {
        Sh.run("sysctl", "-q", "-w", "net.ipv6.conf." + end + ".disable_ipv6=1");
        Sh.run("ip", "link", "set", end, "up", "promisc", "on");
      }
      return veth;
    } catch (RuntimeException e) {
      veth.close();
      throw e;
    }
  }

  /**
   * The receiving end set up as a lane's harness end is ({@link VethPair}): offloads off, MTU
   * {@link VethPair#HARNESS_END_MTU}.
   */
  void laneSettingsAtB() {
    Sh.run("ethtool", "-K", b, "tx", "off", "sg", "off", "tso", "off", "gso", "off", "gro",
        "off");
    Sh.run("ip", "link", "set", b, "mtu", String.valueOf(VethPair.HARNESS_END_MTU));
  }

  /** The sending end. */
  String a() {
    return a;
  }

  /** The receiving end. */
  String b() {
    return b;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Sh.tryRun("ip", "link", "del", a);
    reaper.forgetLink(a);
  }
}
