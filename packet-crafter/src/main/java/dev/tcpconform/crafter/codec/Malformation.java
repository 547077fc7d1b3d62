package dev.tcpconform.crafter.codec;

/** Something wrong in a decoded frame: where (byte offset in the frame), which field, and why. */
public record Malformation(int offset, String field, String reason) {

  @Override
  public String toString() {
    return field + "@" + offset + ": " + reason;
  }
}
