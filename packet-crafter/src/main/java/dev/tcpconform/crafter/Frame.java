package dev.tcpconform.crafter;

import dev.tcpconform.crafter.codec.Malformation;
import java.util.List;

/** A decoded Ethernet frame: a TCP segment, an ARP message, or anything else (kept as bytes). */
public sealed interface Frame permits Frame.Tcp, Frame.Arp, Frame.Other {

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
   * Any other frame, or one that could not be decoded; {@code etherType} is -1 when the frame is
   * too short to have one.
   */
  record Other(byte[] raw, int etherType, List<Malformation> malformations) implements Frame {}
}
