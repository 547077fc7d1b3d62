package dev.tcpconform.crafter;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One IPv6 extension header (RFC 8200 section 4), carried as its bytes: the crafter does not look
 * inside, so a captured header goes out again as it came. {@code type} is the Next Header value
 * that announces it: hop-by-hop options 0, routing 43, fragment 44, destination options 60 (the
 * four the decoder walks), or any other value to make a fault.
 *
 * <p>{@code data} is what follows the header's first octet, as on the wire, Hdr Ext Len included:
 * a length that disagrees with the data is a fault sent as set. The first octet, the header's own
 * Next Header field, is not kept: the encoder writes it from the chain (the type of the header
 * after it, or TCP's 6 for the last), and the decoder has walked by it.
 *
 * <pre>
 *  0               1               2               3
 * +---------------+---------------+-------------------------------+
 * |  Next Header  |  Hdr Ext Len  |                               |
 * +---------------+---------------+                               +
 * .            type-specific data, (Hdr Ext Len + 1) * 8 octets    .
 * +---------------------------------------------------------------+
 * </pre>
 *
 * The fragment header has a reserved octet where the others have Hdr Ext Len, and is always 8
 * octets.
 */
public record ExtensionHeader(int type, byte[] data) {

  public static final int HOP_BY_HOP = 0;
  public static final int ROUTING = 43;
  public static final int FRAGMENT = 44;
  public static final int DESTINATION_OPTIONS = 60;

  /** The longest a header can be: Hdr Ext Len 255. */
  public static final int MAX_LENGTH = (255 + 1) * 8;

  public ExtensionHeader {
    if (type < 0 || type > 255) {
      throw new IllegalArgumentException("type: " + type + " (expected: 0-255)");
    }
    if (data.length < 1 || data.length > MAX_LENGTH - 1) {
      throw new IllegalArgumentException("data length: " + data.length
          + " (expected: 1-" + (MAX_LENGTH - 1) + ")");
    }
    data = data.clone();
  }

  /** Whether the decoder walks a header of this Next Header value. */
  public static boolean walked(int type) {
    return type == HOP_BY_HOP || type == ROUTING || type == FRAGMENT
        || type == DESTINATION_OPTIONS;
  }

  /** An 8-octet hop-by-hop options header holding only padding (RFC 8200 section 4.3). */
  public static ExtensionHeader hopByHop() {
    return options(HOP_BY_HOP, new byte[0]);
  }

  /** An 8-octet destination options header holding only padding (RFC 8200 section 4.6). */
  public static ExtensionHeader destinationOptions() {
    return options(DESTINATION_OPTIONS, new byte[0]);
  }

  /**
   * A hop-by-hop or destination options header with {@code options} (TLV-encoded, RFC 8200
   * section 4.2), padded with Pad1 or PadN to a multiple of 8 octets.
   */
  public static ExtensionHeader options(int type, byte[] options) {
    int length = (2 + options.length + 7) & ~7;
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException("options length: " + options.length
          + " (expected: 0-" + (MAX_LENGTH - 2) + ")");
    }
    byte[] d = new byte[length - 1]; // after the next header octet
    d[0] = (byte) (length / 8 - 1); // Hdr Ext Len, in 8-octet units after the first
    System.arraycopy(options, 0, d, 1, options.length); // options
    int pad = length - 2 - options.length;
    if (pad >= 2) {
      d[1 + options.length] = 1; // PadN
      d[2 + options.length] = (byte) (pad - 2); // its data length; the data are zeros
    } // one octet of padding is Pad1, a zero octet
    return new ExtensionHeader(type, d);
  }

  /**
   * A fragment header (RFC 8200 section 4.5). {@code fragment(0, false, id)} is an atomic fragment
   * (RFC 6946): the whole packet, which the decoder reads through; any other is a fragment it
   * reports and does not reassemble.
   *
   * @param offset the Fragment Offset in 8-octet units, 0-8191
   * @param more the M flag: more fragments follow
   */
  public static ExtensionHeader fragment(int offset, boolean more, long identification) {
    if (offset < 0 || offset > 0x1FFF) {
      throw new IllegalArgumentException("offset: " + offset + " (expected: 0-8191)");
    }
    if (identification < 0 || identification > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("identification: " + identification
          + " (expected: 0-4294967295)");
    }
    byte[] d = new byte[7]; // after the next header octet
    // d[0]: reserved
    int word = (offset << 3) | (more ? 1 : 0);
    d[1] = (byte) (word >>> 8); // fragment offset, reserved bits, M
    d[2] = (byte) word;
    d[3] = (byte) (identification >>> 24); // identification
    d[4] = (byte) (identification >>> 16);
    d[5] = (byte) (identification >>> 8);
    d[6] = (byte) identification;
    return new ExtensionHeader(FRAGMENT, d);
  }

  /**
   * A routing header (RFC 8200 section 4.4) with {@code data} after its first four octets; the
   * header must come to a multiple of 8 octets.
   */
  public static ExtensionHeader routing(int routingType, int segmentsLeft, byte[] data) {
    if ((4 + data.length) % 8 != 0 || 4 + data.length > MAX_LENGTH) {
      throw new IllegalArgumentException("routing data length: " + data.length
          + " (expected: 4 + 8n, up to " + (MAX_LENGTH - 4) + ")");
    }
    if (routingType < 0 || routingType > 255 || segmentsLeft < 0 || segmentsLeft > 255) {
      throw new IllegalArgumentException("routing type and segments left: " + routingType + ", "
          + segmentsLeft + " (expected: 0-255)");
    }
    byte[] d = new byte[3 + data.length]; // after the next header octet
    d[0] = (byte) ((4 + data.length) / 8 - 1); // Hdr Ext Len
    d[1] = (byte) routingType; // routing type
    d[2] = (byte) segmentsLeft; // segments left
    System.arraycopy(data, 0, d, 3, data.length); // type-specific data
    return new ExtensionHeader(ROUTING, d);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** Octets on the wire, the Next Header octet included. */
  public int length() {
    return 1 + data.length;
  }

  /** Writes the header at {@code off}, {@code nextHeader} in its first octet; returns the end. */
  public int writeTo(byte[] out, int off, int nextHeader) {
    out[off] = (byte) nextHeader; // next header
    System.arraycopy(data, 0, out, off + 1, data.length); // the rest, as is
    return off + 1 + data.length;
  }

  /** {@code hop-by-hop}, {@code fragment}, ... with the length when it is not 8 octets. */
  public String notation() {
    String name = switch (type) {
      case HOP_BY_HOP -> "hop-by-hop";
      case ROUTING -> "routing";
      case FRAGMENT -> "fragment";
      case DESTINATION_OPTIONS -> "destination";
      default -> "ext-" + type;
    };
    return length() == 8 ? name : name + "(" + length() + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExtensionHeader e && e.type == type && Arrays.equals(e.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * type + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return notation() + "[" + HexFormat.of().formatHex(data) + "]";
  }
}
