package dev.tcpconform.crafter.codec;

import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.option.Eol;
import dev.tcpconform.crafter.option.Mss;
import dev.tcpconform.crafter.option.Nop;
import dev.tcpconform.crafter.option.Sack;
import dev.tcpconform.crafter.option.SackPermitted;
import dev.tcpconform.crafter.option.TcpOption;
import dev.tcpconform.crafter.option.TcpOptions;
import dev.tcpconform.crafter.option.Timestamps;
import dev.tcpconform.crafter.option.UnknownOption;
import dev.tcpconform.crafter.option.WindowScale;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A segment encoded, with the frame its bytes are: exactly what {@link FrameDecoder#decode}
 * would read from them, without decoding them.
 *
 * <p>Why: the harness returns every injected segment as it went on the wire (its peer advances
 * SND.NXT by what was sent, tests read SEG.SEQ and the checksum verdict of it), and decoding the
 * frame just encoded was the largest cost of an injection: 0.6 of 3.5 us and 1 KB a frame. When
 * the segment sets none of the fields that make its bytes say something else than its model (no
 * raw options area, data offset, length, Next Header or checksum field of its own, no IPv6
 * extension header, only options the decoder reads back as the same values, at most 40 octets
 * of them), the decoder's segment is the built one with the computed fields resolved, which
 * {@link Segment#asSent} makes from the built one and the frame's two checksums. Any other
 * segment, a fault, is decoded as before: a fault is where the two could differ, and it is
 * rare. {@code SentFrameTest} holds the two paths equal over generated segments.
 */
public final class SentFrame {

  private static final byte[] NO_OPTIONS = new byte[0];

  private SentFrame() {}

  /** The frame {@code s} encodes to, its segment as the decoder would read it back. */
  public static Frame encode(Segment s) {
    return of(s, FrameEncoder.encode(s));
  }

  /**
   * The frame {@code raw} is, {@code raw} being what {@link FrameEncoder#encode(Segment)} made of
   * {@code s} (kept, not copied: frames are never written to).
   */
  public static Frame of(Segment s, byte[] raw) {
    if (!readsBackUnchanged(s)) {
      return FrameDecoder.decode(raw);
    }
    int t = FrameEncoder.ETH + s.ipHeaderLength();
    int optionsLength = s.optionsLength();
    byte[] area = optionsLength == 0 ? NO_OPTIONS
        : Arrays.copyOfRange(raw, t + 20, t + 20 + optionsLength);
    boolean v4 = s.version() == 4;
    Segment sent = Segment.asSent(s, wireOptions(s.options(), optionsLength), area,
        v4 ? u16(raw, FrameEncoder.ETH + 10) : null, u16(raw, t + 16),
        !s.badChecksumRequested(), !v4 || !s.badIpChecksumRequested());
    return new Frame.Tcp(raw, sent);
  }

  /**
   * True when the decoder reads {@code s}'s frame back as {@code s} with its computed fields
   * resolved: the lengths and data offset its bytes carry agree with its model, the checksums
   * are computed (correct, or the correct one with its lowest bit flipped, which no verification
   * can take for correct), and the options are ones the decoder makes the same values of.
   */
  static boolean readsBackUnchanged(Segment s) {
    if (!s.malformations().isEmpty() || s.tcpChecksumField() != null
        || s.dataOffsetOverridden() || s.optionsLength() > 40 || s.rawOptions() != null) {
      return false;
    }
    if (s.version() == 4) {
      if (s.ipChecksumField() != null || s.ipTotalLength() != 20 + s.tcpLength()
          || s.ipTotalLength() > 0xFFFF) {
        return false;
      }
    } else if (!s.extensionHeaders().isEmpty() || s.nextHeader() != FrameEncoder.TCP
        || s.ipPayloadLength() != s.tcpLength() || s.ipPayloadLength() > 0xFFFF) {
      return false;
    }
    List<TcpOption> options = s.options();
    for (int i = 0; i < options.size(); i++) {
      if (!readsBackAsItself(options.get(i), i == options.size() - 1)) {
        return false;
      }
    }
    return true;
  }

  /**
   * An option the decoder reads back as an equal value: a kind it has a type for, at its one
   * length; an unknown kind; an EOL only last (the decoder stops at one, what follows is
   * padding). Not a malformed option, nor an unknown one of a kind the decoder knows.
   */
  private static boolean readsBackAsItself(TcpOption o, boolean last) {
    if (o instanceof Mss || o instanceof WindowScale || o instanceof SackPermitted
        || o instanceof Timestamps || o instanceof Nop || o instanceof Sack) {
      return true;
    }
    if (o instanceof Eol) {
      return last;
    }
    if (o instanceof UnknownOption u) {
      int kind = u.kind();
      return kind != 0 && kind != 1 && kind != 2 && kind != 3 && kind != 4 && kind != 5
          && kind != 8;
    }
    return false;
  }

  /**
   * The options as the decoder lists them: the padding the encoder added to a 32-bit boundary is
   * zeros, which the decoder reads as one EOL (and stops), unless the list ends in an EOL already.
   */
  private static List<TcpOption> wireOptions(List<TcpOption> options, int optionsLength) {
    boolean padded = TcpOptions.length(options) != optionsLength;
    if (!padded || (!options.isEmpty() && options.get(options.size() - 1) instanceof Eol)) {
      return options;
    }
    List<TcpOption> withEol = new ArrayList<>(options.size() + 1);
    withEol.addAll(options);
    withEol.add(new Eol());
    return List.copyOf(withEol);
  }

  private static int u16(byte[] b, int off) {
    return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
  }
}
