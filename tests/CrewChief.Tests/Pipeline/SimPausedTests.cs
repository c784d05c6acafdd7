using System.Text;
using System.Text.Json;
using CrewChief.Dashboard;
using CrewChief.Events;
using CrewChief.Pipeline;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Pipeline;

/// <summary>A sim that stops ticking (paused, in a menu, hung) shows on the live page, and the next tick clears it.</summary>
public class SimPausedTests
{
    /// <summary>Delivers <see cref="Pending"/> frames, then "no new data".</summary>
    private sealed class ScriptedSource : ITelemetrySource
    {
        public int Pending;
        public TelemetryReadStatus TryRead(TelemetryFrame frame, int timeoutMs)
        {
            if (Pending == 0) return TelemetryReadStatus.NoNewData;
            Pending--;
            return TelemetryReadStatus.NewFrame;
        }
        public SessionInfo? SessionInfo => null;
        public int SessionInfoVersion => 0;
        public string Description => "scripted";
        public void Dispose() { }
    }

    private static bool PausedOnThePage(DashboardState state)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) DashboardJson.WriteState(w, state);
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray()));
        return doc.RootElement.GetProperty("sim_paused").GetBoolean();
    }

    [Fact]
    public void NoNewTick_ForThePauseDelay_ShowsSimPaused_AndTheNextTickClearsIt()
    {
        var source = new ScriptedSource { Pending = 1 };
        var dashboard = new DashboardState();
        using var loop = new TickLoop(source, new RaceBrain(), new EventRouter(), new LatestPlayerState(), dashboard, null)
        {
            PausedAfter = TimeSpan.FromMilliseconds(50),
        };

        Assert.True(loop.Step(0));
        Assert.True(loop.Step(0));   // no tick, but not for long yet
        Assert.False(PausedOnThePage(dashboard));

        Thread.Sleep(120);
        Assert.True(loop.Step(0));
        Assert.True(PausedOnThePage(dashboard));

        source.Pending = 1;
        Assert.True(loop.Step(0));
        Assert.False(PausedOnThePage(dashboard));
    }

    [Fact]
    public void NeverConnected_IsNotPaused()
    {
        var dashboard = new DashboardState();
        using var loop = new TickLoop(new ScriptedSource(), new RaceBrain(), new EventRouter(), new LatestPlayerState(), dashboard, null)
        {
            PausedAfter = TimeSpan.Zero,
        };
        Thread.Sleep(5);
        Assert.True(loop.Step(0));
        Assert.False(PausedOnThePage(dashboard));
    }
}
