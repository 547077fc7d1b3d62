package dev.tcpconform.core.link;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.crafter.codec.FrameDecoder;
import java.io.EOFException;
import java.sql.Timestamp;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;

/**
 * A {@link RawLink} on a real interface through libpcap (pcap4j): immediate mode, nanosecond
 * capture timestamps, inbound direction only (our own injected frames are never read back), an
 * optional BPF filter, and one blocking reader thread that {@link #close()} stops with
 * {@code pcap_breakloop} before closing the handle (closing a handle while another thread reads
 * from it blocks forever).
 */
public final class PcapLink implements RawLink {

  private final String interfaceName;
  private final PcapHandle handle;
  private final AtomicReference<Thread> reader = new AtomicReference<>();
  private final AtomicReference<String> readerFailure = new AtomicReference<>();
  private volatile boolean running;
  private volatile boolean closed;

  private PcapLink(String interfaceName, PcapHandle handle) {
    this.interfaceName = interfaceName;
    this.handle = handle;
  }

  /**
   * Opens {@code interfaceName} for injection and capture.
   *
   * @param bpfFilter a BPF expression restricting capture, or null for everything
   * @throws HarnessException with one line saying what is wrong when the interface cannot be opened
   */
  public static PcapLink open(String interfaceName, String bpfFilter) {
    PcapHandle handle;
    try {
      handle =
          new PcapHandle.Builder(interfaceName)
              .snaplen(65536)
              .promiscuousMode(PromiscuousMode.PROMISCUOUS)
              .timeoutMillis(1)
              .immediateMode(true)
              .timestampPrecision(PcapHandle.TimestampPrecision.NANO)
              .bufferSize(16 << 20)
              .direction(PcapHandle.PcapDirection.IN)
              .build();
    } catch (PcapNativeException e) {
      throw new HarnessException(openFailure(interfaceName, e.getMessage()), e);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new HarnessException(
          "libpcap cannot be loaded (" + e.getMessage() + "): run 'apt-get install -y libpcap0.8'",
          e);
    }
    try {
      if (bpfFilter != null) {
        handle.setFilter(bpfFilter, org.pcap4j.core.BpfProgram.BpfCompileMode.OPTIMIZE);
      }
    } catch (PcapNativeException | NotOpenException e) {
      handle.close();
      throw new HarnessException(
          "cannot set capture filter '" + bpfFilter + "' on " + interfaceName + ": " + e.getMessage(),
          e);
    }
    return new PcapLink(interfaceName, handle);
  }

  private static String openFailure(String interfaceName, String reason) {
    String r = reason == null ? "" : reason;
    if (r.contains("No such device") || r.contains("doesn't exist")) {
      return "cannot open " + interfaceName + ": no such interface (see 'ip link')";
    }
    if (r.contains("Operation not permitted") || r.contains("permission")) {
      return "cannot open " + interfaceName + ": " + r.trim() + " (run as root or with CAP_NET_RAW)";
    }
    return "cannot open " + interfaceName + ": " + r.trim();
  }

  public String interfaceName() {
    return interfaceName;
  }

  @Override
  public void start(Consumer<Captured> sink) {
    Thread t = new Thread(() -> readLoop(sink), "capture-" + interfaceName);
    t.setDaemon(true);
    if (!reader.compareAndSet(null, t)) {
      throw new IllegalStateException("link " + interfaceName + " already started");
    }
    running = true;
    t.start();
  }

  private void readLoop(Consumer<Captured> sink) {
    while (running) {
      byte[] raw;
      long nanos;
      try {
        raw = handle.getNextRawPacketEx();
        nanos = epochNanos(handle.getTimestamp());
      } catch (TimeoutException e) {
        continue;
      } catch (EOFException e) {
        break; // pcap_breakloop from close()
      } catch (PcapNativeException | NotOpenException e) {
        if (running) {
          readerFailure.set("capture on " + interfaceName + " failed: " + e.getMessage());
        }
        break;
      }
      // The decoder is total: whatever bytes arrive become a Frame, never an exception.
      Captured c = new Captured(FrameDecoder.decode(raw), nanos, Captured.Direction.FROM_TARGET);
      try {
        sink.accept(c);
      } catch (RuntimeException e) {
        // A frame the harness could not handle (e.g. an ARP reply it could not send): keep
        // capturing, but remember it, so that a silence seen later is reported as broken.
        readerFailure.compareAndSet(null, "handling a captured frame failed: " + e.getMessage());
      }
    }
  }

  private static long epochNanos(Timestamp ts) {
    return Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
  }

  @Override
  public String failure() {
    return readerFailure.get();
  }

  @Override
  public long send(byte[] frame) {
    if (closed) {
      throw new HarnessException("cannot send on " + interfaceName + ": the link is closed");
    }
    long now = Captured.nowNanos();
    try {
      handle.sendPacket(frame);
    } catch (PcapNativeException | NotOpenException e) {
      throw new HarnessException("cannot inject on " + interfaceName + ": " + e.getMessage(), e);
    }
    return now;
  }

  @Override
  public long dropped() {
    try {
      return handle.getStats().getNumPacketsDropped();
    } catch (PcapNativeException | NotOpenException | RuntimeException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    running = false;
    Thread t = reader.get();
    if (t != null) {
      try {
        handle.breakLoop();
      } catch (NotOpenException ignored) {
        // already closed
      }
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    handle.close();
  }
}
