using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using CrewChief.Events;
using CrewChief.Playback;

namespace CrewChief.Bench.Playback;

/// <summary>
/// The playback thread's per-block work without the device: fill one 10 ms block from a streamed utterance
/// (copy, gain, float to int16) and account for it as heard. Must allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class PlaybackFillBenchmark
{
    private PlaybackScheduler _scheduler = null!;
    private Utterance _utterance = null!;
    private readonly float[] _block = new float[220];

    [GlobalSetup]
    public void Setup()
    {
        var options = new PlaybackOptions { RadioBeep = false, Volume = 0.8f };
        _scheduler = new PlaybackScheduler(options, Channel.CreateUnbounded<PlaybackRecord>().Writer);
        _utterance = new Utterance(Priority.Medium, UtteranceKind.Routine, "bench", options.SampleRate);
        var pcm = new float[options.SampleRate * 10];
        for (int i = 0; i < pcm.Length; i++) pcm[i] = MathF.Sin(i * 0.05f) * 0.5f;
        _utterance.Append(pcm); // left incomplete: it streams forever
        _scheduler.Add(_utterance, 0);
    }

    [Benchmark]
    public int FillOneBlock()
    {
        // Loop over the same ten seconds instead of growing the utterance.
        if (_utterance.Cursor > 22050 * 9) _utterance.Cursor = 0;
        if (!_scheduler.TryFill(_block, 0, starving: false, out QueuedBlock info)) return -1;
        _scheduler.OnPlayed(info, 0);
        return info.Count;
    }
}
