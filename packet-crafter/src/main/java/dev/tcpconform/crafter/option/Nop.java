package dev.tcpconform.crafter.option;

/** No-operation, kind 1: one byte. */
public record Nop() implements TcpOption {

  @Override
  public int kind() {
    return 1;
  }

  @Override
  public int length() {
    return 1;
  }

  @Override
  public int writeTo(byte[] out, int off) {
    out[off] = 1;
    return off + 1;
  }

  @Override
  public String notation() {
    return "nop";
  }
}
