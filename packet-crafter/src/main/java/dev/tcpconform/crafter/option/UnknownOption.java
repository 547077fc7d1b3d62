package dev.tcpconform.crafter.option;

import java.util.Arrays;
import java.util.HexFormat;

/** An option of a kind the crafter has no type for; {@code data} is what follows kind and length. */
public record UnknownOption(int kind, byte[] data) implements TcpOption {

  public UnknownOption {
    if (kind < 0 || kind > 255) {
      throw new IllegalArgumentException("kind: " + kind + " (expected: 0-255)");
    }
    data = data.clone();
    if (data.length > 253) {
      throw new IllegalArgumentException("data length: " + data.length + " (expected: 0-253)");
    }
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public int length() {
    return 2 + data.length;
  }

  @Override
  public int writeTo(byte[] out, int off) {
    out[off] = (byte) kind;
    out[off + 1] = (byte) length();
    System.arraycopy(data, 0, out, off + 2, data.length);
    return off + length();
  }

  @Override
  public String notation() {
    return "opt-" + kind + "[" + HexFormat.of().formatHex(data) + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnknownOption u && u.kind == kind && Arrays.equals(u.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * kind + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return notation();
  }
}
