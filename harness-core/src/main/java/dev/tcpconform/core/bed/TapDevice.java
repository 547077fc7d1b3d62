package dev.tcpconform.core.bed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

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

  /**
   * Waits until the kernel has the device operationally up: its carrier comes on when the stack's
   * process attaches to it, but its transmit queue is activated only when the kernel's link-watch
   * work runs, which waits for the RTNL lock (busy while namespaces come and go); a frame injected
   * before then is dropped without a word. Returns whether it came up within {@code timeout}.
   */
  public boolean awaitOperational(Duration timeout) {
    Path operstate = Path.of("/sys/class/net", name, "operstate");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (operstate(operstate).equals("up")) {
        return true;
      }
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** The device's state as the kernel reports it ({@code up}, {@code down}...), or what failed. */
  public String operstate() {
    return operstate(Path.of("/sys/class/net", name, "operstate"));
  }

  private static String operstate(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      return "unreadable (" + e.getMessage() + ")";
    }
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
