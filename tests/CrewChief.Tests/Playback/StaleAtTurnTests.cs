using CrewChief.Events;
using CrewChief.Playback;
using static CrewChief.Tests.Playback.PlaybackTestKit;

namespace CrewChief.Tests.Playback;

public sealed class StaleAtTurnTests
{
    [Fact]
    public void WaitingCallout_NoLongerTrueWhenItsTurnComes_IsNeverHeard()
    {
        bool stillTrue = true;
        Utterance first = Dc(Priority.Medium, UtteranceKind.Routine, 0.3f, blocks: 5);
        var waiting = new Utterance(Priority.Medium, UtteranceKind.Routine, "up a place", Rate) { StillTrue = () => stillTrue };
        var pcm = new float[3 * BlockSamples];
        pcm.AsSpan().Fill(0.6f);
        waiting.Append(pcm);
        waiting.Complete();
        var (audio, records, _) = Run(PlaybackOutput.Wav, stage =>
        {
            stage.Enqueue(first);
            stage.Enqueue(waiting); // waits behind the first
            stage.AdvanceBlocks(2);
            stillTrue = false;      // the place was lost again while it waited
            stage.AdvanceBlocks(10);
        });

        Assert.Equal("0.3x5 0x7", Runs(BlockLevels(audio)));
        var finals = Finals(records);
        Assert.Equal(PlaybackOutcome.Played, finals[first.Id].Outcome);
        Assert.Equal(PlaybackOutcome.Stale, finals[waiting.Id].Outcome);
    }

    [Fact]
    public void WaitingCallout_StillTrue_IsPlayed()
    {
        Utterance first = Dc(Priority.Medium, UtteranceKind.Routine, 0.3f, blocks: 2);
        var waiting = new Utterance(Priority.Medium, UtteranceKind.Routine, "up a place", Rate) { StillTrue = () => true };
        var pcm = new float[2 * BlockSamples];
        pcm.AsSpan().Fill(0.6f);
        waiting.Append(pcm);
        waiting.Complete();
        var (audio, records, _) = Run(PlaybackOutput.Wav, stage =>
        {
            stage.Enqueue(first);
            stage.Enqueue(waiting);
            stage.AdvanceBlocks(6);
        });

        Assert.Equal("0.3x2 0.6x2 0x2", Runs(BlockLevels(audio)));
        Assert.Equal(PlaybackOutcome.Played, Finals(records)[waiting.Id].Outcome);
    }
}
