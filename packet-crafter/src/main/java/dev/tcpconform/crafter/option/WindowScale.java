package dev.tcpconform.crafter.option;

/** Window scale, kind 3 (RFC 7323 section 2); any shift 0-255 can be sent. */
public record WindowScale(int shift) implements TcpOption {

  public WindowScale {
    if (shift < 0 || shift > 255) {
      throw new IllegalArgumentException("shift: " + shift + " (expected: 0-255)");
    }
  }

  @Override
  public int kind() {
    return 3;
  }

  @Override
  public int length() {
    return 3;
  }

  @Override
  public int writeTo(byte[] out, int off) {
    out[off] = 3;
    out[off + 1] = 3;
    out[off + 2] = (byte) shift;
    return off + 3;
  }

  @Override
  public String notation() {
    return "wscale " + shift;
  }
}
