package dev.tcpconform.crafter.option;

/** Timestamps, kind 8 (RFC 7323 section 3): TSval and TSecr. */
public record Timestamps(long value, long echoReply) implements TcpOption {

  public Timestamps {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("TSval: " + value + " (expected: 0-4294967295)");
    }
    if (echoReply < 0 || echoReply > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("TSecr: " + echoReply + " (expected: 0-4294967295)");
    }
  }

  @Override
  public int kind() {
    return 8;
  }

  @Override
  public int length() {
    return 10;
  }

  @Override
  public int writeTo(byte[] out, int off) {
    out[off] = 8;
    out[off + 1] = 10;
    Sack.put32(out, off + 2, value);
    Sack.put32(out, off + 6, echoReply);
    return off + 10;
  }

  @Override
  public String notation() {
    return "TS val " + value + " ecr " + echoReply;
  }
}
