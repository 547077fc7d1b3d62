package dev.tcpconform.suites.window;

import java.nio.charset.StandardCharsets;

/** Application data for the window tests: a pattern, so that misplaced octets show. */
final class Payloads {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private Payloads() {}

  /** {@code length} octets of a repeating 36-character pattern. */
  static byte[] of(int length) {
    StringBuilder b = new StringBuilder(length);
    while (b.length() < length) {
      b.append(ALPHABET, 0, Math.min(ALPHABET.length(), length - b.length()));
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
