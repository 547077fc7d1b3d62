package dev.tcpconform.crafter;

import dev.tcpconform.crafter.codec.Malformation;
import java.util.List;
import java.util.StringJoiner;

/**
 * A decoded Ethernet frame: a TCP segment, an ARP message, an ICMPv6 message, or anything else
 * (kept as bytes).
 */
public sealed interface Frame permits Frame.Tcp, Frame.Arp, Frame.Icmpv6, Frame.Other {

  /** The frame's bytes as captured. */
  byte[] raw();

  /**
   * A TCP segment over IPv4 or IPv6 (possibly with malformations, see {@link
   * Segment#malformations()}).
   */
  record Tcp(byte[] raw, Segment segment) implements Frame {}

  /** An ARP message for IPv4 over Ethernet. */
  record Arp(byte[] raw, ArpMessage arp) implements Frame {}

  /**
   * An ICMPv6 message, Neighbor Discovery decoded; {@code checksumOk} is the verdict on its
   * checksum over the IPv6 pseudo-header, {@code malformations} what was wrong, the rules of RFC
   * 4861 section 7.1 for a valid solicitation or advertisement included (hop limit 255...). A
   * responder answers only a frame with neither fault.
   */
  record Icmpv6(byte[] raw, Icmpv6Packet packet, boolean checksumOk,
      List<Malformation> malformations) implements Frame {

    /** The packet's notation, then its faults in brackets, as a segment's. */
    public String notation() {
      StringJoiner j = new StringJoiner(", ", " [", "]");
      j.setEmptyValue("");
      if (!checksumOk) {
        j.add("bad icmp6 cksum");
      }
      for (Malformation m : malformations) {
        j.add("malformed: " + m.reason());
      }
      return packet + j.toString();
    }
  }

  /**
   * Any other frame, or one that could not be decoded; {@code etherType} is -1 when the frame is
   * too short to have one.
   */
  record Other(byte[] raw, int etherType, List<Malformation> malformations) implements Frame {}
}
