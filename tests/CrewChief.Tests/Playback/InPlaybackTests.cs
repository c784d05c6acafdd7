using CrewChief.Events;
using CrewChief.Playback;
using static CrewChief.Tests.Playback.PlaybackTestKit;

namespace CrewChief.Tests.Playback;

/// <summary>
/// The stage counts the callouts it holds (playing or waiting with their audio), which the speech stage reads to
/// hold routine synthesis: each counts from its enqueue to its final outcome, whatever that is.
/// </summary>
[Collection(nameof(PlaybackCollection))]
public sealed class InPlaybackTests
{
    [Fact]
    public void InPlayback_CountsFromEnqueueToTheFinalOutcome()
    {
        var counts = new List<int>();
        Run(PlaybackOutput.Wav, stage =>
        {
            counts.Add(stage.InPlayback);
            stage.Enqueue(Dc(Priority.Medium, UtteranceKind.Routine, 0.3f, 3));
            stage.Enqueue(Dc(Priority.Medium, UtteranceKind.Routine, 0.6f, 3));
            // Expired before its turn: it ends without a sound and leaves the count as well.
            stage.Enqueue(Dc(Priority.Low, UtteranceKind.Routine, 0.9f, 3, expiresAt: stage.Now));
            counts.Add(stage.InPlayback);
            stage.AdvanceBlocks(20);
            counts.Add(stage.InPlayback);
        });
        Assert.Equal([0, 3, 0], counts);
    }
}
