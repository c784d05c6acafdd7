using CrewChief.Events;
using CrewChief.Native.OpenAl;
using CrewChief.Playback;

namespace CrewChief.Tests.Playback;

/// <summary>
/// Scenario building blocks. Utterances are told apart by their DC level: each one is a constant sample value,
/// so every rendered block can be attributed to exactly one of them (or silence).
/// </summary>
internal static class PlaybackTestKit
{
    public const int Rate = 22050;
    public const int BlockSamples = Rate / 100;

    public static void RequireOpenAl()
    {
        if (!OpenAl.TryInitialize(out string error))
            Assert.Skip($"OpenAL Soft is not installed here ({error}); scripts/setup.sh installs it for CI.");
    }

    public static PlaybackOptions Options(PlaybackOutput output, string? wavPath = null) => new()
    {
        Output = output,
        VirtualClock = true,
        RadioBeep = false,
        SampleRate = Rate,
        BlockMilliseconds = 10,
        QueueBlocks = 4,
        WavPath = wavPath ?? "unused.wav",
    };

    /// <summary>A complete utterance of <paramref name="blocks"/> whole blocks at a constant <paramref name="level"/>.</summary>
    public static Utterance Dc(Priority priority, UtteranceKind kind, float level, int blocks, long expiresAt = long.MaxValue)
    {
        var u = new Utterance(priority, kind, FormattableString.Invariant($"dc {level}"), Rate) { ExpiresAt = expiresAt };
        var pcm = new float[blocks * BlockSamples];
        pcm.AsSpan().Fill(level);
        u.Append(pcm);
        u.Complete();
        return u;
    }

    /// <summary>A complete utterance whose block k (0-based) sits at level <c>step * (k + 1)</c>: shows where it resumed.</summary>
    public static Utterance Staircase(Priority priority, UtteranceKind kind, float step, int blocks)
    {
        var u = new Utterance(priority, kind, "staircase", Rate);
        var pcm = new float[blocks * BlockSamples];
        for (int k = 0; k < blocks; k++) pcm.AsSpan(k * BlockSamples, BlockSamples).Fill(step * (k + 1));
        u.Append(pcm);
        u.Complete();
        return u;
    }

    /// <summary>Runs a scenario through a fresh stage and returns what was heard and every record.</summary>
    public static (float[] Audio, List<PlaybackRecord> Records, long Origin) Run(PlaybackOutput output, Action<PlaybackStage> scenario, Action<PlaybackOptions>? configure = null)
    {
        if (output == PlaybackOutput.Loopback) RequireOpenAl();
        string wav = Path.Combine(Path.GetTempPath(), $"crewchief-test-{Guid.NewGuid():N}.wav");
        PlaybackOptions options = Options(output, wav);
        configure?.Invoke(options);
        try
        {
            float[] audio;
            long origin;
            List<PlaybackRecord> records;
            using (var stage = new PlaybackStage(options))
            {
                origin = stage.Now;
                scenario(stage);
                audio = output == PlaybackOutput.Loopback ? ((OpenAlLoopbackSink)stage.Sink).CopyCaptured() : [];
                stage.Dispose();
                records = Drain(stage);
                Assert.Null(stage.Error);
            }
            if (output == PlaybackOutput.Wav) audio = ReadWav(wav);
            return (audio, records, origin);
        }
        finally
        {
            File.Delete(wav);
        }
    }

    /// <summary>Final records by utterance id.</summary>
    public static Dictionary<long, PlaybackRecord> Finals(List<PlaybackRecord> records)
    {
        var finals = new Dictionary<long, PlaybackRecord>();
        foreach (PlaybackRecord r in records) if (r.Outcome.IsFinal()) finals.Add(r.Id, r);
        return finals;
    }

    /// <summary>Index of the first block at <paramref name="level"/>, or -1.</summary>
    public static int FirstBlockAt(float[] levels, float level) => Array.IndexOf(levels, level);

    public static long BlockTicks => (long)((double)BlockSamples * System.Diagnostics.Stopwatch.Frequency / Rate);

    /// <summary>The DC level of each whole block (mean), rounded to 2 decimals; 0 for silence.</summary>
    public static float[] BlockLevels(ReadOnlySpan<float> audio)
    {
        var levels = new float[audio.Length / BlockSamples];
        for (int b = 0; b < levels.Length; b++)
        {
            double sum = 0;
            foreach (float s in audio.Slice(b * BlockSamples, BlockSamples)) sum += s;
            levels[b] = MathF.Round((float)(sum / BlockSamples), 2);
        }
        return levels;
    }

    /// <summary>Run-length form of block levels, e.g. "0.2x50 0.5x20 0x30": easy to read in a failed assertion.</summary>
    public static string Runs(float[] levels)
    {
        var parts = new List<string>();
        int i = 0;
        while (i < levels.Length)
        {
            int j = i;
            while (j < levels.Length && levels[j] == levels[i]) j++;
            parts.Add(FormattableString.Invariant($"{levels[i]}x{j - i}"));
            i = j;
        }
        return string.Join(' ', parts);
    }

    /// <summary>All records written so far (the stage is disposed or idle).</summary>
    public static List<PlaybackRecord> Drain(PlaybackStage stage)
    {
        var list = new List<PlaybackRecord>();
        while (stage.Records.TryRead(out PlaybackRecord r)) list.Add(r);
        return list;
    }

    public static float[] ReadWav(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int samples = (bytes.Length - 44) / 2;
        var audio = new float[samples];
        for (int i = 0; i < samples; i++) audio[i] = BitConverter.ToInt16(bytes, 44 + (i * 2)) / 32768f;
        return audio;
    }
}
