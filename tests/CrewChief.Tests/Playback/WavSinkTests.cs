using System.Buffers.Binary;
using CrewChief.Events;
using CrewChief.Playback;
using static CrewChief.Tests.Playback.PlaybackTestKit;

namespace CrewChief.Tests.Playback;

[Collection(nameof(PlaybackCollection))]
public class WavSinkTests
{
    [Fact]
    public void Wav_Header_Is16BitMonoPcmAtTheStageRate()
    {
        string path = Path.Combine(Path.GetTempPath(), $"crewchief-test-{Guid.NewGuid():N}.wav");
        try
        {
            PlaybackOptions options = Options(PlaybackOutput.Wav, path);
            using (var stage = new PlaybackStage(options))
            {
                stage.Enqueue(Dc(Priority.Medium, UtteranceKind.Routine, 0.5f, blocks: 3));
                stage.AdvanceBlocks(5);
            }
            byte[] b = File.ReadAllBytes(path);
            Assert.Equal("RIFF"u8.ToArray(), b[..4]);
            Assert.Equal((uint)(b.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(4)));
            Assert.Equal("WAVE"u8.ToArray(), b[8..12]);
            Assert.Equal("fmt "u8.ToArray(), b[12..16]);
            Assert.Equal(16u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(16)));
            Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(20))); // PCM
            Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(22))); // mono
            Assert.Equal((uint)Rate, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(24)));
            Assert.Equal((uint)(Rate * 2), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(28)));
            Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(32)));
            Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(34)));
            Assert.Equal("data"u8.ToArray(), b[36..40]);
            Assert.Equal((uint)(5 * BlockSamples * 2), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(40)));
            Assert.Equal(44 + (5 * BlockSamples * 2), b.Length);
            Assert.Equal(16383, BinaryPrimitives.ReadInt16LittleEndian(b.AsSpan(44)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>One busy scenario with every rule in play: the WAV must hold the same samples the OpenAL mixer rendered, and the records must agree.</summary>
    [Fact]
    public void Wav_SameScenario_IsSampleForSampleWhatTheLoopbackDeviceRendered()
    {
        RequireOpenAl();
        var loop = Run(PlaybackOutput.Loopback, BusyScenario(out _));
        var wav = Run(PlaybackOutput.Wav, BusyScenario(out _));

        Assert.Equal(loop.Audio.Length, wav.Audio.Length);
        float worst = 0;
        for (int i = 0; i < loop.Audio.Length; i++) worst = Math.Max(worst, Math.Abs(loop.Audio[i] - wav.Audio[i]));
        Assert.True(worst < 1e-4f, $"largest difference {worst}; loopback {Runs(BlockLevels(loop.Audio))} / wav {Runs(BlockLevels(wav.Audio))}");

        Assert.Equal(Summaries(loop.Records, loop.Origin), Summaries(wav.Records, wav.Origin));

    }

    private static Action<PlaybackStage> BusyScenario(out List<Utterance> all)
    {
        var list = new List<Utterance>();
        all = list;
        return stage =>
        {
            Utterance Add(Utterance u) { list.Add(u); stage.Enqueue(u); return u; }
            Add(Staircase(Priority.Medium, UtteranceKind.Strategy, 0.01f, blocks: 30));
            Add(Dc(Priority.Low, UtteranceKind.Routine, -0.1f, blocks: 10));
            stage.AdvanceBlocks(7);
            Add(Dc(Priority.Critical, UtteranceKind.Critical, -0.5f, blocks: 6));
            stage.AdvanceBlocks(3);
            Add(Dc(Priority.Spotter, UtteranceKind.Spotter, 0.6f, blocks: 8));
            stage.AdvanceBlocks(2);
            Add(Dc(Priority.Spotter, UtteranceKind.Spotter, 0.7f, blocks: 4));
            Add(Dc(Priority.High, UtteranceKind.Routine, -0.3f, blocks: 4, expiresAt: stage.Now + (6 * BlockTicks)));
            var streamed = new Utterance(Priority.High, UtteranceKind.Routine, "streamed", Rate);
            Add(streamed);
            stage.AdvanceBlocks(9);
            streamed.Append(PlaybackScenarioTests.Filled(3 * BlockSamples + 17, -0.4f));
            stage.AdvanceBlocks(4);
            streamed.Append(PlaybackScenarioTests.Filled(2 * BlockSamples, -0.45f));
            streamed.Complete();
            stage.AdvanceBlocks(60);
        };
    }

    private static List<string> Summaries(List<PlaybackRecord> records, long origin) =>
        records.Select(r => FormattableString.Invariant(
            $"{r.Text} {r.Outcome} first={Rel(r.FirstSampleAt, origin)} end={Rel(r.EndedAt, origin)} pos={r.Position}")).ToList();

    private static string Rel(long t, long origin) => t == 0 ? "-" : ((t - origin) / BlockTicks).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Device_ThatDoesNotOpen_FallsBackToWavWithOneLine()
    {
        RequireOpenAl();
        string path = Path.Combine(Path.GetTempPath(), $"crewchief-test-{Guid.NewGuid():N}.wav");
        try
        {
            var options = new PlaybackOptions { DeviceName = "no such sound card 7c1f", WavPath = path, RadioBeep = false };
            using (var stage = new PlaybackStage(options))
            {
                Assert.NotNull(stage.Notice);
                Assert.DoesNotContain('\n', stage.Notice);
                Assert.Contains("no such sound card 7c1f", stage.Notice);
                Assert.Contains(path, stage.Notice);
                Assert.StartsWith("WAV file", stage.OutputDescription);
            }
            Assert.True(File.Exists(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Device_ThatDoesNotOpen_WithoutFallback_IsAnInputError()
    {
        RequireOpenAl();
        var options = new PlaybackOptions { DeviceName = "no such sound card 7c1f", FallbackToWav = false };
        var e = Assert.Throws<InputException>(() => new PlaybackStage(options));
        Assert.Contains("crewchief devices", e.Message);
    }

    [Fact]
    public void Options_Invalid_AreInputErrors()
    {
        Assert.Throws<InputException>(() => new PlaybackStage(new PlaybackOptions { Volume = 2f }));
        Assert.Throws<InputException>(() => new PlaybackStage(new PlaybackOptions { VirtualClock = true }));
        Assert.Throws<InputException>(() => new PlaybackStage(new PlaybackOptions { Output = PlaybackOutput.Wav, WavPath = "/no/such/dir/x.wav" }));
    }

    [Fact]
    public void Dispose_WithWorkPending_DropsItAndSaysSo()
    {
        Utterance playing = Dc(Priority.Medium, UtteranceKind.Routine, 0.2f, blocks: 50);
        Utterance waiting = Dc(Priority.Low, UtteranceKind.Routine, 0.1f, blocks: 5);
        var (_, records, _) = Run(PlaybackOutput.Wav, stage =>
        {
            stage.Enqueue(playing);
            stage.Enqueue(waiting);
            stage.AdvanceBlocks(3);
        });
        var finals = Finals(records);
        Assert.Equal(PlaybackOutcome.Dropped, finals[playing.Id].Outcome);
        Assert.Equal(PlaybackOutcome.Dropped, finals[waiting.Id].Outcome);
        Assert.True(waiting.IsAbandoned);
    }

    [Fact]
    public void Volume_ScalesThePcm()
    {
        var (audio, _, _) = Run(PlaybackOutput.Wav, stage =>
        {
            stage.Enqueue(Dc(Priority.Medium, UtteranceKind.Routine, 0.8f, blocks: 2));
            stage.AdvanceBlocks(2);
        }, o => o.Volume = 0.5f);
        Assert.Equal("0.4x2", Runs(BlockLevels(audio)));
    }
}
