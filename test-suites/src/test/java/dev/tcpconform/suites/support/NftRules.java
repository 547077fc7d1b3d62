package dev.tcpconform.suites.support;

import dev.tcpconform.core.target.Fault;

/**
 * One-rule netfilter faults in the target's namespace, each named by what it does (the name
 * shows in the rule's comment and in the report): the building blocks of the fault
 * demonstrations and of the mutants.
 */
public final class NftRules {

  private NftRules() {}

  /** Drops every segment the target sends that matches {@code match} (nft syntax). */
  public static Fault dropOutgoing(String what, String match) {
    return rule(what, "output", match + " drop");
  }

  /** Drops every segment the target receives that matches {@code match}. */
  public static Fault dropIncoming(String what, String match) {
    return rule(what, "input", match + " drop");
  }

  /** Rewrites segments as they reach (input) or leave (output) the target's TCP. */
  public static Fault rewrite(String what, String hook, String rule) {
    return rule(what, hook, rule);
  }

  private static Fault rule(String what, String hook, String rule) {
    return Fault.nft("table inet tcpconform_fault {\n"
        + "  chain " + hook + " {\n"
        + "    type filter hook " + hook + " priority 0; policy accept;\n"
        + "    " + rule + " comment \"" + what + "\"\n"
        + "  }\n"
        + "}\n");
  }
}
