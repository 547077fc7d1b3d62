package dev.tcpconform.crafter;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One Neighbor Discovery option (RFC 4861 section 4.6): its type and {@code data}, what follows the
 * type and length octets. The length octet counts 8-octet units, so the option, type and length
 * included, comes to a multiple of 8 octets.
 *
 * <pre>
 * +---------------+---------------+-------------------------------+
 * |     Type      |    Length     |              ...              |
 * +---------------+---------------+-------------------------------+
 * </pre>
 */
public record NdOption(int type, byte[] data) {

  public static final int SOURCE_LINK_LAYER_ADDRESS = 1;
  public static final int TARGET_LINK_LAYER_ADDRESS = 2;

  public NdOption {
    if (type < 0 || type > 255) {
      throw new IllegalArgumentException("type: " + type + " (expected: 0-255)");
    }
    if ((2 + data.length) % 8 != 0 || 2 + data.length > 255 * 8) {
      throw new IllegalArgumentException("data length: " + data.length
          + " (expected: 6 + 8n, up to " + (255 * 8 - 2) + ")");
    }
    data = data.clone();
  }

  /** The source link-layer address option of an Ethernet sender (RFC 4861 section 4.6.1). */
  public static NdOption sourceLinkLayerAddress(MacAddress mac) {
    return new NdOption(SOURCE_LINK_LAYER_ADDRESS, mac.bytes());
  }

  /** The target link-layer address option of an Ethernet target (RFC 4861 section 4.6.1). */
  public static NdOption targetLinkLayerAddress(MacAddress mac) {
    return new NdOption(TARGET_LINK_LAYER_ADDRESS, mac.bytes());
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** Octets on the wire, type and length included. */
  public int length() {
    return 2 + data.length;
  }

  /** The Ethernet address a source or target link-layer address option carries. */
  public Optional<MacAddress> linkLayerAddress() {
    if ((type == SOURCE_LINK_LAYER_ADDRESS || type == TARGET_LINK_LAYER_ADDRESS)
        && data.length == 6) {
      return Optional.of(MacAddress.of(data));
    }
    return Optional.empty();
  }

  public int writeTo(byte[] out, int off) {
    out[off] = (byte) type; // type
    out[off + 1] = (byte) (length() / 8); // length, in units of 8 octets
    System.arraycopy(data, 0, out, off + 2, data.length); // data
    return off + length();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NdOption n && n.type == type && Arrays.equals(n.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * type + Arrays.hashCode(data);
  }

  /** {@code sll 02:74:63:00:00:01}, {@code tll ...}, or {@code opt-5[...]}. */
  @Override
  public String toString() {
    Optional<MacAddress> mac = linkLayerAddress();
    if (mac.isPresent()) {
      return (type == SOURCE_LINK_LAYER_ADDRESS ? "sll " : "tll ") + mac.get();
    }
    return "opt-" + type + "[" + HexFormat.of().formatHex(data) + "]";
  }
}
