package dev.tcpconform.core.target;

import java.util.List;

/**
 * A deliberate fault applied to a target, to show that a conformance test catches the violation.
 * Verified on this project's machines (kernel 6.x): nftables rules that drop or rewrite segments
 * ({@code tcp flags set ...}, {@code tcp checksum set tcp checksum ^ 1}) in the input and output
 * hooks, and sysctls. The kernel has no tc classifier or action modules there (matchall, u32,
 * pedit, csum fail with "TC classifier not found"), so tc is only for qdiscs such as netem.
 *
 * @param description what the fault breaks, for reports
 * @param kind how it is applied
 * @param arguments the sysctl key and value, the nft script, the tc arguments ({@code {dev}}
 *     stands for the target's interface), or the link MTU
 * @param arguments the sysctl key and value, the nft script, or the tc or ip arguments
 *     ({@code {dev}} stands for the target's interface, {@code {peer}} for the peer's address)
 */
public record Fault(String description, Kind kind, List<String> arguments) {

  /** How a fault is applied inside the target. */
  public enum Kind {
    SYSCTL,
    NFT,
    TC,
    ROUTE,
    AGENT,
    LINK_MTU,
    /** {@code ip ...} in the target's namespace: route metrics (initcwnd), link settings. */
    IP
  }

  public Fault {
    arguments = List.copyOf(arguments);
  }

  public static Fault sysctl(String key, String value) {
    return new Fault("sysctl " + key + "=" + value, Kind.SYSCTL, List.of(key, value));
  }

  /** An nftables script, fed to {@code nft -f -} in the target's namespace. */
  public static Fault nft(String script) {
    String rule = script.lines().map(String::strip)
        .filter(l -> l.contains(" drop") || l.contains(" set ")).findFirst()
        .orElse(script.strip().lines().findFirst().orElse(""));
    return new Fault("nft: " + rule, Kind.NFT, List.of(script));
  }

  /** {@code tc} with these arguments; {@code {dev}} is replaced by the target's interface. */
  public static Fault tc(String... arguments) {
    return new Fault("tc " + String.join(" ", arguments), Kind.TC, List.of(arguments));
  }

  /**
   * Per-destination TCP settings added to the target's routes to the peer ({@code quickack 1},
   * {@code rto_min 1000ms}, {@code initcwnd 3}, {@code congctl reno}); the routes keep the
   * attributes they had.
   */
  public static Fault route(String... attributes) {
    return new Fault("route to the peer: " + String.join(" ", attributes), Kind.ROUTE,
        List.of(attributes));
  }

  /**
   * A deliberately broken application: a request the target's agent takes before the test, such
   * as {@code setopt * nodelay 1} (every later connection without Nagle's algorithm).
   */
  public static Fault agent(String request) {
    return new Fault("agent: " + request, Kind.AGENT, List.of(request));
  }

  /**
   * The MTU of the target's end of its link set to {@code mtu}: a target that believes its link
   * carries larger datagrams than the tests assume (the lanes' links are 1500 octets). The
   * harness's end takes up to {@code VethPair.HARNESS_END_MTU} (3000) whatever the fault, and
   * refuses a larger one.
   */
  public static Fault linkMtu(int mtu) {
    return new Fault("link MTU " + mtu, Kind.LINK_MTU, List.of(String.valueOf(mtu)));
  }

  /**
   * {@code ip} with these arguments in the target's namespace; {@code {dev}} is replaced by the
   * target's interface and {@code {peer}} by the peer's address, e.g.
   * {@code ip("route", "replace", "{peer}/32", "dev", "{dev}", "initcwnd", "3")} for what no
   * sysctl sets (per-destination metrics such as initcwnd, device limits such as gso_max_segs).
   */
  public static Fault ip(String... arguments) {
    return new Fault("ip " + String.join(" ", arguments), Kind.IP, List.of(arguments));
  }

  @Override
  public String toString() {
    return description;
  }

  /**
   * What a target that takes no faults says when given one: fault demonstrations run against
   * the default target.
   */
  static dev.tcpconform.core.HarnessException refusedBy(String target, Fault fault) {
    return new dev.tcpconform.core.HarnessException(target + " takes no faults (" + fault
        + "): fault demonstrations run against " + TargetProfile.DEFAULT);
  }
}
