package dev.tcpconform.suites.support;

/**
 * The bytes of a test's stream, chosen so that every octet says where it belongs: octet {@code i}
 * of the stream is {@code 'a' + i % 26}. A copy of a range with other content (for overlaps whose
 * winner a test records) uses the capitals at the same offsets.
 */
public final class Octets {

  private Octets() {}

  /** Octets {@code offset} to {@code offset + length - 1} of the stream. */
  public static byte[] of(int offset, int length) {
    return letters(offset, length, 'a');
  }

  /** The same range, in capitals: other content for the same sequence numbers. */
  public static byte[] otherCopyOf(int offset, int length) {
    return letters(offset, length, 'A');
  }

  private static byte[] letters(int offset, int length, char base) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (base + (offset + i) % 26);
    }
    return b;
  }
}
