package dev.tcpconform.core.bed;

import java.util.ArrayList;
import java.util.List;

/** A network namespace the harness created: registered with the reaper first, then made. */
public final class NetNamespace implements AutoCloseable {

  private final String name;
  private final Reaper reaper;
  private boolean closed;

  private NetNamespace(String name, Reaper reaper) {
    this.name = name;
    this.reaper = reaper;
  }

  /**
   * Creates the namespace with IPv6 off (no DAD, MLD or router solicitations) and lo up. An IPv6
   * lane turns it on for the target's veth end alone ({@link VethPair}).
   */
  public static NetNamespace create(Reaper reaper, String name) {
    reaper.registerNamespace(name);
    Sh.run("ip", "netns", "add", name);
    NetNamespace ns = new NetNamespace(name, reaper);
    try {
      ns.sysctl("net.ipv6.conf.all.disable_ipv6", "1");
      ns.sysctl("net.ipv6.conf.default.disable_ipv6", "1");
      Sh.run("ip", "-n", name, "link", "set", "lo", "up");
      return ns;
    } catch (RuntimeException e) {
      ns.close();
      throw e;
    }
  }

  public String name() {
    return name;
  }

  /** Runs {@code argv} inside the namespace; returns its stdout. */
  public String exec(String... argv) {
    return Sh.run(inside(argv));
  }

  /** Runs {@code argv} inside the namespace with {@code input} on its stdin. */
  public String execWithInput(String input, String... argv) {
    return Sh.runWithInput(input, inside(argv));
  }

  /** The command line that runs {@code argv} inside the namespace. */
  public List<String> command(List<String> argv) {
    List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", name));
    c.addAll(argv);
    return c;
  }

  private String[] inside(String... argv) {
    return command(List.of(argv)).toArray(new String[0]);
  }

  public void sysctl(String key, String value) {
    exec("sysctl", "-q", "-w", key + "=" + value);
  }

  public String sysctl(String key) {
    return exec("sysctl", "-n", key).trim();
  }

  /** Kills whatever still runs in it, deletes it. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Reaper.removeNamespace(name);
    reaper.forgetNamespace(name);
  }
}
