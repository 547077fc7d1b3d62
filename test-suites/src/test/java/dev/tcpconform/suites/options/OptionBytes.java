package dev.tcpconform.suites.options;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The options area of a captured TCP header read byte by byte, as RFC 9293 3.1 lays it out: EOL
 * (kind 0) ends the list, NOP (kind 1) is one octet, every other option is kind, length (counting
 * kind and length) and data. Facts for the rules on the target's own headers (MUST-68, MUST-69).
 */
final class OptionBytes {

  private final byte[] bytes;

  OptionBytes(byte[] bytes) {
    this.bytes = bytes == null ? new byte[0] : bytes.clone();
  }

  /**
   * Every way the options break the length rule (MUST-68): an option other than EOL and NOP with
   * no length octet, a length below 2, or one running past the header. Empty when well formed.
   */
  List<String> lengthViolations() {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < bytes.length) {
      int kind = bytes[i] & 0xFF;
      if (kind == 0) {
        break;
      }
      if (kind == 1) {
        i++;
        continue;
      }
      if (i + 1 >= bytes.length) {
        out.add("kind " + kind + " at option offset " + i + " has no length octet");
        break;
      }
      int length = bytes[i + 1] & 0xFF;
      if (length < 2) {
        out.add("kind " + kind + " at option offset " + i + " has length " + length
            + " (expected: at least 2)");
        break;
      }
      if (i + length > bytes.length) {
        out.add("kind " + kind + " at option offset " + i + " has length " + length
            + ", running past the " + bytes.length + " octets the data offset allows");
        break;
      }
      i += length;
    }
    return out;
  }

  /**
   * The offsets of non-zero octets after an EOL (MUST-69), empty if there is no EOL or only
   * zeros follow it. Options are walked by their lengths, so an EOL is found only where an option
   * starts.
   */
  List<Integer> nonZeroAfterEol() {
    int i = 0;
    while (i < bytes.length) {
      int kind = bytes[i] & 0xFF;
      if (kind == 0) {
        List<Integer> out = new ArrayList<>();
        for (int j = i + 1; j < bytes.length; j++) {
          if (bytes[j] != 0) {
            out.add(j);
          }
        }
        return out;
      }
      if (kind == 1) {
        i++;
      } else if (i + 1 < bytes.length && (bytes[i + 1] & 0xFF) >= 2) {
        i += bytes[i + 1] & 0xFF;
      } else {
        return List.of(); // malformed: MUST-68's business
      }
    }
    return List.of();
  }

  /** Whether an option of {@code kind} starts somewhere in the area (walked by lengths). */
  boolean hasKind(int kind) {
    int i = 0;
    while (i < bytes.length) {
      int k = bytes[i] & 0xFF;
      if (k == kind) {
        return true;
      }
      if (k == 0) {
        return false;
      }
      if (k == 1) {
        i++;
      } else if (i + 1 < bytes.length && (bytes[i + 1] & 0xFF) >= 2) {
        i += bytes[i + 1] & 0xFF;
      } else {
        return false;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return HexFormat.ofDelimiter(" ").formatHex(bytes);
  }
}
