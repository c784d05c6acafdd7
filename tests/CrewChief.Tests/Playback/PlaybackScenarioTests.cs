using CrewChief.Events;
using CrewChief.Playback;
using static CrewChief.Tests.Playback.PlaybackTestKit;

namespace CrewChief.Tests.Playback;

/// <summary>
/// Priority behaviour, heard through the real OpenAL Soft mixer (loopback device, virtual clock) and through the
/// WAV sink: the same scenario must sound the same on both.
/// </summary>
[Collection(nameof(PlaybackCollection))]
public class PlaybackScenarioTests
{
    public static TheoryData<PlaybackOutput> Outputs => new() { PlaybackOutput.Loopback, PlaybackOutput.Wav };

    [Theory]
    [MemberData(nameof(Outputs))]
    public void Critical_ArrivesWhileLowPlays_IsHeardWithinOneBlockAndLowIsDropped(PlaybackOutput output)
    {
        Utterance low = Dc(Priority.Low, UtteranceKind.Routine, 0.2f, blocks: 50);
        Utterance critical = Dc(Priority.Critical, UtteranceKind.Critical, 0.5f, blocks: 10);
        long arrival = 0;
        var (audio, records, _) = Run(output, stage =>
        {
            stage.Enqueue(low);
            stage.AdvanceBlocks(12);
            arrival = stage.Now;
            stage.Enqueue(critical);
            stage.AdvanceBlocks(30);
        });

        float[] levels = BlockLevels(audio);
        string heard = Runs(levels);
        Assert.Equal(42, levels.Length);
        int criticalAt = FirstBlockAt(levels, 0.5f);
        Assert.True(criticalAt is 12 or 13, $"critical should start within one block of block 12: {heard}");
        Assert.Equal("0.2x12 0.5x10 0x20", heard);

        var finals = Finals(records);
        Assert.Equal(PlaybackOutcome.Interrupted, finals[low.Id].Outcome);
        Assert.Equal(PlaybackOutcome.Played, finals[critical.Id].Outcome);
        Assert.InRange(finals[critical.Id].FirstSampleAt - arrival, 0, BlockTicks);
        Assert.Equal(arrival, finals[critical.Id].QueuedAt);
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public void Expired_WhenItsTurnComes_IsNeverHeard(PlaybackOutput output)
    {
        Utterance playing = Dc(Priority.High, UtteranceKind.Routine, 0.2f, blocks: 20);
        Utterance stale = null!;
        Utterance fresh = null!;
        Utterance alreadyExpired = null!;
        var (audio, records, _) = Run(output, stage =>
        {
            stage.Enqueue(playing);
            stage.AdvanceBlocks(2);
            // Queued behind the High one; expires 5 blocks from now, long before its turn (18 blocks away).
            stale = Dc(Priority.Medium, UtteranceKind.Routine, 0.3f, blocks: 5, expiresAt: stage.Now + (5 * BlockTicks));
            fresh = Dc(Priority.Medium, UtteranceKind.Routine, 0.4f, blocks: 5, expiresAt: stage.Now + (100 * BlockTicks));
            alreadyExpired = Dc(Priority.Spotter, UtteranceKind.Critical, 0.7f, blocks: 5, expiresAt: stage.Now - 1);
            stage.Enqueue(stale);
            stage.Enqueue(fresh);
            stage.Enqueue(alreadyExpired);
            stage.AdvanceBlocks(40);
        });

        string heard = Runs(BlockLevels(audio));
        Assert.DoesNotContain("0.3", heard);
        Assert.DoesNotContain("0.7", heard);
        Assert.Equal("0.2x20 0.4x5 0x17", heard);
        var finals = Finals(records);
        Assert.Equal(PlaybackOutcome.Expired, finals[stale.Id].Outcome);
        Assert.Equal(PlaybackOutcome.Expired, finals[alreadyExpired.Id].Outcome);
        Assert.Equal(0, finals[stale.Id].FirstSampleAt);
        Assert.Equal(PlaybackOutcome.Played, finals[fresh.Id].Outcome);
        Assert.Equal(PlaybackOutcome.Played, finals[playing.Id].Outcome);
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public void Queued_PlaysByPriorityThenFirstInFirstOut(PlaybackOutput output)
    {
        Utterance low = Dc(Priority.Low, UtteranceKind.Routine, 0.1f, blocks: 3);
        Utterance medium1 = Dc(Priority.Medium, UtteranceKind.Routine, 0.2f, blocks: 3);
        Utterance medium2 = Dc(Priority.Medium, UtteranceKind.Routine, 0.3f, blocks: 3);
        Utterance high = Dc(Priority.High, UtteranceKind.Routine, 0.4f, blocks: 3);
        var (audio, records, _) = Run(output, stage =>
        {
            stage.Enqueue(low);
            stage.Enqueue(medium1);
            stage.Enqueue(medium2);
            stage.Enqueue(high);
            stage.AdvanceBlocks(15);
        });

        Assert.Equal("0.4x3 0.2x3 0.3x3 0.1x3 0x3", Runs(BlockLevels(audio)));
        Assert.All(Finals(records).Values, r => Assert.Equal(PlaybackOutcome.Played, r.Outcome));
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public void EqualPriority_ArrivingWhilePlaying_WaitsItsTurn(PlaybackOutput output)
    {
        Utterance first = Dc(Priority.High, UtteranceKind.Critical, 0.2f, blocks: 6);
        Utterance second = Dc(Priority.High, UtteranceKind.Critical, 0.3f, blocks: 4);
        var (audio, _, _) = Run(output, stage =>
        {
            stage.Enqueue(first);
            stage.AdvanceBlocks(3);
            stage.Enqueue(second);
            stage.AdvanceBlocks(10);
        });

        Assert.Equal("0.2x6 0.3x4 0x3", Runs(BlockLevels(audio)));
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public void Spotter_SupersedesOlderSpotter_QueuedOrPlaying(PlaybackOutput output)
    {
        Utterance queuedOld = Dc(Priority.Spotter, UtteranceKind.Spotter, 0.6f, blocks: 5);
        Utterance playing = Dc(Priority.Spotter, UtteranceKind.Spotter, 0.7f, blocks: 20);
        Utterance newest = Dc(Priority.Spotter, UtteranceKind.Spotter, 0.8f, blocks: 5);
        var (audio, records, _) = Run(output, stage =>
        {
            stage.Enqueue(queuedOld);
            stage.Enqueue(playing); // supersedes queuedOld before it is heard
            stage.AdvanceBlocks(4);
            stage.Enqueue(newest); // cuts playing at once
            stage.AdvanceBlocks(10);
        });

        Assert.Equal("0.7x4 0.8x5 0x5", Runs(BlockLevels(audio)));
        var finals = Finals(records);
        Assert.Equal(PlaybackOutcome.Superseded, finals[queuedOld.Id].Outcome);
        Assert.Equal(PlaybackOutcome.Superseded, finals[playing.Id].Outcome);
        Assert.Equal(PlaybackOutcome.Played, finals[newest.Id].Outcome);
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public void Strategy_InterruptedByCritical_ResumesWhereItStopped(PlaybackOutput output)
    {
        Utterance strategy = Staircase(Priority.Medium, UtteranceKind.Strategy, -0.02f, blocks: 20);
        Utterance critical = Dc(Priority.Critical, UtteranceKind.Critical, 0.5f, blocks: 5);
        var (audio, records, _) = Run(output, stage =>
        {
            stage.Enqueue(strategy);
            stage.AdvanceBlocks(8);
            stage.Enqueue(critical);
            stage.AdvanceBlocks(20);
        });

        float[] levels = BlockLevels(audio);
        var expected = new List<float>();
        for (int k = 0; k < 8; k++) expected.Add(MathF.Round(-0.02f * (k + 1), 2));
        for (int k = 0; k < 5; k++) expected.Add(0.5f);
        for (int k = 8; k < 20; k++) expected.Add(MathF.Round(-0.02f * (k + 1), 2));
        expected.Add(0f);
        expected.Add(0f);
        expected.Add(0f);
        Assert.Equal(Runs([.. expected]), Runs(levels));

        Assert.Contains(records, r => r.Id == strategy.Id && r.Outcome == PlaybackOutcome.Paused && r.Position == 8 * BlockSamples);
        // Started twice: at its start, and when it resumed.
        Assert.Equal(2, records.Count(r => r.Id == strategy.Id && r.Outcome == PlaybackOutcome.Started));
        Assert.Equal(PlaybackOutcome.Played, Finals(records)[strategy.Id].Outcome);
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public void Cut_OfQueuedButUnheardAudio_KeepsTheMoreUrgentTailAndRequeuesTheUnheard(PlaybackOutput output)
    {
        // After one block the sink holds high's last two blocks and low's first two: medium must cut low (not yet
        // heard, so it simply waits again) but not high's tail.
        Utterance high = Dc(Priority.High, UtteranceKind.Routine, 0.4f, blocks: 3);
        Utterance low = Dc(Priority.Low, UtteranceKind.Routine, 0.1f, blocks: 4);
        Utterance medium = Dc(Priority.Medium, UtteranceKind.Routine, 0.2f, blocks: 3);
        var (audio, records, _) = Run(output, stage =>
        {
            stage.Enqueue(high);
            stage.Enqueue(low);
            stage.AdvanceBlocks(1);
            stage.Enqueue(medium);
            stage.AdvanceBlocks(12);
        });

        Assert.Equal("0.4x3 0.2x3 0.1x4 0x3", Runs(BlockLevels(audio)));
        Assert.All(Finals(records).Values, r => Assert.Equal(PlaybackOutcome.Played, r.Outcome));
        // Its first fill was discarded unheard, so it announces its start once, when it really starts.
        PlaybackRecord started = Assert.Single(records, r => r.Id == low.Id && r.Outcome == PlaybackOutcome.Started);
        Assert.Equal(Finals(records)[low.Id].FirstSampleAt, started.FirstSampleAt);
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public void Critical_ArrivingDuringTheQueuedTailOfALowOne_StillCutsAtOnce(PlaybackOutput output)
    {
        Utterance low = Dc(Priority.Low, UtteranceKind.Routine, 0.1f, blocks: 4);
        Utterance critical = Dc(Priority.Critical, UtteranceKind.Critical, 0.5f, blocks: 2);
        var (audio, records, _) = Run(output, stage =>
        {
            stage.Enqueue(low); // all 4 blocks are queued in the sink at once
            stage.AdvanceBlocks(1);
            stage.Enqueue(critical);
            stage.AdvanceBlocks(4);
        });

        Assert.Equal("0.1x1 0.5x2 0x2", Runs(BlockLevels(audio)));
        Assert.Equal(PlaybackOutcome.Interrupted, Finals(records)[low.Id].Outcome);
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public void Routine_Interrupted_IsNotResumed(PlaybackOutput output)
    {
        Utterance routine = Dc(Priority.Low, UtteranceKind.Routine, 0.2f, blocks: 20);
        Utterance high = Dc(Priority.High, UtteranceKind.Routine, 0.4f, blocks: 3);
        var (audio, _, _) = Run(output, stage =>
        {
            stage.Enqueue(routine);
            stage.AdvanceBlocks(5);
            stage.Enqueue(high);
            stage.AdvanceBlocks(10);
        });

        Assert.Equal("0.2x5 0.4x3 0x7", Runs(BlockLevels(audio)));
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public void StreamedAudio_AppendedWhilePlaying_PlaysWithoutAGap(PlaybackOutput output)
    {
        var streamed = new Utterance(Priority.Medium, UtteranceKind.Routine, "two sentences", Rate);
        var (audio, records, _) = Run(output, stage =>
        {
            stage.Enqueue(streamed);
            stage.AdvanceBlocks(2); // nothing synthesised yet: silence
            streamed.Append(Filled(6 * BlockSamples, 0.3f));
            stage.AdvanceBlocks(3);
            streamed.Append(Filled(4 * BlockSamples, 0.4f));
            streamed.Complete();
            stage.AdvanceBlocks(10);
        });

        Assert.Equal("0x2 0.3x6 0.4x4 0x3", Runs(BlockLevels(audio)));
        Assert.Equal(PlaybackOutcome.Played, Finals(records)[streamed.Id].Outcome);
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public void StalledProducer_IsAbandonedAfterTheStallTimeout_AndTheQueueMovesOn(PlaybackOutput output)
    {
        var stalled = new Utterance(Priority.High, UtteranceKind.Routine, "never completed", Rate);
        stalled.Append(Filled(3 * BlockSamples, 0.3f));
        Utterance next = Dc(Priority.Low, UtteranceKind.Routine, 0.1f, blocks: 3);
        var (audio, records, _) = Run(output, stage =>
        {
            stage.Enqueue(stalled);
            stage.Enqueue(next);
            stage.AdvanceBlocks(40);
        }, o => o.StallTimeoutMilliseconds = 200);

        float[] levels = BlockLevels(audio);
        string heard = Runs(levels);
        Assert.StartsWith("0.3x3 0x", heard);
        int nextAt = FirstBlockAt(levels, 0.1f);
        Assert.True(nextAt is >= 3 + 19 and <= 3 + 23, $"the next one should start about 200 ms after the audio ran out: {heard}");
        Assert.Equal(PlaybackOutcome.Dropped, Finals(records)[stalled.Id].Outcome);
        Assert.Equal(PlaybackOutcome.Played, Finals(records)[next.Id].Outcome);
        Assert.True(stalled.IsAbandoned);
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public void OtherSampleRate_IsResampledToTheStageRate(PlaybackOutput output)
    {
        var u = new Utterance(Priority.Medium, UtteranceKind.Routine, "16 kHz voice", 16000);
        u.Append(Filled(1600, 0.25f)); // 100 ms
        u.Complete();
        var (audio, _, _) = Run(output, stage =>
        {
            stage.Enqueue(u);
            stage.AdvanceBlocks(15);
        });

        int heard = audio.Count(s => Math.Abs(s - 0.25f) < 1e-3f);
        Assert.InRange(heard, (Rate / 10) - 3, (Rate / 10) + 3);
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public void RadioBeep_PrecedesTheCallout(PlaybackOutput output)
    {
        Utterance u = Dc(Priority.Medium, UtteranceKind.Routine, 0.3f, blocks: 5);
        var (audio, _, _) = Run(output, stage =>
        {
            stage.Enqueue(u);
            stage.AdvanceBlocks(20);
        }, o => o.RadioBeep = true);

        float[] levels = BlockLevels(audio);
        int voiceAt = FirstBlockAt(levels, 0.3f);
        Assert.True(voiceAt > 0, Runs(levels));
        float beepPeak = audio.AsSpan(0, voiceAt * BlockSamples).ToArray().Max(MathF.Abs);
        Assert.InRange(beepPeak, 0.1f, 0.3f);
    }

    internal static float[] Filled(int samples, float level)
    {
        var pcm = new float[samples];
        pcm.AsSpan().Fill(level);
        return pcm;
    }
}
