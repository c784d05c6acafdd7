using CrewChief.Config;
using CrewChief.Demo;
using CrewChief.Pipeline;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Demo;

/// <summary>
/// The sim stand-in that a second process reads as it would read iRacing (on Windows the named map; under Wine in
/// scripts/wine-check.sh). Here the file-backed variant, read by the engine's own live reader and tick loop: the
/// engine hears the sim arrive and close, which is what 'run --sessions N' counts.
/// </summary>
public class SimStandInTests
{
    [Fact]
    public void AsSim_EngineHearsTheSessionStartAndEnd()
    {
        string dir = Directory.CreateTempSubdirectory("cc-sim").FullName;
        string map = Path.Combine(dir, "sim.irsdk");
        try
        {
            var sim = new SimStandIn((_, writer) => new DemoHost(new DemoOptions { Minutes = 5 }, 200, writer), map, TextWriter.Null);
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var simThread = new Thread(() => sim.Run(restartAfter: null, cancel.Token));
            simThread.Start();
            Assert.True(SpinWait.SpinUntil(() => IsConnected(map), 10_000), "the sim never published its map");

            var changes = new List<string>();
            using var engine = RaceEngine.Create(new EngineConfig { TextOnly = true, LogDir = dir }, new LiveMapSource(map),
                new RaceEngineOptions { Transcript = TextWriter.Null });
            engine.Tick.ConnectionChanged = changes.Add;
            engine.Start(tickThread: false);
            while (engine.Tick.SessionsEnded == 0 && !cancel.IsCancellationRequested) engine.Tick.Step(50);
            simThread.Join();

            Assert.Equal(1, engine.Tick.SessionsEnded);
            Assert.Equal(2, changes.Count);
            Assert.StartsWith("connected", changes[0]);
            Assert.Contains("closed", changes[1]);
            Assert.True(engine.Tick.Ticks > 100, $"only {engine.Tick.Ticks} ticks read");
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    // irsdk_header: ver at 0, status at 4 (1 = connected, written last by the writer).
    private static bool IsConnected(string path)
    {
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> head = stackalloc byte[8];
            return f.Read(head) == 8 && BitConverter.ToInt32(head) == 2 && BitConverter.ToInt32(head[4..]) == 1;
        }
        catch (IOException) { return false; }
    }

    [Fact]
    public void AsSim_WithoutAMapOffWindows_SaysWhatToDo()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("the named map exists on Windows");
        var e = Assert.Throws<InputException>(() => new SimStandIn((_, writer) => new DemoHost(new DemoOptions(), 1, writer), null, TextWriter.Null));
        Assert.Contains("--map", e.Message);
    }
}
