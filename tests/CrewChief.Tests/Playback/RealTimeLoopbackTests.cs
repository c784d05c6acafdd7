using CrewChief.Events;
using CrewChief.Playback;
using static CrewChief.Tests.Playback.PlaybackTestKit;

namespace CrewChief.Tests.Playback;

/// <summary>The loopback device on the real clock: the path the latency harness uses. Asserts order and outcomes, not timing.</summary>
[Collection(nameof(PlaybackCollection))]
public class RealTimeLoopbackTests
{
    [Fact]
    public async Task RealClock_CriticalCutsLow_AndEveryStepIsRecorded()
    {
        RequireOpenAl();
        var options = Options(PlaybackOutput.Loopback);
        options.VirtualClock = false;
        using var stage = new PlaybackStage(options);
        var sink = (OpenAlLoopbackSink)stage.Sink;
        Utterance low = Dc(Priority.Low, UtteranceKind.Routine, 0.2f, blocks: 500);
        stage.Enqueue(low);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await WaitFor(stage, low.Id, PlaybackOutcome.Started, cts.Token);
        Utterance critical = Dc(Priority.Critical, UtteranceKind.Critical, 0.5f, blocks: 5);
        stage.Enqueue(critical);
        await WaitFor(stage, critical.Id, PlaybackOutcome.Played, cts.Token);

        Assert.Equal(PlaybackOutcome.Interrupted, low.Outcome);
        float[] levels = BlockLevels(sink.CopyCaptured());
        string heard = Runs(levels);
        int criticalAt = FirstBlockAt(levels, 0.5f);
        Assert.True(criticalAt >= 0, heard);
        Assert.DoesNotContain(0.2f, levels.AsSpan(criticalAt).ToArray());
        Assert.NotEqual(0, sink.FirstSoundAt);
        Assert.Null(stage.Error);
    }

    private static async Task WaitFor(PlaybackStage stage, long id, PlaybackOutcome outcome, CancellationToken ct)
    {
        while (await stage.Records.WaitToReadAsync(ct))
        {
            while (stage.Records.TryRead(out PlaybackRecord r))
            {
                if (r.Id == id && r.Outcome == outcome) return;
            }
        }
        Assert.Fail($"stage stopped before utterance {id} reached {outcome}");
    }
}
