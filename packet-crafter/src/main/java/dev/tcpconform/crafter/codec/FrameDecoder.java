package dev.tcpconform.crafter.codec;

import dev.tcpconform.crafter.ArpMessage;
import dev.tcpconform.crafter.ExtensionHeader;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Icmpv6Message;
import dev.tcpconform.crafter.Icmpv6Packet;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.Ipv6Address;
import dev.tcpconform.crafter.MacAddress;
import dev.tcpconform.crafter.NdOption;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.TcpFlags;
import dev.tcpconform.crafter.option.Eol;
import dev.tcpconform.crafter.option.MalformedOption;
import dev.tcpconform.crafter.option.Mss;
import dev.tcpconform.crafter.option.Nop;
import dev.tcpconform.crafter.option.Sack;
import dev.tcpconform.crafter.option.SackBlock;
import dev.tcpconform.crafter.option.SackPermitted;
import dev.tcpconform.crafter.option.TcpOption;
import dev.tcpconform.crafter.option.Timestamps;
import dev.tcpconform.crafter.option.UnknownOption;
import dev.tcpconform.crafter.option.WindowScale;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes captured bytes into a {@link Frame}. Total: any input, empty or garbage included, gives a
 * frame and never an exception. It never repairs: what is wrong is reported as {@link
 * Malformation}s (or {@link MalformedOption}s) next to the bytes as they were.
 */
public final class FrameDecoder {

  private static final int IPV4 = 0x0800;
  private static final int ARP = 0x0806;
  private static final int IPV6 = 0x86DD;

  private FrameDecoder() {}

  public static Frame decode(byte[] frame) {
    if (frame == null) {
      return new Frame.Other(new byte[0], -1, List.of(new Malformation(0, "frame", "no bytes")));
    }
    try {
      return decodeEthernet(frame);
    } catch (RuntimeException e) {
      // A bug here must not take down a capture loop: report it as a malformation, keep the bytes.
      return new Frame.Other(frame, -1,
          List.of(new Malformation(0, "frame", "decoder error: " + e)));
    }
  }

  private static Frame decodeEthernet(byte[] f) {
    if (f.length < 14) {
      return new Frame.Other(f, -1, List.of(new Malformation(0, "ethernet",
          "frame of " + f.length + " bytes is shorter than the 14-byte Ethernet header")));
    }
    int etherType = u16(f, 12);
    if (etherType == ARP) {
      return decodeArp(f);
    }
    if (etherType == IPV4) {
      return decodeIpv4(f);
    }
    if (etherType == IPV6) {
      return decodeIpv6(f);
    }
    return new Frame.Other(f, etherType, List.of());
  }

  private static Frame decodeArp(byte[] f) {
    if (f.length < 42) {
      return new Frame.Other(f, 0x0806, List.of(new Malformation(14, "arp",
          "ARP message truncated: " + (f.length - 14) + " of 28 bytes")));
    }
    if (u16(f, 14) != 1 || u16(f, 16) != 0x0800 || f[18] != 6 || f[19] != 4) {
      return new Frame.Other(f, 0x0806, List.of(new Malformation(14, "arp",
          "not ARP for IPv4 over Ethernet")));
    }
    ArpMessage m = new ArpMessage(u16(f, 20), MacAddress.of(f, 22), Ipv4Address.of(f, 28),
        MacAddress.of(f, 32), Ipv4Address.of(f, 38));
    return new Frame.Arp(f, m);
  }

