package dev.tcpconform.crafter;

/** An IPv4 address as its 32 bits. */
public record Ipv4Address(int bits) implements IpAddress {

  /** {@code 198.18.0.1} */
  public static Ipv4Address parse(String text) {
    String[] parts = text.trim().split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("IPv4 address: " + text + " (expected: a.b.c.d)");
    }
    int b = 0;
    for (String p : parts) {
      int v;
      try {
        v = Integer.parseInt(p);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("IPv4 address: " + text + " (expected: a.b.c.d)", e);
      }
      if (v < 0 || v > 255) {
        throw new IllegalArgumentException("IPv4 address: " + text + " (expected: octets 0-255)");
      }
      b = (b << 8) | v;
    }
    return new Ipv4Address(b);
  }

  public static Ipv4Address of(byte[] four) {
    if (four.length != 4) {
      throw new IllegalArgumentException("IPv4 address length: " + four.length + " (expected: 4)");
    }
    return of(four, 0);
  }

  public static Ipv4Address of(byte[] b, int off) {
    return new Ipv4Address(((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16)
        | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF));
  }

  @Override
  public int version() {
    return 4;
  }

  @Override
  public byte[] bytes() {
    return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
  }

  @Override
  public void writeTo(byte[] out, int off) {
    out[off] = (byte) (bits >>> 24);
    out[off + 1] = (byte) (bits >>> 16);
    out[off + 2] = (byte) (bits >>> 8);
    out[off + 3] = (byte) bits;
  }

  @Override
  public String toString() {
    return ((bits >>> 24) & 0xFF) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF)
        + "." + (bits & 0xFF);
  }
}
