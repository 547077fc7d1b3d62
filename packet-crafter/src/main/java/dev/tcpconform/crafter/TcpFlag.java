package dev.tcpconform.crafter;

/**
 * The TCP control bits (RFC 9293 section 3.1, RFC 3168, RFC 9768 for AE) and the three reserved
 * bits, each with its letter in the notation ({@code .} for ACK, as in packetdrill).
 */
public enum TcpFlag {
  FIN(0x001, "F"),
  SYN(0x002, "S"),
  RST(0x004, "R"),
  PSH(0x008, "P"),
  ACK(0x010, "."),
  URG(0x020, "U"),
  ECE(0x040, "E"),
  CWR(0x080, "W"),
  AE(0x100, "A"),
  RSV1(0x200, "r1"),
  RSV2(0x400, "r2"),
  RSV3(0x800, "r3");

  private final int bit;
  private final String letter;

  TcpFlag(int bit, String letter) {
    this.bit = bit;
    this.letter = letter;
  }

  public int bit() {
    return bit;
  }

  public String letter() {
    return letter;
  }
}
