package dev.tcpconform.crafter;

import dev.tcpconform.crafter.codec.FrameEncoder;
import dev.tcpconform.crafter.codec.Malformation;
import dev.tcpconform.crafter.option.TcpOption;
import dev.tcpconform.crafter.option.TcpOptions;
import dev.tcpconform.crafter.text.SegmentFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One TCP segment in its IPv4 or IPv6 packet and Ethernet frame: immutable. Built with {@link
 * #builder()} (a field left unset is computed when the segment is encoded, a field set is sent as
 * is) or decoded from captured bytes (every field as it was on the wire, plus what was wrong with
 * it).
 *
 * <p>The addresses choose the IP version: both {@link Ipv4Address} or both {@link Ipv6Address}.
 * {@code ttl} is IPv6's Hop Limit and {@code tos} its Traffic Class (the same octet of DS field
 * and ECN, RFC 2474 and 3168); the other fields of one version are refused on a segment of the
 * other, so that nothing set is silently dropped.
 *
 * <p>{@code toString()} is the one-line notation: {@code S. 0:0(0) ack 1001 win 64240 <mss 1460>}.
 *
 * <p>Over 400 lines: one class holds the segment's some forty fields, each with its accessor, its
 * builder method and its line of {@link #toBuilderExpression()}, so that they cannot drift apart.
 */
public final class Segment {

  // Ethernet
  private final MacAddress srcMac;
  private final MacAddress dstMac;
  // IP, either version
  private final IpAddress src;
  private final IpAddress dst;
  private final int ttl; // IPv6: hop limit
  private final int tos; // IPv6: traffic class
  // IPv4 only
  private final int ipId;
  private final boolean dontFragment;
  private final Integer ipChecksum;
  private final boolean badIpChecksum;
  private final Integer ipTotalLength;
  // IPv6 only
  private final int flowLabel;
  private final Integer ipPayloadLength;
  private final Integer nextHeader;
  private final List<ExtensionHeader> extensionHeaders;
  private final int extensionHeadersLength;
  // TCP
  private final int srcPort;
  private final int dstPort;
  private final SeqNum seq;
  private final SeqNum ack;
  private final TcpFlags flags;
  private final int window;
  private final int urgentPointer;
  private final List<TcpOption> options;
  private final byte[] rawOptions;
  private final Integer dataOffset;
  private final Integer tcpChecksum;
  private final boolean badChecksum;
  private final byte[] payload;
  private final int optionsLength;
  // facts of a decoded segment
  private final List<Malformation> malformations;
  private final Boolean tcpChecksumOk;
  private final Boolean ipChecksumOk;

  private static final Ipv4Address ANY_IPV4 = new Ipv4Address(0);
  private static final byte[] NO_BYTES = new byte[0];

  /**
   * The builder's arrays are taken, not copied: a builder copies every array it is given and
   * only ever replaces its arrays, never writes into them, so no one else holds them.
   */
  private Segment(Builder b, List<Malformation> malformations, Boolean tcpOk, Boolean ipOk) {
    int version = version(b.src, b.dst);
    if (version == 6) {
      refuse(6, "ipId", b.ipId);
      refuse(6, "dontFragment", b.dontFragment);
      refuse(6, "ipChecksum", b.ipChecksum);
      refuse(6, "badIpChecksum", b.badIpChecksum ? Boolean.TRUE : null);
      refuse(6, "ipTotalLength", b.ipTotalLength);
    } else {
      refuse(4, "flowLabel", b.flowLabel);
      refuse(4, "ipPayloadLength", b.ipPayloadLength);
      refuse(4, "nextHeader", b.nextHeader);
      refuse(4, "extensionHeaders",
          b.extensionHeaders == null || b.extensionHeaders.isEmpty() ? null : b.extensionHeaders);
    }
    this.srcMac = or(b.srcMac, MacAddress.ZERO);
    this.dstMac = or(b.dstMac, MacAddress.ZERO);
    IpAddress any = version == 6 ? Ipv6Address.UNSPECIFIED : ANY_IPV4;
    this.src = or(b.src, any);
    this.dst = or(b.dst, any);
    this.ttl = or(b.ttl, 64);
    this.ipId = or(b.ipId, 0);
    this.tos = or(b.tos, 0);
    this.dontFragment = or(b.dontFragment, version == 4);
    this.ipChecksum = b.ipChecksum;
    this.badIpChecksum = b.badIpChecksum;
    this.ipTotalLength = b.ipTotalLength;
    this.flowLabel = or(b.flowLabel, 0);
    this.ipPayloadLength = b.ipPayloadLength;
    this.nextHeader = b.nextHeader;
    this.extensionHeaders =
        b.extensionHeaders == null ? List.of() : List.copyOf(b.extensionHeaders);
    int ext = 0;
    for (int i = 0; i < extensionHeaders.size(); i++) {
      ext += extensionHeaders.get(i).length();
    }
    this.extensionHeadersLength = ext;
    this.srcPort = or(b.srcPort, 0);
    this.dstPort = or(b.dstPort, 0);
    this.seq = or(b.seq, SeqNum.of(0));
    this.ack = or(b.ack, SeqNum.of(0));
    this.flags = or(b.flags, TcpFlags.none());
    this.window = or(b.window, 65535);
    this.urgentPointer = or(b.urgentPointer, 0);
    this.options = b.options == null ? List.of() : List.copyOf(b.options);
    this.rawOptions = b.rawOptions;
    this.dataOffset = b.dataOffset;
    this.tcpChecksum = b.tcpChecksum;
    this.badChecksum = b.badChecksum;
    this.payload = b.payload == null ? NO_BYTES : b.payload;
    this.optionsLength = rawOptions != null ? rawOptions.length
        : (TcpOptions.length(options) + 3) & ~3;
    this.malformations = List.copyOf(malformations);
    this.tcpChecksumOk = tcpOk;
    this.ipChecksumOk = ipOk;
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static int version(IpAddress src, IpAddress dst) {
    if (src != null && dst != null && src.version() != dst.version()) {
      throw new IllegalArgumentException("src and dst: " + src + " and " + dst
          + " (expected: both IPv4 or both IPv6)");
    }
    return src != null ? src.version() : dst != null ? dst.version() : 4;
  }

  /** A field of the other IP version, set: refused rather than dropped. */
  private static void refuse(int version, String field, Object value) {
    if (value != null) {
      throw new IllegalArgumentException(field + ": " + value + " on an IPv" + version
          + " segment (expected: unset, the field is IPv" + (version == 4 ? 6 : 4) + "'s)");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * For the decoder: a segment exactly as captured, with the checksum verdicts and what was
   * malformed. Not for tests.
   */
  public static Segment decoded(
      Builder fields, List<Malformation> malformations, boolean tcpOk, boolean ipOk) {
    return new Segment(fields, malformations, tcpOk, ipOk);
  }

  /**
   * For the encoder: {@code built} as the decoder reads it back from its frame, every field that
   * was left to the encoder now set to what went on the wire (lengths, data offset, Next Header,
   * the checksums and their verdicts, the options area's bytes and {@code wireOptions}, the
   * options as read back). The rest, addresses, options and payload included, is shared with
   * {@code built}, not copied: both are immutable. Not for tests; only {@link
   * dev.tcpconform.crafter.codec.SentFrame} knows when this equals the decoded segment.
   */
  public static Segment asSent(Segment built, List<TcpOption> wireOptions, byte[] optionsArea,
      Integer ipChecksum, int tcpChecksum, boolean tcpOk, boolean ipOk) {
    return new Segment(built, wireOptions, optionsArea, ipChecksum, tcpChecksum, tcpOk, ipOk);
  }

  /**
   * {@link #asSent}: field by field rather than through a {@link Builder}, whose object and
   * boxed values were a third of the cost of making it. A field of the other IP version stays
   * as {@code built} has it, its default.
   */
  private Segment(Segment built, List<TcpOption> wireOptions, byte[] optionsArea,
      Integer ipChecksum, int tcpChecksum, boolean tcpOk, boolean ipOk) {
    boolean v4 = built.version() == 4;
    this.srcMac = built.srcMac;
    this.dstMac = built.dstMac;
    this.src = built.src;
    this.dst = built.dst;
    this.ttl = built.ttl;
    this.tos = built.tos;
    this.ipId = built.ipId;
    this.dontFragment = built.dontFragment;
    this.ipChecksum = v4 ? ipChecksum : null;
    this.badIpChecksum = false;
    this.ipTotalLength = v4 ? built.ipTotalLength() : null;
    this.flowLabel = built.flowLabel;
    this.ipPayloadLength = v4 ? null : built.ipPayloadLength();
    this.nextHeader = v4 ? null : built.nextHeader();
    this.extensionHeaders = built.extensionHeaders;
    this.extensionHeadersLength = built.extensionHeadersLength;
    this.srcPort = built.srcPort;
    this.dstPort = built.dstPort;
    this.seq = built.seq;
    this.ack = built.ack;
    this.flags = built.flags;
    this.window = built.window;
    this.urgentPointer = built.urgentPointer;
    this.options = List.copyOf(wireOptions);
    this.rawOptions = optionsArea;
    this.dataOffset = built.dataOffset();
    this.tcpChecksum = tcpChecksum;
    this.badChecksum = false;
    this.payload = built.payload;
    this.optionsLength = optionsArea.length;
    this.malformations = List.of();
    this.tcpChecksumOk = tcpOk;
    this.ipChecksumOk = ipOk;
  }

  public MacAddress srcMac() {
    return srcMac;
  }

  public MacAddress dstMac() {
    return dstMac;
  }

  /** 4 or 6, as the addresses are. */
  public int version() {
    return src.version();
  }

  public IpAddress src() {
    return src;
  }

  public IpAddress dst() {
    return dst;
  }

  /** IPv4's time to live, or IPv6's hop limit. */
  public int ttl() {
    return ttl;
  }

  /** IPv6's hop limit, or IPv4's time to live: the same as {@link #ttl()}. */
  public int hopLimit() {
    return ttl;
  }

  /** IPv4's identification; 0 for IPv6, which has none. */
  public int ipId() {
    return ipId;
  }

  /** IPv4's type of service, or IPv6's traffic class: the DS field and ECN. */
  public int tos() {
    return tos;
  }

  /** IPv6's traffic class, or IPv4's type of service: the same as {@link #tos()}. */
  public int trafficClass() {
    return tos;
  }

  /** IPv4's DF flag; false for IPv6, which routers never fragment. */
  public boolean dontFragment() {
    return dontFragment;
  }

  /** IPv6's 20-bit flow label; 0 for IPv4. */
  public int flowLabel() {
    return flowLabel;
  }

  /** IPv6's extension headers, in wire order; empty for IPv4. */
  public List<ExtensionHeader> extensionHeaders() {
    return extensionHeaders;
  }

  /**
   * IPv6's Next Header field of the fixed header, as set or captured, else computed: the first
   * extension header's type, or 6 (TCP). For IPv4, 6.
   */
  public int nextHeader() {
    return nextHeader != null ? nextHeader : computedNextHeader();
  }

  private int computedNextHeader() {
    return extensionHeaders.isEmpty() ? 6 : extensionHeaders.get(0).type();
  }

  /** True when the Next Header was set (or captured) and is not what the encoder would write. */
  public boolean nextHeaderOverridden() {
    return nextHeader != null && nextHeader != computedNextHeader();
  }

  public int srcPort() {
    return srcPort;
  }

  public int dstPort() {
    return dstPort;
  }

  public SeqNum seq() {
    return seq;
  }

  public SeqNum ack() {
    return ack;
  }

  public TcpFlags flags() {
    return flags;
  }

  public boolean has(TcpFlag flag) {
    return flags.has(flag);
  }

  public int window() {
    return window;
  }

  public int urgentPointer() {
    return urgentPointer;
  }

  public List<TcpOption> options() {
    return options;
  }

  public <T extends TcpOption> Optional<T> option(Class<T> type) {
    for (TcpOption o : options) {
      if (type.isInstance(o)) {
        return Optional.of(type.cast(o));
      }
    }
    return Optional.empty();
  }

  /** The options area as set with {@code rawOptions} (or as captured), or null. */
  public byte[] rawOptions() {
    return rawOptions == null ? null : rawOptions.clone();
  }

  public byte[] payload() {
    return payload.clone();
  }

  /** Copies the payload into {@code out} at {@code off}, for an encoder (no copy on the way). */
  public void writePayloadTo(byte[] out, int off) {
    System.arraycopy(payload, 0, out, off, payload.length);
  }

  public int payloadLength() {
    return payload.length;
  }

  /** SEG.LEN: the payload, plus one for SYN and one for FIN. */
  public long segLen() {
    return payload.length + (has(TcpFlag.SYN) ? 1 : 0) + (has(TcpFlag.FIN) ? 1 : 0);
  }

  /** Bytes of the options area as it is (or will be) on the wire, padding included. */
  public int optionsLength() {
    return optionsLength;
  }

  /** The data offset on the wire: as set or captured, else computed from the options. */
  public int dataOffset() {
    return dataOffset != null ? dataOffset : 5 + optionsLength() / 4;
  }

  /** True when the data offset was set (or captured) and disagrees with the header's bytes. */
  public boolean dataOffsetOverridden() {
    return dataOffset != null && dataOffset != 5 + optionsLength() / 4;
  }

  /** Octets of the TCP header, options and data: SEG.LEN's bytes plus the header. */
  public int tcpLength() {
    return 20 + optionsLength() + payload.length;
  }

  /** Octets before the TCP header: IPv4's 20, or IPv6's 40 and its extension headers. */
  public int ipHeaderLength() {
    return version() == 6 ? 40 + extensionHeadersLength : 20;
  }

  /**
   * The IPv4 total length on the wire: as set or captured, else computed. For IPv6, which has no
   * such field, the packet's length: 40 plus {@link #ipPayloadLength()}.
   */
  public int ipTotalLength() {
    if (version() == 6) {
      return 40 + ipPayloadLength();
    }
    return ipTotalLength != null ? ipTotalLength : 20 + tcpLength();
  }

  /**
   * The IPv6 payload length on the wire (extension headers and TCP): as set or captured, else
   * computed. For IPv4, the total length less its 20-octet header.
   */
  public int ipPayloadLength() {
    if (version() == 4) {
      return ipTotalLength() - 20;
    }
    return ipPayloadLength != null ? ipPayloadLength : extensionHeadersLength + tcpLength();
  }

  /** The TCP checksum as set or captured, or null when the encoder computes it. */
  public Integer tcpChecksumField() {
    return tcpChecksum;
  }

  /** The IPv4 header checksum as set or captured, or null when the encoder computes it. */
  public Integer ipChecksumField() {
    return ipChecksum;
  }

  public boolean badChecksumRequested() {
    return badChecksum;
  }

  public boolean badIpChecksumRequested() {
    return badIpChecksum;
  }

  /** Whether the TCP checksum is (or will be, once encoded) correct. */
  public boolean tcpChecksumOk() {
    if (tcpChecksumOk != null) {
      return tcpChecksumOk;
    }
    if (badChecksum) {
      return false;
    }
    return tcpChecksum == null || tcpChecksum == FrameEncoder.correctTcpChecksum(this);
  }

  /**
   * Whether the IPv4 header checksum is (or will be, once encoded) correct. Always true for IPv6,
   * which has no header checksum.
   */
  public boolean ipChecksumOk() {
    if (version() == 6) {
      return true;
    }
    if (ipChecksumOk != null) {
      return ipChecksumOk;
    }
    if (badIpChecksum) {
      return false;
    }
    return ipChecksum == null || ipChecksum == FrameEncoder.correctIpChecksum(this);
  }

  /** What the decoder found wrong; empty for built segments. */
  public List<Malformation> malformations() {
    return malformations;
  }

  /** A builder with every field of this segment set, so it encodes to the same bytes. */
  public Builder toBuilder() {
    Builder b = new Builder()
        .srcMac(srcMac).dstMac(dstMac).src(src).dst(dst).ttl(ttl).tos(tos)
        .srcPort(srcPort).dstPort(dstPort).seq(seq).ack(ack)
        .flags(flags).window(window).urgentPointer(urgentPointer).options(options)
        .payload(payload);
    if (version() == 4) {
      b.ipId(ipId).dontFragment(dontFragment);
    } else {
      b.flowLabel(flowLabel).extensionHeaders(extensionHeaders);
    }
    if (nextHeader != null) {
      b.nextHeader(nextHeader);
    }
    if (ipPayloadLength != null) {
      b.ipPayloadLength(ipPayloadLength);
    }
    if (rawOptions != null) {
      b.rawOptions(rawOptions);
    }
    if (dataOffset != null) {
      b.dataOffset(dataOffset);
    }
    if (ipTotalLength != null) {
      b.ipTotalLength(ipTotalLength);
    }
    if (tcpChecksum != null) {
      b.tcpChecksum(tcpChecksum);
    } else if (badChecksum) {
      b.badChecksum();
    }
    if (ipChecksum != null) {
      b.ipChecksum(ipChecksum);
    } else if (badIpChecksum) {
      b.badIpChecksum();
    }
    return b;
  }

  public String describe(SegmentFormat format) {
    return format.format(this, null, null);
  }

  /** Seq printed relative to {@code seqOrigin}, ack relative to {@code ackOrigin} (null: absolute). */
  public String describe(SegmentFormat format, SeqNum seqOrigin, SeqNum ackOrigin) {
    return format.format(this, seqOrigin, ackOrigin);
  }

  public String hexDump() {
    return SegmentFormat.hexDump(FrameEncoder.encode(this));
  }

  /** Java source that rebuilds this segment with the builder (scapy's {@code command()}). */
  public String toBuilderExpression() {
    StringBuilder b = new StringBuilder("Segment.builder()");
    b.append("\n    .srcMac(MacAddress.parse(\"").append(srcMac).append("\"))")
        .append(".dstMac(MacAddress.parse(\"").append(dstMac).append("\"))");
    b.append("\n    .src(\"").append(src).append("\").dst(\"").append(dst).append("\")");
    if (version() == 4) {
      b.append(".ttl(").append(ttl).append(").ipId(").append(ipId).append(')');
      if (tos != 0) {
        b.append(".tos(").append(tos).append(')');
      }
      if (!dontFragment) {
        b.append(".dontFragment(false)");
      }
    } else {
      b.append(".hopLimit(").append(ttl).append(')');
      if (tos != 0) {
        b.append(".trafficClass(").append(tos).append(')');
      }
      if (flowLabel != 0) {
        b.append(".flowLabel(0x").append(Integer.toHexString(flowLabel)).append(')');
      }
      for (ExtensionHeader h : extensionHeaders) {
        b.append("\n    .extensionHeader(new ExtensionHeader(").append(h.type())
            .append(", HexFormat.of().parseHex(\"").append(HexFormat.of().formatHex(h.data()))
            .append("\")))");
      }
    }
    b.append("\n    .srcPort(").append(srcPort).append(").dstPort(").append(dstPort).append(')')
        .append(".seq(").append(seq).append("L).ack(").append(ack).append("L)");
    List<String> f = new ArrayList<>();
    flags.asSet().forEach(x -> f.add("TcpFlag." + x.name()));
    b.append("\n    .flags(").append(String.join(", ", f)).append(')')
        .append(".window(").append(window).append(')');
    if (urgentPointer != 0) {
      b.append(".urgentPointer(").append(urgentPointer).append(')');
    }
    for (TcpOption o : options) {
      b.append("\n    .option(").append(optionExpression(o)).append(')');
    }
    if (rawOptions != null) {
      b.append("\n    .rawOptions(HexFormat.of().parseHex(\"")
          .append(HexFormat.of().formatHex(rawOptions)).append("\"))");
    }
    if (payload.length > 0) {
      b.append("\n    .payload(HexFormat.of().parseHex(\"")
          .append(HexFormat.of().formatHex(payload)).append("\"))");
    }
    if (dataOffset != null) {
      b.append("\n    .dataOffset(").append(dataOffset).append(')');
    }
    if (tcpChecksum != null) {
      b.append("\n    .tcpChecksum(0x").append(Integer.toHexString(tcpChecksum)).append(')');
    } else if (badChecksum) {
      b.append("\n    .badChecksum()");
    }
    if (ipChecksum != null) {
      b.append("\n    .ipChecksum(0x").append(Integer.toHexString(ipChecksum)).append(')');
    } else if (badIpChecksum) {
      b.append("\n    .badIpChecksum()");
    }
    if (ipTotalLength != null) {
      b.append("\n    .ipTotalLength(").append(ipTotalLength).append(')');
    }
    if (nextHeader != null) {
      b.append("\n    .nextHeader(").append(nextHeader).append(')');
    }
    if (ipPayloadLength != null) {
      b.append("\n    .ipPayloadLength(").append(ipPayloadLength).append(')');
    }
    return b.append("\n    .build()").toString();
  }

  private static String optionExpression(TcpOption o) {
    if (o instanceof dev.tcpconform.crafter.option.Mss m) {
      return "TcpOptions.mss(" + m.value() + ")";
    } else if (o instanceof dev.tcpconform.crafter.option.WindowScale w) {
      return "TcpOptions.wscale(" + w.shift() + ")";
    } else if (o instanceof dev.tcpconform.crafter.option.SackPermitted) {
      return "TcpOptions.sackPermitted()";
    } else if (o instanceof dev.tcpconform.crafter.option.Timestamps t) {
      return "TcpOptions.timestamps(" + t.value() + "L, " + t.echoReply() + "L)";
    } else if (o instanceof dev.tcpconform.crafter.option.Nop) {
      return "TcpOptions.nop()";
    } else if (o instanceof dev.tcpconform.crafter.option.Eol) {
      return "TcpOptions.eol()";
    } else if (o instanceof dev.tcpconform.crafter.option.Sack s) {
      List<String> blocks = new ArrayList<>();
      s.blocks().forEach(x -> blocks.add("new SackBlock(SeqNum.of(" + x.left() + "L), SeqNum.of("
          + x.right() + "L))"));
      return "TcpOptions.sack(" + String.join(", ", blocks) + ")";
    } else if (o instanceof dev.tcpconform.crafter.option.UnknownOption u) {
      return "TcpOptions.unknown(" + u.kind() + ", HexFormat.of().parseHex(\""
          + HexFormat.of().formatHex(u.data()) + "\"))";
    }
    return "/* " + o.notation() + " */";
  }

  @Override
  public String toString() {
    return SegmentFormat.SHORT.format(this, null, null);
  }

  /**
   * The fields of a segment being made. Every method is named after its field and returns this;
   * a field never set is computed at encode time (checksums, lengths, data offset) or takes its
   * protocol default at {@link #build()}.
   */
  public static final class Builder {
    private MacAddress srcMac;
    private MacAddress dstMac;
    private IpAddress src;
    private IpAddress dst;
    private Integer ttl;
    private Integer ipId;
    private Integer tos;
    private Boolean dontFragment;
    private Integer ipChecksum;
    private boolean badIpChecksum;
    private Integer ipTotalLength;
    private Integer flowLabel;
    private Integer ipPayloadLength;
    private Integer nextHeader;
    private List<ExtensionHeader> extensionHeaders;
    private Integer srcPort;
    private Integer dstPort;
    private SeqNum seq;
    private SeqNum ack;
    private TcpFlags flags;
    private Integer window;
    private Integer urgentPointer;
    private List<TcpOption> options;
    private byte[] rawOptions;
    private Integer dataOffset;
    private Integer tcpChecksum;
    private boolean badChecksum;
    private byte[] payload;

    private static int range(String field, int v, int max) {
      if (v < 0 || v > max) {
        throw new IllegalArgumentException(field + ": " + v + " (expected: 0-" + max + ")");
      }
      return v;
    }

    public Builder srcMac(MacAddress v) {
      srcMac = v;
      return this;
    }

    public Builder dstMac(MacAddress v) {
      dstMac = v;
      return this;
    }

    /** An IPv4 or IPv6 address; with {@link #dst} it chooses the IP version. */
    public Builder src(IpAddress v) {
      src = v;
      return this;
    }

    /** {@code 198.18.0.1} or {@code 2001:2::1}. */
    public Builder src(String v) {
      return src(IpAddress.parse(v));
    }

    public Builder dst(IpAddress v) {
      dst = v;
      return this;
    }

    /** {@code 198.18.0.2} or {@code 2001:2::2}. */
    public Builder dst(String v) {
      return dst(IpAddress.parse(v));
    }

    public Builder ttl(int v) {
      ttl = range("ttl", v, 255);
      return this;
    }

    /** IPv6's hop limit: the same field as {@link #ttl}. */
    public Builder hopLimit(int v) {
      ttl = range("hopLimit", v, 255);
      return this;
    }

    /** IPv6's traffic class: the same field as {@link #tos}. */
    public Builder trafficClass(int v) {
      tos = range("trafficClass", v, 255);
      return this;
    }

    /** IPv6 only. */
    public Builder flowLabel(int v) {
      flowLabel = range("flowLabel", v, 0xFFFFF);
      return this;
    }

    /** IPv6 only: appends one extension header; the encoder chains their Next Header octets. */
    public Builder extensionHeader(ExtensionHeader h) {
      if (extensionHeaders == null) {
        extensionHeaders = new ArrayList<>();
      }
      extensionHeaders.add(h);
      return this;
    }

    /** IPv6 only. */
    public Builder extensionHeaders(List<ExtensionHeader> v) {
      extensionHeaders = new ArrayList<>(v);
      return this;
    }

    /** Fault (or fact), IPv6 only: the fixed header's Next Header written as is. */
    public Builder nextHeader(int v) {
      nextHeader = range("nextHeader", v, 255);
      return this;
    }

    /** Fault (or fact), IPv6 only: the payload length written as is. */
    public Builder ipPayloadLength(int v) {
      ipPayloadLength = range("ipPayloadLength", v, 0xFFFF);
      return this;
    }

    public Builder ipId(int v) {
      ipId = range("ipId", v, 0xFFFF);
      return this;
    }

    public Builder tos(int v) {
      tos = range("tos", v, 255);
      return this;
    }

    public Builder dontFragment(boolean v) {
      dontFragment = v;
      return this;
    }

    public Builder srcPort(int v) {
      srcPort = range("srcPort", v, 0xFFFF);
      return this;
    }

    public Builder dstPort(int v) {
      dstPort = range("dstPort", v, 0xFFFF);
      return this;
    }

    public Builder seq(long v) {
      return seq(SeqNum.of(v));
    }

    public Builder seq(SeqNum v) {
      seq = v;
      return this;
    }

    public Builder ack(long v) {
      return ack(SeqNum.of(v));
    }

    public Builder ack(SeqNum v) {
      ack = v;
      return this;
    }

    public Builder flags(TcpFlag... v) {
      flags = TcpFlags.of(v);
      return this;
    }

    public Builder flags(TcpFlags v) {
      flags = v;
      return this;
    }

    public Builder window(int v) {
      window = range("window", v, 0xFFFF);
      return this;
    }

    public Builder urgentPointer(int v) {
      urgentPointer = range("urgentPointer", v, 0xFFFF);
      return this;
    }

    /** Appends one option. */
    public Builder option(TcpOption o) {
      if (options == null) {
        options = new ArrayList<>();
      }
      options.add(o);
      return this;
    }

    public Builder options(List<TcpOption> v) {
      options = new ArrayList<>(v);
      return this;
    }

    /** The options area, verbatim (packetimpact's escape hatch); wins over {@link #option}. */
    public Builder rawOptions(byte[] v) {
      if (v.length > 40) {
        throw new IllegalArgumentException("rawOptions length: " + v.length + " (expected: 0-40)");
      }
      rawOptions = v.clone();
      return this;
    }

    /** The {@code length} bytes of {@code v} from {@code off} as the options area, verbatim. */
    public Builder rawOptions(byte[] v, int off, int length) {
      if (length < 0 || length > 40) {
        throw new IllegalArgumentException("rawOptions length: " + length + " (expected: 0-40)");
      }
      rawOptions = Arrays.copyOfRange(v, off, off + length);
      return this;
    }

    public Builder payload(byte[] v) {
      payload = v.clone();
      return this;
    }

    /** The {@code length} bytes of {@code v} from {@code off} as payload. */
    public Builder payload(byte[] v, int off, int length) {
      payload = Arrays.copyOfRange(v, off, off + length);
      return this;
    }

    /** ASCII text as payload. */
    public Builder payload(String v) {
      payload = v.getBytes(StandardCharsets.US_ASCII); // a new array already
      return this;
    }

    /** Fault: the TCP checksum is the correct sum with its lowest bit flipped. */
    public Builder badChecksum() {
      badChecksum = true;
      return this;
    }

    /** Fault (or fact): this TCP checksum, sent as is. */
    public Builder tcpChecksum(int v) {
      tcpChecksum = range("tcpChecksum", v, 0xFFFF);
      return this;
    }

    /** Fault: the IPv4 header checksum is the correct sum with its lowest bit flipped. */
    public Builder badIpChecksum() {
      badIpChecksum = true;
      return this;
    }

    public Builder ipChecksum(int v) {
      ipChecksum = range("ipChecksum", v, 0xFFFF);
      return this;
    }

    /** Fault (or fact): the 4-bit data offset written as is, whatever the options take. */
    public Builder dataOffset(int v) {
      dataOffset = range("dataOffset", v, 15);
      return this;
    }

    /** Fault (or fact): the IPv4 total length written as is. */
    public Builder ipTotalLength(int v) {
      ipTotalLength = range("ipTotalLength", v, 0xFFFF);
      return this;
    }

    public SeqNum seq() {
      return seq;
    }

    public SeqNum ack() {
      return ack;
    }

    public TcpFlags flags() {
      return flags;
    }

    public Integer window() {
      return window;
    }

    public Integer srcPort() {
      return srcPort;
    }

    public Integer dstPort() {
      return dstPort;
    }

    public IpAddress src() {
      return src;
    }

    public IpAddress dst() {
      return dst;
    }

    public MacAddress srcMac() {
      return srcMac;
    }

    public MacAddress dstMac() {
      return dstMac;
    }

    public List<TcpOption> options() {
      return options == null ? null : List.copyOf(options);
    }

    /** Every field unset here takes the value {@code defaults} has set, if any. */
    public Builder fillUnset(Builder defaults) {
      if (srcMac == null) srcMac = defaults.srcMac;
      if (dstMac == null) dstMac = defaults.dstMac;
      if (src == null) src = defaults.src;
      if (dst == null) dst = defaults.dst;
      if (ttl == null) ttl = defaults.ttl;
      if (ipId == null) ipId = defaults.ipId;
      if (tos == null) tos = defaults.tos;
      if (dontFragment == null) dontFragment = defaults.dontFragment;
      if (flowLabel == null) flowLabel = defaults.flowLabel;
      if (extensionHeaders == null && defaults.extensionHeaders != null) {
        extensionHeaders = new ArrayList<>(defaults.extensionHeaders);
      }
      if (srcPort == null) srcPort = defaults.srcPort;
      if (dstPort == null) dstPort = defaults.dstPort;
      if (seq == null) seq = defaults.seq;
      if (ack == null) ack = defaults.ack;
      if (flags == null) flags = defaults.flags;
      if (window == null) window = defaults.window;
      if (urgentPointer == null) urgentPointer = defaults.urgentPointer;
      if (options == null && defaults.options != null) options = new ArrayList<>(defaults.options);
      if (payload == null && defaults.payload != null) payload = defaults.payload.clone();
      return this;
    }

    public Segment build() {
      return new Segment(this, List.of(), null, null);
    }

    /**
     * The notation of what {@link #build()} would make now (unset fields at their defaults), or
     * why it would refuse.
     */
    @Override
    public String toString() {
      try {
        return build().toString();
      } catch (IllegalArgumentException e) {
        return "(not buildable: " + e.getMessage() + ")";
      }
    }
  }
}
