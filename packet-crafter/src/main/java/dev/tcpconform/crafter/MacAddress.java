package dev.tcpconform.crafter;

import java.util.Locale;

/** A 48-bit Ethernet address. */
public record MacAddress(long bits) {

  public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);
  public static final MacAddress ZERO = new MacAddress(0);

  public MacAddress {
    if (bits < 0 || bits > 0xFFFF_FFFF_FFFFL) {
      throw new IllegalArgumentException("bits: " + bits + " (expected: 48 bits)");
    }
  }

  /** {@code 02:00:5e:00:00:01} */
  public static MacAddress parse(String text) {
    String[] parts = text.trim().split(":");
    if (parts.length != 6) {
      throw new IllegalArgumentException("MAC address: " + text + " (expected: xx:xx:xx:xx:xx:xx)");
    }
    long b = 0;
    for (String p : parts) {
      int v;
      try {
        v = Integer.parseInt(p, 16);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("MAC address: " + text + " (expected: hex octets)", e);
      }
      if (p.isEmpty() || p.length() > 2 || v > 255) {
        throw new IllegalArgumentException("MAC address: " + text + " (expected: hex octets)");
      }
      b = (b << 8) | v;
    }
    return new MacAddress(b);
  }

  public static MacAddress of(byte[] six) {
    if (six.length != 6) {
      throw new IllegalArgumentException("MAC length: " + six.length + " (expected: 6)");
    }
    return of(six, 0);
  }

  /** Six bytes at {@code off}. */
  public static MacAddress of(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 6; i++) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return new MacAddress(v);
  }

  public byte[] bytes() {
    byte[] out = new byte[6];
    writeTo(out, 0);
    return out;
  }

  public void writeTo(byte[] out, int off) {
    for (int i = 0; i < 6; i++) {
      out[off + i] = (byte) (bits >>> (40 - 8 * i));
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(17);
    for (int i = 0; i < 6; i++) {
      if (i > 0) {
        s.append(':');
      }
      s.append(String.format(Locale.ROOT, "%02x", (bits >>> (40 - 8 * i)) & 0xFF));
    }
    return s.toString();
  }
}
