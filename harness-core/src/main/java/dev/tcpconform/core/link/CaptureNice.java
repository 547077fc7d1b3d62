package dev.tcpconform.core.link;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * Gives a capture thread a head start over the machine's other threads: nice {@value #NICE} for
 * the calling thread only (Linux applies {@code setpriority(PRIO_PROCESS, tid, ...)} to that one
 * thread), through libc with JNA.
 *
 * <p>Why: libpcap's ring held about 5 ms of frames at 200,000 frames/s (16 MB of 16 KB slots at
 * the harness end's MTU of 9000 then; 27 ms at today's 3000, see {@code VethPair}). On two cores shared with other work, a capture thread at nice 0 that
 * needed 2-2.6 us of CPU per frame was preempted tens of thousands of times a second and lost
 * 17,000-110,000 of 400,000 frames; at nice -5, in the same conditions, 0 in two runs of four and
 * 11,000-74,000 in the other two (while the benchmark's own sender, a Java thread on the same two
 * cores, reached 144-174 k of the 200 k frames/s it was asked for, against 129-200 k beside a
 * capture at nice 0). The thread only runs when frames are there, so what it takes
 * from other threads is what the frames need. Root (or CAP_SYS_NICE) may lower a nice value; a
 * harness without either keeps nice 0 and captures as before.
 */
final class CaptureNice {

  static final int NICE = -5;
  private static final int PRIO_PROCESS = 0;
  private static final boolean BOUND = bind();

  private CaptureNice() {}

  private static boolean bind() {
    try {
      Native.register(CaptureNice.class, NativeLibrary.getInstance("c"));
      return true;
    } catch (LinkageError | RuntimeException e) {
      return false; // no libc gettid (glibc before 2.30): the thread keeps its nice value
    }
  }

  private static native int gettid();

  private static native int setpriority(int which, int who, int prio);

  /** Lowers the calling thread's nice value to {@link #NICE}; false where it may not. */
  static boolean applyToCurrentThread() {
    return BOUND && setpriority(PRIO_PROCESS, gettid(), NICE) == 0;
  }
}
