using System.Collections.Concurrent;
using CrewChief.Config;
using CrewChief.Events;
using CrewChief.Pipeline;
using CrewChief.Telemetry;
using Microsoft.Win32.SafeHandles;

namespace CrewChief.Tests.Faults;

/// <summary>
/// The engine the CLI runs (<see cref="RaceEngine"/>, its tick thread, the session log) reads a copy of a real live
/// map while a writer in this test ticks it at 60 Hz and then, under the running engine, rewrites it in place,
/// truncates it, deletes and re-creates it, freezes it, and fills its var buffers with garbage and +Inf. The
/// engine must survive all of it (no exception escapes any thread, no signal), pick the map up again, say what
/// happened in single lines, raise no event on garbage, and leave a session log readable to its end.
/// </summary>
public class LiveMapFaultTests
{
    [Fact]
    public void MapRewrittenTruncatedRecreatedFrozenAndGarbled_UnderARunningEngine_EngineSurvives()
    {
        string real = SharedData.RequireTelemetry("live/skipbarber_longbeach.bin");
        string dir = FaultKit.TempDir("livemap");
        string path = Path.Combine(dir, "map.bin");
        byte[] original = File.ReadAllBytes(real);
        File.WriteAllBytes(path, original);
        var writer = new MapWriter(path, original);
        var notes = new StringWriter();
        var events = new ConcurrentQueue<RaceEvent>();
        int unhandled = 0;
        UnhandledExceptionEventHandler onUnhandled = (_, _) => Interlocked.Increment(ref unhandled);
        AppDomain.CurrentDomain.UnhandledException += onUnhandled;
        string logPath;
        try
        {
            var source = new LiveMapSource(path) { Notes = TextWriter.Synchronized(notes) };
            using (var engine = RaceEngine.Create(new EngineConfig { TextOnly = true, LogDir = dir }, source,
                       new RaceEngineOptions { Transcript = TextWriter.Null, Speak = false }))
            {
                engine.Tick.EventRaised = e => events.Enqueue(e);
                engine.Start();
                writer.Run(1.0);
                long before = engine.Tick.Ticks;
                Assert.True(before > 10, $"only {before} ticks read from a 60 Hz writer");

                // cp over the file: truncate to 0, then write it whole again, several times while ticking.
                for (int i = 0; i < 3; i++) { File.WriteAllBytes(path, original); writer.Run(0.3); }
                // Truncated under the reader, then restored.
                using (var fs = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete)) fs.SetLength(1000);
                MapWriter.Pause(0.6);
                File.WriteAllBytes(path, original);
                writer.Run(0.6);
                // Deleted, then re-created (a new inode): must be picked up again.
                File.Delete(path);
                MapWriter.Pause(0.6);
                File.WriteAllBytes(path, original);
                writer.Run(1.0);
                long afterRecreate = engine.Tick.Ticks;
                Assert.True(source.Reopens >= 2, $"re-opened {source.Reopens} times; notes: {notes}");
                // Frozen: no tick for longer than the frozen threshold.
                MapWriter.Pause(LiveMapSource.FrozenAfterSeconds + 0.7);
                Assert.True(source.Frozen, "a map without ticks for 3+ s is not reported frozen");
                writer.Run(0.5);
                Assert.False(source.Frozen);
                // +Inf session time, then random bytes in every var buffer.
                int yellowsBefore = events.Count(e => e.Kind == EventKind.YellowFlag);
                writer.Garble = MapWriter.Garbage.InfiniteTime;
                writer.Run(1.0);
                writer.Garble = MapWriter.Garbage.RandomBytes;
                writer.Run(3.0);
                writer.Garble = MapWriter.Garbage.None;
                writer.Run(0.5);

                Assert.True(engine.Tick.Ticks > afterRecreate, "no ticks after the map was re-created");
                Assert.False(engine.Tick.IsFinished, $"the tick loop ended: {engine.Dashboard.Connection}");
                Assert.DoesNotContain("telemetry stopped", engine.Dashboard.Connection);
                int yellows = events.Count(e => e.Kind == EventKind.YellowFlag) - yellowsBefore;
                Assert.True(yellows <= 1, $"{yellows} yellow flags raised on garbage");
                foreach (var e in events)
                    for (int i = 0; i < e.Facts.Count; i++)
                        Assert.True(!double.IsFinite(e.Facts[i].Value) || Math.Abs(e.Facts[i].Value) < 1e7, $"{e.Kind}: {e.Facts[i].Key} = {e.Facts[i].Value}");
                logPath = engine.Log!.Path;
            }
            Assert.True(FaultKit.ReadLogLines(logPath) > 5, "session log is empty");
            string said = notes.ToString();
            Assert.Contains("re-opened", said);
            Assert.Contains("paused or frozen", said);
            Assert.All(said.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("crewchief: ", line));
            Assert.Equal(0, unhandled);
        }
        finally
        {
            AppDomain.CurrentDomain.UnhandledException -= onUnhandled;
            Directory.Delete(dir, true);
        }
    }

    /// <summary>Ticks a live map the way the sim does: new data in the next var buffer, then its tickCount.</summary>
    private sealed class MapWriter(string path, byte[] original)
    {
        public enum Garbage { None, InfiniteTime, RandomBytes }

        private readonly Random _rng = new(FaultKit.Seed);
        private readonly IrsdkLayout _layout = IrsdkLayout.Describe(original, "map");
        private int _tick = 1_000;
        public Garbage Garble { get; set; }

        public void Run(double seconds)
        {
            var until = DateTime.UtcNow.AddSeconds(seconds);
            while (DateTime.UtcNow < until)
            {
                TickOnce();
                Thread.Sleep(16);
            }
        }

        public static void Pause(double seconds) => Thread.Sleep(TimeSpan.FromSeconds(seconds));

        private void TickOnce()
        {
            SafeFileHandle handle;
            try { handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete); }
            catch (IOException) { return; }
            using (handle)
            {
                if (RandomAccess.GetLength(handle) < original.Length) return;
                var h = _layout.Header;
                int slot = ++_tick % h.BufferCount;
                int offset = h.BufferOffset(slot);
                byte[] buffer = original.AsSpan(h.BufferOffset(0), h.BufferLength).ToArray();
                if (_layout.Variables.TryGet("SessionTime", out var st)) FaultKit.PutDouble(buffer, st.Offset, 100 + _tick / 60.0);
                if (Garble == Garbage.InfiniteTime && st.Count > 0) FaultKit.PutDouble(buffer, st.Offset, double.PositiveInfinity);
                if (Garble == Garbage.RandomBytes) _rng.NextBytes(buffer);
                RandomAccess.Write(handle, buffer, offset);
                byte[] tick = BitConverter.GetBytes(_tick);
                RandomAccess.Write(handle, tick, IrsdkHeader.BufferTickCountOffset(slot));
            }
        }
    }
}
