package dev.tcpconform.crafter.text;

import dev.tcpconform.crafter.ExtensionHeader;
import dev.tcpconform.crafter.IpAddress;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.TcpFlag;
import dev.tcpconform.crafter.codec.FrameEncoder;
import dev.tcpconform.crafter.codec.Malformation;
import dev.tcpconform.crafter.option.TcpOption;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The one notation, packetdrill-like, at three levels:
 *
 * <pre>
 * SHORT    S. 0:0(0) ack 1001 win 64240 &lt;mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7&gt;
 * FULL     198.18.0.2:8080 &gt; 198.18.0.1:40000 S. 0:0(0) ack 1001 ... (ttl 64, id 0, len 60)
 * VERBOSE  FULL, then a hex dump of the frame
 * </pre>
 *
 * Over IPv6, FULL writes the addresses in brackets and IPv6's fields: {@code [2001:2::2]:8080 >
 * [2001:2::1]:40000 S. ... (hlim 64, flow 0x12345, plen 40, ext hop-by-hop,fragment)}, the flow
 * label and the extension headers only when there are any.
 *
 * Flags: S SYN, F FIN, R RST, P PSH, U URG, E ECE, W CWR, A AE, {@code .} ACK. Sequence numbers
 * are {@code start:end(length)}, relative to an origin when one is given.
 */
public enum SegmentFormat {
  SHORT,
  FULL,
  VERBOSE;

  private static final String[] ECN_CODEPOINTS = {"", "[ect1]", "[ect0]", "[ce]"};

  public String format(Segment s, SeqNum seqOrigin, SeqNum ackOrigin) {
    StringBuilder b = new StringBuilder();
    if (this != SHORT) {
      endpoint(b, s, s.src(), s.srcPort()).append(" > ");
      endpoint(b, s, s.dst(), s.dstPort()).append(' ');
    }
    if ((s.tos() & 0b11) != 0) {
      // the IP header's ECN field, as packetdrill writes it
      b.append(ECN_CODEPOINTS[s.tos() & 0b11]).append(' ');
    }
    b.append(s.flags().notation()).append(' ');
    long start = relative(s.seq(), seqOrigin);
    b.append(start).append(':').append((start + s.payloadLength()) & 0xFFFF_FFFFL)
        .append('(').append(s.payloadLength()).append(')');
    if (s.has(TcpFlag.ACK)) {
      b.append(" ack ").append(relative(s.ack(), ackOrigin));
    }
    b.append(" win ").append(s.window());
    if (s.has(TcpFlag.URG) || s.urgentPointer() != 0) {
      b.append(" urg ").append(s.urgentPointer());
    }
    if (!s.options().isEmpty()) {
      StringJoiner j = new StringJoiner(",", " <", ">");
      for (TcpOption o : s.options()) {
        j.add(o.notation());
      }
      b.append(j);
    }
    appendFaults(b, s);
    if (this != SHORT && s.version() == 4) {
      b.append(String.format(Locale.ROOT, " (ttl %d, id %d, len %d)",
          s.ttl(), s.ipId(), s.ipTotalLength()));
    } else if (this != SHORT) {
      b.append(" (hlim ").append(s.hopLimit());
      if (s.flowLabel() != 0) {
        b.append(", flow 0x").append(Integer.toHexString(s.flowLabel()));
      }
      b.append(", plen ").append(s.ipPayloadLength());
      if (!s.extensionHeaders().isEmpty()) {
        StringJoiner ext = new StringJoiner(",", ", ext ", "");
        for (ExtensionHeader h : s.extensionHeaders()) {
          ext.add(h.notation());
        }
        b.append(ext);
      }
      b.append(')');
    }
    if (this == VERBOSE) {
      b.append('\n').append(hexDump(FrameEncoder.encode(s)));
    }
    return b.toString();
  }

  /** {@code 198.18.0.1:40000}, or {@code [2001:2::1]:40000}. */
  private static StringBuilder endpoint(StringBuilder b, Segment s, IpAddress a, int port) {
    if (s.version() == 6) {
      return b.append('[').append(a).append("]:").append(port);
    }
    return b.append(a).append(':').append(port);
  }

  private static void appendFaults(StringBuilder b, Segment s) {
    StringJoiner j = new StringJoiner(", ", " [", "]");
    j.setEmptyValue("");
    if (!s.tcpChecksumOk()) {
      int actual = s.tcpChecksumField() != null ? s.tcpChecksumField()
          : FrameEncoder.correctTcpChecksum(s) ^ 0x0001;
      j.add(String.format(Locale.ROOT, "bad tcp cksum 0x%04x, expected 0x%04x", actual,
          FrameEncoder.correctTcpChecksum(s)));
    }
    if (!s.ipChecksumOk()) {
      j.add("bad ip cksum");
    }
    if (s.dataOffsetOverridden()) {
      j.add("doff " + s.dataOffset());
    }
    if (s.nextHeaderOverridden()) {
      j.add("nxt " + s.nextHeader());
    }
    for (Malformation m : s.malformations()) {
      if (!m.field().equals("data offset") && !m.field().equals("options")) {
        j.add("malformed: " + m.reason());
      }
    }
    b.append(j);
  }

  private static long relative(SeqNum v, SeqNum origin) {
    return origin == null ? v.value() : (v.value() - origin.value()) & 0xFFFF_FFFFL;
  }

  /** 16 bytes a line: offset, hex, ASCII. */
  public static String hexDump(byte[] bytes) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < bytes.length; i += 16) {
      b.append(String.format(Locale.ROOT, "  %04x  ", i));
      StringBuilder ascii = new StringBuilder();
      for (int j = i; j < i + 16; j++) {
        if (j < bytes.length) {
          int v = bytes[j] & 0xFF;
          b.append(String.format(Locale.ROOT, "%02x ", v));
          ascii.append(v >= 0x20 && v < 0x7F ? (char) v : '.');
        } else {
          b.append("   ");
        }
      }
      b.append(' ').append(ascii);
      if (i + 16 < bytes.length) {
        b.append('\n');
      }
    }
    return b.toString();
  }
}
