package dev.tcpconform.crafter.option;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Option bytes that could not be read as an option, kept as they were with the offset (from the
 * start of the options) and the reason. Encoding writes the bytes back verbatim.
 */
public record MalformedOption(byte[] bytes, int offset, String reason) implements TcpOption {

  public MalformedOption {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public int kind() {
    return bytes.length > 0 ? bytes[0] & 0xFF : -1;
  }

  @Override
  public int length() {
    return bytes.length;
  }

  @Override
  public int writeTo(byte[] out, int off) {
    System.arraycopy(bytes, 0, out, off, bytes.length);
    return off + bytes.length;
  }

  @Override
  public String notation() {
    return "malformed@" + offset + "(" + reason + ": " + HexFormat.of().formatHex(bytes) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MalformedOption m && m.offset == offset && m.reason.equals(reason)
        && Arrays.equals(m.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes) * 31 + offset;
  }

  @Override
  public String toString() {
    return notation();
  }
}
