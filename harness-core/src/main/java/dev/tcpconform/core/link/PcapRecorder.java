package dev.tcpconform.core.link;

import dev.tcpconform.core.HarnessException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Records every frame of one test, in both directions, and writes them as a nanosecond-resolution
 * pcap file (opens in Wireshark and tcpdump). Frames are sorted by time on write, since injected
 * frames are stamped by the JVM clock and captured ones by the kernel.
 */
public final class PcapRecorder implements Consumer<Captured> {

  private static final int MAGIC_NANOS = 0xa1b23c4d;
  private static final int LINKTYPE_ETHERNET = 1;
  private static final int SNAPLEN = 65535;

  private final List<Captured> frames = new ArrayList<>();

  @Override
  public synchronized void accept(Captured c) {
    frames.add(c);
  }

  /** Forgets everything recorded so far (start of a test). */
  public synchronized void clear() {
    frames.clear();
  }

  /** The frames recorded so far, in time order. */
  public synchronized List<Captured> frames() {
    List<Captured> copy = new ArrayList<>(frames);
    copy.sort(Comparator.comparingLong(Captured::epochNanos));
    return copy;
  }

  /** Writes the frames recorded so far to {@code file}. */
  public void write(Path file) {
    List<Captured> snapshot = frames();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC_NANOS); // magic number, nanosecond timestamps
        header.putShort((short) 2); // version major
        header.putShort((short) 4); // version minor
        header.putInt(0); // thiszone
        header.putInt(0); // sigfigs
        header.putInt(SNAPLEN); // snaplen
        header.putInt(LINKTYPE_ETHERNET); // network
        out.write(header.array());
        for (Captured c : snapshot) {
          byte[] raw = c.frame().raw();
          int len = Math.min(raw.length, SNAPLEN);
          ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
          rec.putInt((int) Math.floorDiv(c.epochNanos(), 1_000_000_000L)); // ts_sec
          rec.putInt((int) Math.floorMod(c.epochNanos(), 1_000_000_000L)); // ts_nsec
          rec.putInt(len); // incl_len
          rec.putInt(raw.length); // orig_len
          out.write(rec.array());
          out.write(raw, 0, len);
        }
      }
    } catch (IOException e) {
      throw new HarnessException("cannot write capture " + file + ": " + e.getMessage(), e);
    }
  }
}
