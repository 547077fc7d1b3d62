package dev.tcpconform.core.bed;

/**
 * A TAP device in the harness's namespace for a user-space stack: the stack's process holds the
 * device's file and owns the target's address and MAC; the harness captures and injects on the
 * kernel's side of it, which has no address and IPv6 off, so the host stays silent (frames for
 * the emulated peer's MAC are not the host's and go no further). Registered with the reaper
 * before it exists.
 */
public final class TapDevice implements AutoCloseable {

  private final Reaper reaper;
  private final String name;
  private boolean closed;

  private TapDevice(Reaper reaper, String name) {
    this.reaper = reaper;
    this.name = name;
  }

  public static TapDevice create(Reaper reaper, String name) {
    reaper.registerLink(name);
    Sh.run("ip", "tuntap", "add", "dev", name, "mode", "tap");
    TapDevice tap = null;
    try {
      Sh.run("sysctl", "-q", "-w", "net.ipv6.conf." + name + ".disable_ipv6=1");
      Sh.run("ip", "link", "set", name, "up", "promisc", "on");
      // as on a veth's harness end: without segment offloads libpcap's ring holds many frames
      Sh.run("ethtool", "-K", name, "tso", "off", "gso", "off", "gro", "off");
      tap = new TapDevice(reaper, name);
      return tap;
    } finally {
      if (tap == null) {
        Sh.tryRun("ip", "link", "del", name);
        reaper.forgetLink(name);
      }
    }
  }

  public String name() {
    return name;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Sh.tryRun("ip", "link", "del", name);
    reaper.forgetLink(name);
  }
}
