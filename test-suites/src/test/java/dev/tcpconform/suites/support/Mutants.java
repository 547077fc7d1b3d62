package dev.tcpconform.suites.support;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.target.Fault;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mutation matrix's catalogue: Linux targets each broken in one way (a netfilter rule, a
 * sysctl, a route attribute, a qdisc or a misbehaving application), applied to every lane of a
 * run when system property {@code tcpconform.mutant} names one. {@code ./tcpconform mutants}
 * runs the whole suite once per mutant and reports which tests catch each (fail where the
 * unmutated target passes), and which mutant no test catches. Mutants named {@code conforming-*}
 * only turn optional features off: the target still conforms, and any test failing against one
 * is a false alarm of the suite.
 */
public final class Mutants {

  /** A mutant: what is broken, and the faults that break it. */
  public record Mutant(String name, String what, List<Fault> faults) {}

  private static final Map<String, Mutant> ALL = new LinkedHashMap<>();

  static {
    add("rst-not-sent", "the target's RSTs never leave it",
        NftRules.dropOutgoing("RSTs never leave", "tcp flags & rst == rst"));
    add("rst-not-received", "RSTs never reach the target's TCP",
        NftRules.dropIncoming("RSTs never arrive", "tcp flags & rst == rst"));
    add("rst-becomes-ack", "an arriving RST is read as a bare ACK",
        NftRules.rewrite("RST becomes ACK", "input", "tcp flags & rst == rst tcp flags set ack"));
    add("empty-acks-lost", "no empty ACK (challenge ACKs, ACKs of data and FIN) leaves",
        NftRules.dropOutgoing("no empty ACK leaves", NftLength.bare() + " tcp flags == ack"));
    add("fin-not-sent", "the target's FINs never leave it",
        NftRules.dropOutgoing("FINs never leave", "tcp flags & fin == fin"));
    add("peer-window-ignored", "every arriving non-SYN segment advertises 65535",
        NftRules.rewrite("peer's window read as 65535", "input",
            "tcp flags & syn == 0x0 tcp window set 65535"));
    add("no-synack-retransmission", "an unanswered SYN,ACK is never sent again",
        Fault.sysctl("net.ipv4.tcp_synack_retries", "0"));
    // optional features turned off: still a conforming stack, so nothing may fail (the tests of
    // the feature are skipped); a failure here would be a violation the suite invented
    add("conforming-no-window-scaling", "window scaling turned off (optional: nothing may fail)",
        Fault.sysctl("net.ipv4.tcp_window_scaling", "0"));
    add("conforming-no-sack", "SACK turned off (optional: nothing may fail)",
        Fault.sysctl("net.ipv4.tcp_sack", "0"));
    add("conforming-no-timestamps", "RFC 7323 timestamps turned off (optional: nothing may fail)",
        Fault.sysctl("net.ipv4.tcp_timestamps", "0"));
    add("no-ecn", "ECN turned off", Fault.sysctl("net.ipv4.tcp_ecn", "0"));
    add("syn-cookies-always", "every SYN answered from a SYN cookie",
        Fault.sysctl("net.ipv4.tcp_syncookies", "2"));
    add("fast-retransmit-after-one-dupack", "a single duplicate ACK triggers fast retransmit",
        Fault.sysctl("net.ipv4.tcp_reordering", "1"));
    add("bbr", "BBR instead of the stock congestion control", Fault.route("congctl", "bbr"));
    add("no-delayed-ack", "every segment acknowledged at once", Fault.route("quickack", "1"));
    add("initial-window-20", "an initial window of 20 segments", Fault.route("initcwnd", "20"));
    add("slow-link", "the target's way out is a 800 bit/s link",
        Fault.tc("qdisc", "add", "dev", "{dev}", "root", "tbf", "rate", "800bit", "burst", "60",
            "limit", "3000"));
    add("nagle-off", "the application turns Nagle's algorithm off on every connection",
        Fault.agent("setopt * nodelay 1"));
  }

  private Mutants() {}

  private static void add(String name, String what, Fault... faults) {
    ALL.put(name, new Mutant(name, what, List.of(faults)));
  }

  /** Every mutant, in catalogue order. */
  public static List<Mutant> all() {
    return List.copyOf(ALL.values());
  }

  /** The mutant this run applies ({@code -Dtcpconform.mutant=NAME}), if any. */
  public static Optional<Mutant> current() {
    String name = System.getProperty("tcpconform.mutant", "").strip();
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Mutant m = ALL.get(name);
    if (m == null) {
      throw new HarnessException("no mutant '" + name + "': known mutants are "
          + String.join(", ", ALL.keySet()));
    }
    return Optional.of(m);
  }
}