  private static Frame decodeIpv4(byte[] f) {
    List<Malformation> bad = new ArrayList<>();
    if (f.length < 34) {
      return new Frame.Other(f, IPV4, List.of(new Malformation(14, "ipv4",
          "IPv4 header truncated: " + (f.length - 14) + " of 20 bytes")));
    }
    int version = (f[14] & 0xF0) >>> 4;
    int ihl = f[14] & 0x0F;
    if (version != 4) {
      return new Frame.Other(f, IPV4,
          List.of(new Malformation(14, "version", "IP version " + version + " in an IPv4 frame")));
    }
    if (ihl < 5) {
      return new Frame.Other(f, IPV4,
          List.of(new Malformation(14, "ihl", "IHL " + ihl + " is below 5")));
    }
    int ipHeader = ihl * 4;
    if (14 + ipHeader > f.length) {
      return new Frame.Other(f, IPV4, List.of(new Malformation(14, "ihl",
          "IHL " + ihl + " runs past the " + (f.length - 14) + " bytes captured")));
    }
    int protocol = f[23] & 0xFF;
    int fragment = u16(f, 20);
    if (protocol != 6) {
      return new Frame.Other(f, IPV4, List.of());
    }
    if ((fragment & 0x1FFF) != 0 || (fragment & 0x2000) != 0) {
      return new Frame.Other(f, IPV4, List.of(new Malformation(20, "fragment",
          "IPv4 fragment (offset " + (fragment & 0x1FFF) * 8 + ")")));
    }
    int totalLength = u16(f, 16);
    int available = f.length - 14;
    int ipEnd;
    if (totalLength > available) {
      bad.add(new Malformation(16, "total length",
          "total length " + totalLength + " exceeds the " + available + " bytes captured"));
      ipEnd = f.length;
    } else if (totalLength < ipHeader) {
      bad.add(new Malformation(16, "total length",
          "total length " + totalLength + " is shorter than the IP header"));
      ipEnd = f.length;
    } else {
      ipEnd = 14 + totalLength;
    }
    boolean ipOk = InternetChecksum.compute(f, 14, ipHeader) == 0;
    Ipv4Address src = Ipv4Address.of(f, 26);
    Ipv4Address dst = Ipv4Address.of(f, 30);
    Segment.Builder b = Segment.builder()
        .tos(f[15] & 0xFF).ipTotalLength(totalLength).ipId(u16(f, 18))
        .dontFragment((fragment & 0x4000) != 0).ttl(f[22] & 0xFF).ipChecksum(u16(f, 24))
        .src(src).dst(dst);
    return decodeTcp(f, IPV4, 14 + ipHeader, ipEnd, b, bad, ipOk);
  }

  /**
   * IPv6 (RFC 8200): the fixed header, then the chain of the extension headers it knows
   * (hop-by-hop options, routing, fragment, destination options), each kept as bytes, then TCP or
   * ICMPv6. Anything else after the chain is a frame it does not decode, with the reason.
   */
  private static Frame decodeIpv6(byte[] f) {
    if (f.length < 54) {
      return new Frame.Other(f, IPV6, List.of(new Malformation(14, "ipv6",
          "IPv6 header truncated: " + (f.length - 14) + " of 40 bytes")));
    }
    int version = (f[14] & 0xF0) >>> 4;
    if (version != 6) {
      return new Frame.Other(f, IPV6,
          List.of(new Malformation(14, "version", "IP version " + version + " in an IPv6 frame")));
    }
    List<Malformation> bad = new ArrayList<>();
    int payloadLength = u16(f, 18);
    int available = f.length - 54;
    int ipEnd;
    if (payloadLength > available) {
      bad.add(new Malformation(18, "payload length",
          "payload length " + payloadLength + " exceeds the " + available + " bytes captured"));
      ipEnd = f.length;
    } else if (payloadLength == 0 && available > 0) {
      bad.add(new Malformation(18, "payload length",
          "payload length 0 (a jumbogram, RFC 2675, is not decoded)"));
      ipEnd = f.length;
    } else {
      ipEnd = 54 + payloadLength;
    }
    // the chain of extension headers: `next` is the value of the Next Header octet at `nextAt`
    List<ExtensionHeader> chain = new ArrayList<>(2);
    int next = f[20] & 0xFF;
    int nextAt = 20;
    int p = 54;
    while (ExtensionHeader.walked(next)) {
      if (next == ExtensionHeader.HOP_BY_HOP && !chain.isEmpty()) {
        bad.add(new Malformation(nextAt, "next header", "hop-by-hop options header after "
            + chain.size() + " other extension header(s) (RFC 8200 section 4.1: only first)"));
      }
      if (p + 2 > ipEnd) {
        return other(f, IPV6, bad, new Malformation(p, "extension header", "extension header "
            + next + " truncated: " + Math.max(ipEnd - p, 0) + " of 8 or more bytes"));
      }
      int length = next == ExtensionHeader.FRAGMENT ? 8 : ((f[p + 1] & 0xFF) + 1) * 8;
      if (p + length > ipEnd) {
        return other(f, IPV6, bad, new Malformation(p + 1, "extension header", "extension header "
            + next + " of " + length + " bytes runs past the end of the packet ("
            + (ipEnd - p) + " bytes left)"));
      }
      if (next == ExtensionHeader.FRAGMENT) {
        int word = u16(f, p + 2);
        if ((word >>> 3) != 0 || (word & 1) != 0) {
          return other(f, IPV6, bad, new Malformation(p + 2, "fragment", "IPv6 fragment (offset "
              + (word >>> 3) * 8 + ((word & 1) != 0 ? ", more to come" : "") + ")"));
        }
      }
      chain.add(new ExtensionHeader(next, Arrays.copyOfRange(f, p + 1, p + length)));
      next = f[p] & 0xFF;
      nextAt = p;
      p += length;
    }
    Ipv6Address src = Ipv6Address.of(f, 22);
    Ipv6Address dst = Ipv6Address.of(f, 38);
    if (next == 6) {
      Segment.Builder b = Segment.builder()
          .trafficClass(((f[14] & 0x0F) << 4) | ((f[15] & 0xF0) >>> 4))
          .flowLabel(((f[15] & 0x0F) << 16) | u16(f, 16))
          .ipPayloadLength(payloadLength).nextHeader(f[20] & 0xFF).hopLimit(f[21] & 0xFF)
          .src(src).dst(dst).extensionHeaders(chain);
      return decodeTcp(f, IPV6, p, ipEnd, b, bad, true);
    }
    if (next == 58) {
      return decodeIcmpv6(f, p, ipEnd, src, dst, chain, bad);
    }
    return other(f, IPV6, bad, new Malformation(nextAt, "next header", "next header " + next
        + " is not TCP (6), ICMPv6 (58) or an extension header the decoder walks (0, 43, 44, 60)"));
  }

