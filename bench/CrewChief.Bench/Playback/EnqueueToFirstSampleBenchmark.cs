using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using CrewChief.Events;
using CrewChief.Native.OpenAl;
using CrewChief.Playback;

namespace CrewChief.Bench.Playback;

/// <summary>
/// Enqueue-to-first-sample latency on OpenAL Soft's loopback device, on the real clock: from Enqueue on this thread
/// to the first render that holds a non-silent sample of it. The playback thread renders one 10 ms block per
/// deadline, so this is the wait for the next block plus the hand-off and mix; the stage's own share is
/// <see cref="VirtualClockEnqueueAndRenderOneBlock"/>'s.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class EnqueueToFirstSampleBenchmark
{
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.Max);
        }
    }

    private PlaybackStage _realTime = null!;
    private OpenAlLoopbackSink _realTimeSink = null!;
    private PlaybackStage _virtual = null!;
    private Utterance? _last;
    private Utterance _next = null!;
    private Utterance _nextVirtual = null!;
    private float[] _pcm = null!;

    [GlobalSetup]
    public void Setup()
    {
        if (!OpenAl.TryInitialize(out string error)) throw new InvalidOperationException(error);
        _pcm = new float[220]; // one block
        _pcm.AsSpan().Fill(0.25f);
        _realTime = new PlaybackStage(new PlaybackOptions { Output = PlaybackOutput.Loopback, RadioBeep = false, CaptureLoopback = false });
        _realTimeSink = (OpenAlLoopbackSink)_realTime.Sink;
        _virtual = new PlaybackStage(new PlaybackOptions { Output = PlaybackOutput.Loopback, VirtualClock = true, RadioBeep = false, CaptureLoopback = false });
    }

    [IterationSetup]
    public void NextUtterance()
    {
        // The previous one must be over (the device silent again) before the next measurement starts.
        while (_last is not null && !_last.Outcome.IsFinal()) Thread.Sleep(1);
        if (_last is not null) Thread.Sleep(25);
        _realTimeSink.ResetFirstSound();
        _next = new Utterance(Priority.Critical, UtteranceKind.Critical, "bench", 22050);
        _next.Append(_pcm);
        _next.Complete();
        _nextVirtual = new Utterance(Priority.Critical, UtteranceKind.Critical, "bench", 22050);
        _nextVirtual.Append(_pcm);
        _nextVirtual.Complete();
    }

    /// <summary>Real clock: milliseconds are the measurement (one invocation per iteration).</summary>
    [Benchmark]
    [InvocationCount(1)]
    public long RealTimeEnqueueToFirstRenderedSample()
    {
        long t0 = Stopwatch.GetTimestamp();
        _realTime.Enqueue(_next);
        _last = _next;
        var spin = new SpinWait();
        long first;
        while ((first = _realTimeSink.FirstSoundAt) == 0) spin.SpinOnce(sleep1Threshold: -1);
        return first - t0;
    }

    /// <summary>Virtual clock: hand-off to the playback thread, fill, OpenAL mix of one block, hand-back.</summary>
    [Benchmark]
    [InvocationCount(1)]
    public long VirtualClockEnqueueAndRenderOneBlock()
    {
        _virtual.Enqueue(_nextVirtual);
        _virtual.AdvanceBlocks(1);
        return _virtual.Now;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _realTime.Dispose();
        _virtual.Dispose();
    }
}
