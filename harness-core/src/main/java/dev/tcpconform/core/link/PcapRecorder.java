package dev.tcpconform.core.link;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.crafter.codec.FrameDecoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Records every frame of one test, in both directions, and writes them as a nanosecond-resolution
 * pcap file (opens in Wireshark and tcpdump). Frames are sorted by time on write, since injected
 * frames are stamped by the JVM clock and captured ones by the kernel.
 *
 * <p>What it keeps of a frame is its bytes, its time and its direction, and it decodes them again
 * when {@link #frames()} is asked for (the ladder, at the end of a test or in a failure): a
 * decoded segment is some twenty objects and a kilobyte, its bytes one array. Kept decoded, the
 * capture benchmark's records (50,000 frames each) kept 28-78 MB alive through every young
 * collection, in pauses of 26-48 ms (load average 3); kept as bytes, 11-12 MB and 6-9 ms. The
 * capture's ring held about 9 ms of frames at 200,000 frames/s then (27 ms since the harness
 * end's MTU is 3000, see {@code VethPair}), and it fills during a pause.
 *
 * <p>So the bytes are not kept one array a frame either: they are copied into chunks, from 128
 * KiB doubling to 4 MiB, and a frame's time, place and length go into primitive arrays. A young
 * collection then has a few large arrays to look at instead of two objects a frame, and G1
 * allocates an array over half its region size (a chunk from 1 or 2 MiB on) outside the young
 * generation, where no young collection copies it. {@link #clear()} keeps the first MiB of
 * chunks for the next test.
 */
public final class PcapRecorder implements Consumer<Captured> {

  private static final int MAGIC_NANOS = 0xa1b23c4d;
  private static final int LINKTYPE_ETHERNET = 1;
  private static final int SNAPLEN = 65535;
  private static final int FIRST_CHUNK = 128 << 10;
  private static final int LARGEST_CHUNK = 4 << 20;
  private static final int FIRST_ENTRIES = 256;
  private static final int KEPT_CHUNKS = 1 << 20;
  private static final int KEPT_ENTRIES = 16_384;

  /** One recorded frame: its bytes as on the wire, when, and who sent it. */
  private record Entry(byte[] raw, long epochNanos, Captured.Direction direction) {}

  private final List<byte[]> chunks = new ArrayList<>();
  /** The chunk being filled, and how much of it is. */
  private int current;
  private int chunkUsed;
  private int count;
  private long[] times = new long[FIRST_ENTRIES];
  /** Where entry i's bytes are: its chunk's index in the high 32 bits, its offset in the low. */
  private long[] places = new long[FIRST_ENTRIES];
  private int[] lengths = new int[FIRST_ENTRIES];
  private boolean[] fromTarget = new boolean[FIRST_ENTRIES];

  public PcapRecorder() {
    chunks.add(new byte[FIRST_CHUNK]);
  }

  @Override
  public void accept(Captured c) {
    record(c.frame().raw(), c.epochNanos(), c.direction());
  }

  /** Records a frame by its bytes, copied. */
  public synchronized void record(byte[] raw, long epochNanos, Captured.Direction direction) {
    byte[] chunk = chunks.get(current);
    if (chunk.length - chunkUsed < raw.length) {
      current++;
      chunkUsed = 0;
      if (current == chunks.size() || chunks.get(current).length < raw.length) {
        chunks.add(current, new byte[Math.max(raw.length,
            Math.min(2 * chunk.length, LARGEST_CHUNK))]);
      }
      chunk = chunks.get(current);
    }
    if (count == times.length) {
      int n = 2 * count;
      times = Arrays.copyOf(times, n);
      places = Arrays.copyOf(places, n);
      lengths = Arrays.copyOf(lengths, n);
      fromTarget = Arrays.copyOf(fromTarget, n);
    }
    System.arraycopy(raw, 0, chunk, chunkUsed, raw.length);
    times[count] = epochNanos;
    places[count] = ((long) current << 32) | chunkUsed;
    lengths[count] = raw.length;
    fromTarget[count] = direction == Captured.Direction.FROM_TARGET;
    chunkUsed += raw.length;
    count++;
  }

  /**
   * Forgets everything recorded so far (start of a test). The chunks of the first MiB and
   * arrays of up to 16,384 entries are kept for the next test, so that a lane does not allocate
   * them again for every test; what a larger test took is let go.
   */
  public synchronized void clear() {
    long kept = 0;
    int keep = 0;
    while (keep < chunks.size() && kept + chunks.get(keep).length <= KEPT_CHUNKS) {
      kept += chunks.get(keep).length;
      keep++;
    }
    chunks.subList(Math.max(keep, 1), chunks.size()).clear();
    current = 0;
    chunkUsed = 0;
    count = 0;
    if (times.length > KEPT_ENTRIES) {
      times = new long[FIRST_ENTRIES];
      places = new long[FIRST_ENTRIES];
      lengths = new int[FIRST_ENTRIES];
      fromTarget = new boolean[FIRST_ENTRIES];
    }
  }

  /** The frames recorded so far, in time order, each decoded again from its bytes. */
  public List<Captured> frames() {
    List<Entry> snapshot = sortedEntries();
    List<Captured> out = new ArrayList<>(snapshot.size());
    for (Entry e : snapshot) {
      out.add(new Captured(FrameDecoder.decode(e.raw()), e.epochNanos(), e.direction()));
    }
    return out;
  }

  /** Each frame's bytes copied out of the chunks (which {@link #clear()} reuses), by time. */
  private List<Entry> sortedEntries() {
    List<Entry> copy;
    synchronized (this) {
      copy = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        byte[] chunk = chunks.get((int) (places[i] >>> 32));
        int off = (int) places[i];
        copy.add(new Entry(Arrays.copyOfRange(chunk, off, off + lengths[i]), times[i],
            fromTarget[i] ? Captured.Direction.FROM_TARGET : Captured.Direction.TO_TARGET));
      }
    }
    copy.sort(Comparator.comparingLong(Entry::epochNanos));
    return copy;
  }

  /** Writes the frames recorded so far to {@code file}. */
  public void write(Path file) {
    List<Entry> snapshot = sortedEntries();
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
        for (Entry c : snapshot) {
          byte[] raw = c.raw();
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