  /** ICMPv6 (RFC 4443) at {@code m}, up to {@code ipEnd}. */
  private static Frame decodeIcmpv6(byte[] f, int m, int ipEnd, Ipv6Address src, Ipv6Address dst,
      List<ExtensionHeader> chain, List<Malformation> bad) {
    int length = ipEnd - m;
    if (length < 4) {
      return other(f, IPV6, bad, new Malformation(m, "icmpv6",
          "ICMPv6 header truncated: " + Math.max(length, 0) + " of 4 bytes"));
    }
    long pseudo = InternetChecksum.pseudoHeader(src, dst, 58, length);
    boolean checksumOk = InternetChecksum.finish(InternetChecksum.sum(pseudo, f, m, length)) == 0;
    int type = f[m] & 0xFF;
    int code = f[m + 1] & 0xFF;
    int hopLimit = f[21] & 0xFF;
    Icmpv6Message message = null;
    if (type == Icmpv6Message.NEIGHBOR_SOLICITATION
        || type == Icmpv6Message.NEIGHBOR_ADVERTISEMENT) {
      message = neighborDiscovery(f, m, length, dst, hopLimit, bad);
    }
    if (message == null) {
      message = new Icmpv6Message.Other(type, code, Arrays.copyOfRange(f, m + 4, ipEnd));
    }
    Icmpv6Packet packet = new Icmpv6Packet(MacAddress.of(f, 6), MacAddress.of(f, 0), src, dst,
        hopLimit, chain, message);
    return new Frame.Icmpv6(f, packet, checksumOk, List.copyOf(bad));
  }

