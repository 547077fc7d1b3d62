package dev.tcpconform.core.link;

import com.sun.jna.Pointer;
import dev.tcpconform.core.HarnessException;
import dev.tcpconform.crafter.codec.FrameDecoder;
import java.io.EOFException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Consumer;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;

/**
 * A {@link RawLink} on a real interface through libpcap (pcap4j): immediate mode, nanosecond
 * capture timestamps, inbound direction only (our own injected frames are never read back), an
 * optional BPF filter, and one blocking reader thread that {@link #close()} stops with
 * {@code pcap_breakloop} before closing the handle.
 *
 * <p>pcap4j opens, configures and closes the handle; each frame is read and sent through {@link
 * Libpcap} on the same {@code pcap_t}, which costs a fraction of pcap4j's per-frame wrappers. A
 * {@link StampedLock} stands in for pcap4j's lock: every read and send holds it shared, {@link
 * #close()} takes it exclusively, so the handle is never freed under a call (and, unlike a
 * {@code ReentrantReadWriteLock}, it keeps no per-thread hold count, which the capture thread,
 * holding it while it waits for frames, would force on every send).
 */
public final class PcapLink implements RawLink {

  private final String interfaceName;
  private final PcapHandle handle;
  private final Pointer pcap;
  private final StampedLock gate = new StampedLock();
  /** Each sending thread's native buffer, whichever link it sends on. */
  private static final ThreadLocal<Libpcap.Sender> SENDERS =
      ThreadLocal.withInitial(Libpcap.Sender::new);
  private final AtomicReference<Thread> reader = new AtomicReference<>();
  private final AtomicReference<String> readerFailure = new AtomicReference<>();
  private volatile boolean running;
  private volatile boolean closed;

  private PcapLink(String interfaceName, PcapHandle handle, Pointer pcap) {
    this.interfaceName = interfaceName;
    this.handle = handle;
    this.pcap = pcap;
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
      return new PcapLink(interfaceName, handle, Libpcap.pcapT(handle));
    } catch (PcapNativeException | NotOpenException e) {
      handle.close();
      throw new HarnessException(
          "cannot set capture filter '" + bpfFilter + "' on " + interfaceName + ": " + e.getMessage(),
          e);
    } catch (RuntimeException e) {
      handle.close();
      throw e;
    } catch (LinkageError e) {
      handle.close();
      throw new HarnessException("cannot bind libpcap's pcap_next_ex and pcap_sendpacket through"
          + " JNA (" + e + "): is libpcap0.8 installed?", e);
    }
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
    CaptureNice.applyToCurrentThread(); // where it may not, the thread captures at nice 0
    Libpcap.Reader in = new Libpcap.Reader(pcap);
    while (running) {
      byte[] raw;
      long stamp = gate.readLock();
      try {
        if (closed) {
          break;
        }
        raw = in.next();
      } catch (EOFException e) {
        break; // pcap_breakloop from close()
      } catch (IllegalStateException e) {
        if (running) {
          readerFailure.set("capture on " + interfaceName + " failed: " + e.getMessage());
        }
        break;
      } finally {
        gate.unlockRead(stamp);
      }
      if (raw == null) {
        continue; // the read timed out with nothing
      }
      // The decoder is total: whatever bytes arrive become a Frame, never an exception.
      Captured c = new Captured(FrameDecoder.decode(raw), in.epochNanos(),
          Captured.Direction.FROM_TARGET);
      try {
        sink.accept(c);
      } catch (RuntimeException e) {
        // A frame the harness could not handle (e.g. an ARP reply it could not send): keep
        // capturing, but remember it, so that a silence seen later is reported as broken.
        readerFailure.compareAndSet(null, "handling a captured frame failed: " + e.getMessage());
      }
    }
  }

  @Override
  public String failure() {
    return readerFailure.get();
  }

  @Override
  public long send(byte[] frame) {
    long stamp = gate.readLock();
    try {
      if (closed) {
        throw new HarnessException("cannot send on " + interfaceName + ": the link is closed");
      }
      long now = Captured.nowNanos();
      if (SENDERS.get().send(pcap, frame) != 0) {
        throw new HarnessException(
            "cannot inject on " + interfaceName + ": " + Libpcap.pcap_geterr(pcap));
      }
      return now;
    } finally {
      gate.unlockRead(stamp);
    }
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
    long stamp;
    try {
      stamp = gate.tryWriteLock(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stamp = 0;
    }
    if (stamp == 0) {
      return; // a call is still inside libpcap: better a handle left open than one freed under it
    }
    try {
      handle.close();
    } finally {
      gate.unlockWrite(stamp);
    }
  }
}
