package dev.tcpconform.crafter;

/**
 * An IPv6 address as its 128 bits, in two halves (RFC 4291). {@link #parse} takes the text forms
 * of RFC 4291 section 2.2; {@code toString()} writes the one canonical form of RFC 5952 section 4
 * (lower case, no leading zeros, the longest run of two or more zero fields as {@code ::}, the
 * first of equal runs), and an IPv4-mapped address in the mixed form its section 5 recommends
 * ({@code ::ffff:198.18.0.1}).
 */
public record Ipv6Address(long high, long low) implements IpAddress {

  /** {@code ::}, the source of a solicitation during duplicate address detection. */
  public static final Ipv6Address UNSPECIFIED = new Ipv6Address(0, 0);

  /** {@code ff02::1}, all nodes on the link (RFC 4291 section 2.7.1). */
  public static final Ipv6Address ALL_NODES = new Ipv6Address(0xff02_0000_0000_0000L, 1);

  private static final String EXPECTED = " (expected: RFC 4291 text, e.g. 2001:2::1)";

  /** {@code 2001:2::1}, {@code 2001:0002:0:0:0:0:0:0001}, {@code ::ffff:198.18.0.1}... */
  public static Ipv6Address parse(String text) {
    String t = text.trim();
    int gap = t.indexOf("::");
    if (gap >= 0 && t.indexOf("::", gap + 1) >= 0) {
      throw new IllegalArgumentException("IPv6 address: " + text + " (expected: one '::' at most)");
    }
    int[] groups = new int[8];
    int n;
    if (gap < 0) {
      n = groups(text, t, groups);
      if (n != 8) {
        throw new IllegalArgumentException("IPv6 address: " + text + " (expected: 8 groups)");
      }
    } else {
      int[] tail = new int[8];
      int head = groups(text, t.substring(0, gap), groups);
      int rest = groups(text, t.substring(gap + 2), tail);
      if (head + rest > 7) {
        throw new IllegalArgumentException("IPv6 address: " + text + " (expected: at most 7"
            + " groups around '::')");
      }
      System.arraycopy(tail, 0, groups, 8 - rest, rest);
    }
    long high = 0;
    long low = 0;
    for (int i = 0; i < 4; i++) {
      high = (high << 16) | groups[i];
      low = (low << 16) | groups[i + 4];
    }
    return new Ipv6Address(high, low);
  }

  /** Parses {@code part} (no {@code ::}) into {@code out}; returns how many groups it holds. */
  private static int groups(String text, String part, int[] out) {
    if (part.isEmpty()) {
      return 0;
    }
    String[] fields = part.split(":", -1);
    int n = 0;
    for (int i = 0; i < fields.length; i++) {
      String f = fields[i];
      if (i == fields.length - 1 && f.indexOf('.') >= 0) {
        // an embedded IPv4 address: the last 32 bits (RFC 4291 section 2.2, form 3)
        if (n + 2 > out.length) {
          throw new IllegalArgumentException("IPv6 address: " + text + EXPECTED);
        }
        int v4 = Ipv4Address.parse(f).bits();
        out[n++] = v4 >>> 16;
        out[n++] = v4 & 0xFFFF;
        continue;
      }
      if (f.isEmpty() || f.length() > 4 || n >= out.length) {
        throw new IllegalArgumentException("IPv6 address: " + text + EXPECTED);
      }
      int v = 0;
      for (int c = 0; c < f.length(); c++) {
        int d = Character.digit(f.charAt(c), 16);
        if (d < 0) {
          throw new IllegalArgumentException("IPv6 address: " + text + EXPECTED);
        }
        v = (v << 4) | d;
      }
      out[n++] = v;
    }
    return n;
  }

  public static Ipv6Address of(byte[] sixteen) {
    if (sixteen.length != 16) {
      throw new IllegalArgumentException("IPv6 address length: " + sixteen.length
          + " (expected: 16)");
    }
    return of(sixteen, 0);
  }

  /** Sixteen bytes at {@code off}. */
  public static Ipv6Address of(byte[] b, int off) {
    return new Ipv6Address(long64(b, off), long64(b, off + 8));
  }

  private static long long64(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return v;
  }

  @Override
  public int version() {
    return 6;
  }

  @Override
  public byte[] bytes() {
    byte[] out = new byte[16];
    writeTo(out, 0);
    return out;
  }

  @Override
  public void writeTo(byte[] out, int off) {
    for (int i = 0; i < 8; i++) {
      out[off + i] = (byte) (high >>> (56 - 8 * i));
      out[off + 8 + i] = (byte) (low >>> (56 - 8 * i));
    }
  }

  /** The 16-bit group {@code i} (0 is the leftmost). */
  public int group(int i) {
    if (i < 0 || i > 7) {
      throw new IllegalArgumentException("group: " + i + " (expected: 0-7)");
    }
    long half = i < 4 ? high : low;
    return (int) (half >>> (48 - 16 * (i & 3))) & 0xFFFF;
  }

  /** In ff00::/8 (RFC 4291 section 2.7). */
  public boolean isMulticast() {
    return (high >>> 56) == 0xFF;
  }

  /**
   * The solicited-node multicast address of this address, {@code ff02::1:ffxx:xxxx} with its low
   * 24 bits (RFC 4291 section 2.7.1): where a Neighbor Solicitation for it is sent.
   */
  public Ipv6Address solicitedNodeMulticast() {
    return new Ipv6Address(0xff02_0000_0000_0000L, 0x0000_0001_ff00_0000L | (low & 0xFF_FFFFL));
  }

  /**
   * The Ethernet address a multicast address is sent to: {@code 33:33} and its low 32 bits (RFC
   * 2464 section 7), e.g. {@code 33:33:ff:00:00:01} for {@code ff02::1:ff00:1}.
   */
  public MacAddress multicastMac() {
    if (!isMulticast()) {
      throw new IllegalArgumentException("multicastMac of " + this
          + " (expected: a multicast address, ff00::/8)");
    }
    return new MacAddress(0x3333_0000_0000L | (low & 0xFFFF_FFFFL));
  }

  @Override
  public String toString() {
    if (high == 0 && (low >>> 32) == 0xFFFF) {
      return "::ffff:" + new Ipv4Address((int) low);
    }
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = group(i);
    }
    // the longest run of zero groups, two at least; the first of runs of the same length
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder s = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLength - 1;
        continue;
      }
      if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
        s.append(':');
      }
      s.append(Integer.toHexString(g[i]));
    }
    return s.toString();
  }
}