  /**
   * A Neighbor Solicitation or Advertisement (RFC 4861 sections 4.3 and 4.4). When its structure
   * is not one (code, length, an option's length: the checks of section 7.1 a receiver discards
   * it for), null, with the reason added to {@code bad}; the rules on its fields (hop limit 255,
   * a unicast target, Solicited clear to a multicast destination) are added as malformations of
   * a decoded message.
   */
  private static Icmpv6Message neighborDiscovery(byte[] f, int m, int length, Ipv6Address dst,
      int hopLimit, List<Malformation> bad) {
    boolean solicitation = (f[m] & 0xFF) == Icmpv6Message.NEIGHBOR_SOLICITATION;
    String name = solicitation ? "neighbor solicitation" : "neighbor advertisement";
    int code = f[m + 1] & 0xFF;
    if (code != 0) {
      bad.add(new Malformation(m + 1, "icmpv6 code",
          name + " with code " + code + " (RFC 4861 section 7.1: 0)"));
      return null;
    }
    if (length < 24) {
      bad.add(new Malformation(m, "icmpv6",
          name + " of " + length + " bytes (RFC 4861 section 7.1: 24 or more)"));
      return null;
    }
    List<NdOption> options = new ArrayList<>(1);
    int end = m + length;
    for (int o = m + 24; o < end; ) {
      if (o + 2 > end) {
        bad.add(new Malformation(o, "nd option", "option truncated: 1 byte left"));
        return null;
      }
      int type = f[o] & 0xFF;
      int optionLength = (f[o + 1] & 0xFF) * 8;
      if (optionLength == 0) {
        bad.add(new Malformation(o + 1, "nd option", "option " + type
            + " has length 0 (RFC 4861 section 7.1: the message is discarded)"));
        return null;
      }
      if (o + optionLength > end) {
        bad.add(new Malformation(o + 1, "nd option", "option " + type + " of " + optionLength
            + " bytes runs past the message (" + (end - o) + " bytes left)"));
        return null;
      }
      options.add(new NdOption(type, Arrays.copyOfRange(f, o + 2, o + optionLength)));
      o += optionLength;
    }
    Ipv6Address target = Ipv6Address.of(f, m + 8);
    if (hopLimit != Icmpv6Packet.ND_HOP_LIMIT) {
      bad.add(new Malformation(21, "hop limit", name + " with hop limit " + hopLimit
          + " (RFC 4861 section 7.1: 255, so that it was not routed)"));
    }
    if (target.isMulticast()) {
      bad.add(new Malformation(m + 8, "target", name + " for the multicast address " + target
          + " (RFC 4861 section 7.1)"));
    }
    if (solicitation) {
      return new Icmpv6Message.NeighborSolicitation(target, options);
    }
    int flags = f[m + 4] & 0xFF;
    boolean solicited = (flags & 0x40) != 0;
    if (solicited && dst.isMulticast()) {
      bad.add(new Malformation(m + 4, "flags", name + " to " + dst
          + " with the Solicited flag (RFC 4861 section 7.1.2: clear to a multicast address)"));
    }
    return new Icmpv6Message.NeighborAdvertisement((flags & 0x80) != 0, solicited,
        (flags & 0x20) != 0, target, options);
  }

  /** A frame not decoded: what was found wrong on the way, then why it stopped. */
  private static Frame other(byte[] f, int etherType, List<Malformation> bad, Malformation why) {
    List<Malformation> all = new ArrayList<>(bad);
    all.add(why);
    return new Frame.Other(f, etherType, all);
  }

