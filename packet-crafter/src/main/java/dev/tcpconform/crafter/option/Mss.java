package dev.tcpconform.crafter.option;

/** Maximum segment size, kind 2 (RFC 9293 section 3.7.1). */
public record Mss(int value) implements TcpOption {

  public Mss {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("mss: " + value + " (expected: 0-65535)");
    }
  }

  @Override
  public int kind() {
    return 2;
  }

  @Override
  public int length() {
    return 4;
  }

  @Override
  public int writeTo(byte[] out, int off) {
    out[off] = 2;
    out[off + 1] = 4;
    out[off + 2] = (byte) (value >>> 8);
    out[off + 3] = (byte) value;
    return off + 4;
  }

  @Override
  public String notation() {
    return "mss " + value;
  }
}
