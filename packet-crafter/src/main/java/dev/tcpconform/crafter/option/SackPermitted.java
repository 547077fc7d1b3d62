package dev.tcpconform.crafter.option;

/** SACK-permitted, kind 4 (RFC 2018 section 2). */
public record SackPermitted() implements TcpOption {

  @Override
  public int kind() {
    return 4;
  }

  @Override
  public int length() {
    return 2;
  }

  @Override
  public int writeTo(byte[] out, int off) {
    out[off] = 4;
    out[off + 1] = 2;
    return off + 2;
  }

  @Override
  public String notation() {
    return "sackOK";
  }
}
