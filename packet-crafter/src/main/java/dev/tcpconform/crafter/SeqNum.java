package dev.tcpconform.crafter;

/**
 * A 32-bit TCP sequence or acknowledgment number, with the modulo-2^32 arithmetic and comparisons
 * of RFC 9293 section 3.4.
 */
public record SeqNum(long value) implements Comparable<SeqNum> {

  private static final long MASK = 0xFFFF_FFFFL;

  public SeqNum {
    if (value < 0 || value > MASK) {
      throw new IllegalArgumentException("value: " + value + " (expected: 0-4294967295)");
    }
  }

  /** {@code v} modulo 2^32. */
  public static SeqNum of(long v) {
    return new SeqNum(v & MASK);
  }

  public SeqNum plus(long n) {
    return of(value + n);
  }

  public SeqNum minus(long n) {
    return of(value - n);
  }

  /** The signed distance {@code other - this}, modulo 2^32, in the int range. */
  public long distanceTo(SeqNum other) {
    return (int) (other.value - value);
  }

  public boolean isBefore(SeqNum o) {
    return distanceTo(o) > 0;
  }

  public boolean isAfter(SeqNum o) {
    return distanceTo(o) < 0;
  }

  public boolean isAtOrBefore(SeqNum o) {
    return distanceTo(o) >= 0;
  }

  public boolean isAtOrAfter(SeqNum o) {
    return distanceTo(o) <= 0;
  }

  /** Orders by modular distance; consistent only within half the sequence space. */
  @Override
  public int compareTo(SeqNum o) {
    return Long.signum(-distanceTo(o));
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
