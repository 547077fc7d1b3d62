package dev.tcpconform.crafter.option;

/** End of option list, kind 0: one byte. */
public record Eol() implements TcpOption {

  @Override
  public int kind() {
    return 0;
  }

  @Override
  public int length() {
    return 1;
  }

  @Override
  public int writeTo(byte[] out, int off) {
    out[off] = 0;
    return off + 1;
  }

  @Override
  public String notation() {
    return "eol";
  }
}
