package dev.tcpconform.core.link;

import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.core.link.Captured.Direction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.testng.annotations.Test;

public class PcapRecorderTest {

  /** A frame of {@code length} bytes that says which one it is. */
  private static byte[] frame(int i, int length) {
    byte[] f = new byte[length];
    for (int k = 0; k < length; k++) {
      f[k] = (byte) (i * 31 + k);
    }
    return f;
  }

  @Test
  public void should_give_back_every_frame_across_chunks_in_time_order() {
    // GIVEN frames of up to 9000 bytes, more than several chunks hold, stamped out of order
    PcapRecorder recorder = new PcapRecorder();
    int n = 3000;
    for (int i = 0; i < n; i++) {
      recorder.record(frame(i, 60 + (i * 97) % 9000), stamp(i),
          i % 3 == 0 ? Direction.FROM_TARGET : Direction.TO_TARGET);
    }
    // WHEN they are read back
    List<Captured> frames = recorder.frames();
    // THEN each is there, byte for byte, with its time and direction, sorted by time (stable)
    then(frames).hasSize(n);
    List<Integer> order = IntStream.range(0, n).boxed()
        .sorted(Comparator.comparingLong(PcapRecorderTest::stamp)).toList(); // stable, as it is
    for (int k = 0; k < n; k++) {
      int i = order.get(k);
      Captured c = frames.get(k);
      then(c.epochNanos()).isEqualTo(stamp(i));
      then(c.frame().raw()).as("frame %d", i).isEqualTo(frame(i, 60 + (i * 97) % 9000));
      then(c.direction()).isEqualTo(i % 3 == 0 ? Direction.FROM_TARGET : Direction.TO_TARGET);
    }
  }

  private static long stamp(int i) {
    return 1_000_000L * (i % 2 == 0 ? i : i - 2);
  }

  @Test
  public void should_forget_everything_on_clear_and_record_again() {
    // GIVEN a recorder that held many frames
    PcapRecorder recorder = new PcapRecorder();
    for (int i = 0; i < 1000; i++) {
      recorder.record(frame(i, 1500), i, Direction.TO_TARGET);
    }
    // WHEN it is cleared and records two more
    recorder.clear();
    recorder.record(frame(7, 74), 5, Direction.FROM_TARGET);
    recorder.record(frame(8, 66), 4, Direction.TO_TARGET);
    // THEN it holds only those two, in time order
    List<Captured> frames = recorder.frames();
    then(frames).hasSize(2);
    then(frames.get(0).frame().raw()).isEqualTo(frame(8, 66));
    then(frames.get(1).frame().raw()).isEqualTo(frame(7, 74));
  }

  @Test
  public void should_record_again_into_the_kept_chunks_frames_larger_than_they_hold() {
    // GIVEN a recorder whose kept chunks were filled once by small frames
    PcapRecorder recorder = new PcapRecorder();
    for (int i = 0; i < 20_000; i++) {
      recorder.record(frame(i, 74), i, Direction.TO_TARGET);
    }
    recorder.clear();
    // WHEN the next test records small and jumbo frames through them, twice over
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 400; i++) {
        recorder.record(frame(i, i % 50 == 0 ? 65_000 : 1500), i, Direction.FROM_TARGET);
      }
      // THEN each frame reads back as it was
      List<Captured> frames = recorder.frames();
      then(frames).hasSize(400);
      for (int i = 0; i < 400; i++) {
        then(frames.get(i).frame().raw()).as("frame %d", i)
            .isEqualTo(frame(i, i % 50 == 0 ? 65_000 : 1500));
      }
      recorder.clear();
    }
  }

  @Test
  public void should_copy_the_bytes_so_that_a_later_record_cannot_change_an_earlier_frame()
      throws IOException {
    // GIVEN a frame recorded, then its array written to
    PcapRecorder recorder = new PcapRecorder();
    byte[] raw = frame(1, 100);
    recorder.record(raw, 1_500_000_000L, Direction.TO_TARGET);
    raw[0] = 0;
    // WHEN the capture is written
    Path file = Files.createTempFile("recorder", ".pcap");
    recorder.write(file);
    // THEN the pcap holds the frame as it was recorded, with its time
    ByteBuffer pcap = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    Files.delete(file);
    then(pcap.getInt(0)).isEqualTo(0xa1b23c4d);
    then(pcap.getInt(24)).isEqualTo(1); // ts_sec
    then(pcap.getInt(28)).isEqualTo(500_000_000); // ts_nsec
    then(pcap.getInt(32)).isEqualTo(100); // incl_len
    byte[] data = new byte[100];
    pcap.get(40, data);
    then(data).isEqualTo(frame(1, 100));
  }
}
