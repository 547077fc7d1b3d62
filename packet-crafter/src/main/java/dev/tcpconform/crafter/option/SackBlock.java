package dev.tcpconform.crafter.option;

import dev.tcpconform.crafter.SeqNum;

/** One SACK block: received data from {@code left} up to, not including, {@code right}. */
public record SackBlock(SeqNum left, SeqNum right) {

  @Override
  public String toString() {
    return left + ":" + right;
  }
}