  /** TCP at {@code t}, up to {@code ipEnd}; {@code b} holds the IP layer's fields already. */
  private static Frame decodeTcp(byte[] f, int etherType, int t, int ipEnd, Segment.Builder b,
      List<Malformation> bad, boolean ipOk) {
    int tcpLength = ipEnd - t;
    if (tcpLength < 20) {
      return other(f, etherType, bad, new Malformation(t, "tcp",
          "TCP header truncated: " + Math.max(tcpLength, 0) + " of 20 bytes"));
    }
    int dataOffset = (f[t + 12] & 0xF0) >>> 4;
    int flags = ((f[t + 12] & 0x0F) << 8) | (f[t + 13] & 0xFF);
    int headerEnd;
    if (dataOffset < 5) {
      bad.add(new Malformation(t + 12, "data offset", "data offset " + dataOffset + " is below 5"));
      headerEnd = 20;
    } else if (dataOffset * 4 > tcpLength) {
      bad.add(new Malformation(t + 12, "data offset", "data offset " + dataOffset
          + " points past the end of the " + tcpLength + "-byte segment"));
      headerEnd = tcpLength;
    } else {
      headerEnd = dataOffset * 4;
    }
    List<TcpOption> options = options(f, t + 20, t + headerEnd);
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i) instanceof MalformedOption m) {
        bad.add(new Malformation(t + 20 + m.offset(), "options", m.reason()));
      }
    }
    long pseudo = InternetChecksum.pseudoHeader(b.src(), b.dst(), 6, tcpLength);
    boolean tcpOk = InternetChecksum.finish(InternetChecksum.sum(pseudo, f, t, tcpLength)) == 0;

    b.dstMac(MacAddress.of(f, 0)).srcMac(MacAddress.of(f, 6))
        .srcPort(u16(f, t)).dstPort(u16(f, t + 2))
        .seq(SeqNum.of(u32(f, t + 4))).ack(SeqNum.of(u32(f, t + 8)))
        .dataOffset(dataOffset).flags(new TcpFlags(flags))
        .window(u16(f, t + 14)).tcpChecksum(u16(f, t + 16)).urgentPointer(u16(f, t + 18))
        .options(options).rawOptions(f, t + 20, headerEnd - 20)
        .payload(f, t + headerEnd, ipEnd - t - headerEnd);
    return new Frame.Tcp(f, Segment.decoded(b, bad, tcpOk, ipOk));
  }

  /**
   * Reads an options area. Carries on past a bad option whenever its length byte is usable;
   * otherwise the rest becomes one {@link MalformedOption} with its offset and reason.
   */
  public static List<TcpOption> options(byte[] o) {
    return options(o, 0, o.length);
  }

  /** The options area {@code o[from, to)}, read in place; offsets are from {@code from}. */
  private static List<TcpOption> options(byte[] o, int from, int to) {
    List<TcpOption> out = new ArrayList<>();
    int i = from;
    while (i < to) {
      int kind = o[i] & 0xFF;
      if (kind == 0) {
        out.add(new Eol());
        break; // what follows EOL is padding
      }
      if (kind == 1) {
        out.add(new Nop());
        i++;
        continue;
      }
      if (i + 1 >= to) {
        out.add(new MalformedOption(Arrays.copyOfRange(o, i, to), i - from,
            "option kind " + kind + " has no length byte"));
        break;
      }
      int len = o[i + 1] & 0xFF;
      if (len < 2) {
        out.add(new MalformedOption(Arrays.copyOfRange(o, i, to), i - from,
            "option kind " + kind + " has length " + len + " (below 2)"));
        break;
      }
      if (i + len > to) {
        out.add(new MalformedOption(Arrays.copyOfRange(o, i, to), i - from,
            "option kind " + kind + " length " + len + " runs past the options area ("
                + (to - i) + " bytes left)"));
        break;
      }
      out.add(option(o, i, i - from, kind, len));
      i += len;
    }
    return out;
  }

  /** The option of {@code len} bytes at {@code o[i]}, {@code at} bytes into the options area. */
  private static TcpOption option(byte[] o, int i, int at, int kind, int len) {
    switch (kind) {
      case 2:
        return len == 4 ? new Mss(u16(o, i + 2)) : wrongLength(o, i, at, len, "MSS", "4");
      case 3:
        return len == 3 ? new WindowScale(o[i + 2] & 0xFF)
            : wrongLength(o, i, at, len, "window scale", "3");
      case 4:
        return len == 2 ? new SackPermitted() : wrongLength(o, i, at, len, "SACK-permitted", "2");
      case 5:
        if ((len - 2) % 8 != 0) {
          return wrongLength(o, i, at, len, "SACK", "2 + 8n");
        }
        List<SackBlock> blocks = new ArrayList<>();
        for (int p = i + 2; p < i + len; p += 8) {
          blocks.add(new SackBlock(SeqNum.of(u32(o, p)), SeqNum.of(u32(o, p + 4))));
        }
        return new Sack(blocks);
      case 8:
        return len == 10 ? new Timestamps(u32(o, i + 2), u32(o, i + 6))
            : wrongLength(o, i, at, len, "timestamps", "10");
      default:
        return new UnknownOption(kind, Arrays.copyOfRange(o, i + 2, i + len));
    }
  }

  private static MalformedOption wrongLength(byte[] o, int i, int at, int len, String name,
      String want) {
    return new MalformedOption(Arrays.copyOfRange(o, i, i + len), at,
        name + " option length " + len + " (expected " + want + ")");
  }


  private static int u16(byte[] b, int off) {
    return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
  }

  private static long u32(byte[] b, int off) {
    return ((long) u16(b, off) << 16) | u16(b, off + 2);
  }
}
