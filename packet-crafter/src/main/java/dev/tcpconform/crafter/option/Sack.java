package dev.tcpconform.crafter.option;

import java.util.List;
import java.util.stream.Collectors;

/** SACK blocks, kind 5 (RFC 2018 section 3). */
public record Sack(List<SackBlock> blocks) implements TcpOption {

  public Sack {
    blocks = List.copyOf(blocks);
    if (blocks.size() > 31) {
      throw new IllegalArgumentException("blocks: " + blocks.size() + " (expected: 0-31)");
    }
  }

  @Override
  public int kind() {
    return 5;
  }

  @Override
  public int length() {
    return 2 + 8 * blocks.size();
  }

  @Override
  public int writeTo(byte[] out, int off) {
    out[off] = 5;
    out[off + 1] = (byte) length();
    int p = off + 2;
    for (SackBlock b : blocks) {
      p = put32(out, p, b.left().value());
      p = put32(out, p, b.right().value());
    }
    return p;
  }

  static int put32(byte[] out, int p, long v) {
    out[p] = (byte) (v >>> 24);
    out[p + 1] = (byte) (v >>> 16);
    out[p + 2] = (byte) (v >>> 8);
    out[p + 3] = (byte) v;
    return p + 4;
  }

  @Override
  public String notation() {
    return "sack " + blocks.stream().map(SackBlock::toString).collect(Collectors.joining(" "));
  }
}
