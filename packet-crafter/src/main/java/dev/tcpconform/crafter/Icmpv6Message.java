package dev.tcpconform.crafter;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An ICMPv6 message (RFC 4443): a Neighbor Solicitation or Advertisement (RFC 4861), which the
 * harness answers and sends, or any other kept as bytes (Router Solicitation, MLD reports...).
 * Written with its checksum zero: the encoder computes it over the pseudo-header.
 */
public sealed interface Icmpv6Message
    permits Icmpv6Message.NeighborSolicitation, Icmpv6Message.NeighborAdvertisement,
        Icmpv6Message.Other {

  int NEIGHBOR_SOLICITATION = 135;
  int NEIGHBOR_ADVERTISEMENT = 136;

  int type();

  int code();

  /** Octets on the wire. */
  int length();

  /** Writes the message at {@code off}, checksum zero; returns the offset after it. */
  int writeTo(byte[] out, int off);

  /** {@code who-has 2001:2::1}, {@code 2001:2::1 is-at 02:...}, {@code type 133 code 0}... */
  String notation();

  /**
   * Neighbor Solicitation, type 135 (RFC 4861 section 4.3). Its 32 reserved bits are written zero
   * and not kept on decoding (a receiver ignores them; the frame keeps its bytes).
   *
   * <pre>
   * +---------------+---------------+-------------------------------+
   * |     Type      |     Code      |          Checksum             |
   * +---------------+---------------+-------------------------------+
   * |                           Reserved                            |
   * +---------------------------------------------------------------+
   * |                    Target Address (128 bits)                  |
   * +---------------------------------------------------------------+
   * |   Options ...
   * </pre>
   */
  record NeighborSolicitation(Ipv6Address target, List<NdOption> options)
      implements Icmpv6Message {

    public NeighborSolicitation {
      options = List.copyOf(options);
    }

    /** The solicitation's source link-layer address option, if it has one. */
    public Optional<MacAddress> sourceLinkLayerAddress() {
      return linkLayerAddress(options, NdOption.SOURCE_LINK_LAYER_ADDRESS);
    }

    @Override
    public int type() {
      return NEIGHBOR_SOLICITATION;
    }

    @Override
    public int code() {
      return 0;
    }

    @Override
    public int length() {
      return 24 + optionsLength(options);
    }

    @Override
    public int writeTo(byte[] out, int off) {
      out[off] = (byte) NEIGHBOR_SOLICITATION; // type
      out[off + 1] = 0; // code
      // off + 2: checksum; off + 4: reserved
      target.writeTo(out, off + 8); // target address
      return writeOptions(options, out, off + 24); // options
    }

    @Override
    public String notation() {
      return "who-has " + target;
    }
  }

  /**
   * Neighbor Advertisement, type 136 (RFC 4861 section 4.4): the Router, Solicited and Override
   * flags, then 29 reserved bits (written zero, not kept on decoding), the target address and
   * options.
   */
  record NeighborAdvertisement(
      boolean router, boolean solicited, boolean override, Ipv6Address target,
      List<NdOption> options) implements Icmpv6Message {

    public NeighborAdvertisement {
      options = List.copyOf(options);
    }

    /** The advertisement's target link-layer address option, if it has one. */
    public Optional<MacAddress> targetLinkLayerAddress() {
      return linkLayerAddress(options, NdOption.TARGET_LINK_LAYER_ADDRESS);
    }

    @Override
    public int type() {
      return NEIGHBOR_ADVERTISEMENT;
    }

    @Override
    public int code() {
      return 0;
    }

    @Override
    public int length() {
      return 24 + optionsLength(options);
    }

    @Override
    public int writeTo(byte[] out, int off) {
      out[off] = (byte) NEIGHBOR_ADVERTISEMENT; // type
      out[off + 1] = 0; // code
      // off + 2: checksum
      out[off + 4] = (byte) ((router ? 0x80 : 0) | (solicited ? 0x40 : 0) | (override ? 0x20 : 0));
      // R, S, O, then reserved
      target.writeTo(out, off + 8); // target address
      return writeOptions(options, out, off + 24); // options
    }

    @Override
    public String notation() {
      StringBuilder b = new StringBuilder().append(target);
      targetLinkLayerAddress().ifPresent(mac -> b.append(" is-at ").append(mac));
      StringBuilder flags = new StringBuilder();
      if (router) {
        flags.append("router,");
      }
      if (solicited) {
        flags.append("solicited,");
      }
      if (override) {
        flags.append("override,");
      }
      if (flags.length() > 0) {
        b.append(" (").append(flags, 0, flags.length() - 1).append(')');
      }
      return b.toString();
    }
  }

  /** Any other ICMPv6 message: its type, code and {@code body}, what follows the checksum. */
  record Other(int type, int code, byte[] body) implements Icmpv6Message {

    public Other {
      if (type < 0 || type > 255 || code < 0 || code > 255) {
        throw new IllegalArgumentException("type and code: " + type + ", " + code
            + " (expected: 0-255)");
      }
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }

    @Override
    public int length() {
      return 4 + body.length;
    }

    @Override
    public int writeTo(byte[] out, int off) {
      out[off] = (byte) type; // type
      out[off + 1] = (byte) code; // code
      // off + 2: checksum
      System.arraycopy(body, 0, out, off + 4, body.length); // message body
      return off + 4 + body.length;
    }

    @Override
    public String notation() {
      return "type " + type + " code " + code + " (" + length() + " bytes)";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Other x && x.type == type && x.code == code
          && Arrays.equals(x.body, body);
    }

    @Override
    public int hashCode() {
      return (31 * type + code) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
      return notation() + " [" + HexFormat.of().formatHex(body) + "]";
    }
  }

  private static Optional<MacAddress> linkLayerAddress(List<NdOption> options, int type) {
    for (NdOption o : options) {
      if (o.type() == type && o.linkLayerAddress().isPresent()) {
        return o.linkLayerAddress();
      }
    }
    return Optional.empty();
  }

  private static int optionsLength(List<NdOption> options) {
    int n = 0;
    for (NdOption o : options) {
      n += o.length();
    }
    return n;
  }

  private static int writeOptions(List<NdOption> options, byte[] out, int off) {
    int p = off;
    for (NdOption o : options) {
      p = o.writeTo(out, p);
    }
    return p;
  }
}
