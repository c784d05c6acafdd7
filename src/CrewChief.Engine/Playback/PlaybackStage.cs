using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;

namespace CrewChief.Playback;

/// <summary>
/// The last pipeline stage: owns the audio output on one dedicated thread ("crewchief-playback") and plays
/// <see cref="Utterance"/>s by priority. Any thread may <see cref="Enqueue"/>; only the playback thread touches
/// OpenAL, the WAV file and the scheduler.
/// </summary>
/// <remarks>
/// Waits are event-driven: the thread sleeps on one wake event, set by Enqueue, by audio arriving for an
/// utterance, by Advance and by Dispose. One exception: OpenAL has no "buffer done" callback, so while blocks are
/// queued on a sound card the thread polls AL_BUFFERS_PROCESSED on a wait of half a block; new work still wakes
/// it at once, and with nothing queued it waits without a timeout. Stage-paced sinks (loopback, WAV) wake on their
/// block deadline, or only when Advance asks under a virtual clock.
/// </remarks>
public sealed class PlaybackStage : IDisposable
{
    private readonly PlaybackOptions _options;
    private readonly Thread _thread;
    private readonly AutoResetEvent _wake = new(false);
    private readonly ConcurrentQueue<Utterance> _incoming = new();
    private readonly Channel<PlaybackRecord> _records;
    private readonly ManualResetEventSlim _opened = new(false);
    private readonly ManualResetEventSlim _advanced = new(true);
    // Snapshots of the options: the caller may reuse its PlaybackOptions object once the constructor returns.
    private readonly int _blockSamples;
    private readonly int _sampleRate;
    private readonly bool _virtual;
    private readonly int _pollMs;
    private readonly long _stallTicks;
    private readonly long _origin;
    private volatile bool _stopping;
    /// <summary>Blocks Advance still wants rendered (virtual clock only).</summary>
    private long _budget;
    /// <summary>Samples of time rendered by a stage-paced sink since <see cref="_origin"/>.</summary>
    private long _renderedSamples;
    private PlaybackSink? _sink;
    private string? _openError;
    private Exception? _error;

    // Playback-thread state.
    private readonly PlaybackScheduler _scheduler;
    /// <summary>Blocks in the sink, oldest first, mirroring its queue: who they belong to, and their PCM (a flush may re-queue them).</summary>
    private readonly QueuedBlock[] _ring;
    private readonly float[][] _ringPcm;
    private int _ringHead;
    private int _ringCount;

    /// <summary>
    /// Opens the output on a new playback thread and returns once it is open. A device that does not open falls back
    /// to the WAV file when allowed (<see cref="Notice"/> says so in one line); otherwise throws
    /// <see cref="InputException"/> with the loader's or device's own error.
    /// </summary>
    public PlaybackStage(PlaybackOptions options)
    {
        options.Validate();
        _options = options;
        _blockSamples = options.BlockSamples;
        _sampleRate = options.SampleRate;
        _virtual = options.VirtualClock;
        _pollMs = Math.Max(1, options.BlockMilliseconds / 2);
        _stallTicks = Ticks(TimeSpan.FromMilliseconds(options.StallTimeoutMilliseconds));
        _records = Channel.CreateBounded<PlaybackRecord>(new BoundedChannelOptions(options.RecordCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest, // a log nobody reads must not grow or block playback
            SingleWriter = true,
        });
        _scheduler = new PlaybackScheduler(options, _records.Writer);
        _ring = new QueuedBlock[options.QueueBlocks];
        _ringPcm = new float[options.QueueBlocks][];
        for (int i = 0; i < _ringPcm.Length; i++) _ringPcm[i] = new float[_blockSamples];
        _origin = Stopwatch.GetTimestamp();
        _thread = new Thread(Run)
        {
            Name = "crewchief-playback",
            IsBackground = true,
            Priority = ThreadPriority.AboveNormal,
        };
        _thread.Start();
        _opened.Wait();
        if (_sink is null)
        {
            _thread.Join();
            throw new InputException(_openError ?? "playback output could not be opened.");
        }
    }

    public PlaybackOptions Options => _options;

    /// <summary>What the audio goes to.</summary>
    public string OutputDescription => _sink?.Description ?? "";

    /// <summary>The sink in use (an <see cref="OpenAlLoopbackSink"/> exposes what it rendered).</summary>
    public PlaybackSink Sink => _sink!;

    /// <summary>One line when the stage fell back to the WAV file because no device opened; else null.</summary>
    public string? Notice { get; private set; }

    /// <summary>The failure that stopped playback, if any; every utterance since then ends Dropped.</summary>
    public Exception? Error => Volatile.Read(ref _error);

    /// <summary>Each step of each utterance, in order. Bounded: the oldest are dropped if nobody reads.</summary>
    public ChannelReader<PlaybackRecord> Records => _records.Reader;

    /// <summary>The stage's clock in Stopwatch ticks: real time, or under a virtual clock the audio rendered so far.</summary>
    public long Now => _virtual ? _origin + SamplesToTicks(Volatile.Read(ref _renderedSamples)) : Stopwatch.GetTimestamp();

    /// <summary>Stopwatch ticks of <paramref name="duration"/>, for building expiries on the stage's clock.</summary>
    public static long Ticks(TimeSpan duration) => (long)(duration.TotalSeconds * Stopwatch.Frequency);

    private long SamplesToTicks(long samples) => (long)((Int128)samples * Stopwatch.Frequency / _sampleRate);

    /// <summary>Hands an utterance to the playback thread. Its audio may still be arriving.</summary>
    public void Enqueue(Utterance utterance)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        utterance.AttachTo(this);
        utterance.QueuedAt = Now;
        Interlocked.Increment(ref _inPlayback);
        _incoming.Enqueue(utterance);
        _wake.Set();
    }

    private int _inPlayback;

    /// <summary>
    /// Utterances enqueued and not finished yet (playing, or waiting their turn with their audio): the speech stage
    /// holds routine synthesis while there are enough (<see cref="CrewChief.Speech.SpeechStage"/>). Any thread.
    /// </summary>
    public int InPlayback => Volatile.Read(ref _inPlayback);

    /// <summary>An enqueued utterance reached its final outcome.</summary>
    internal void Finished() => Interlocked.Decrement(ref _inPlayback);

    internal void Wake()
    {
        if (_stopping) return;
        try
        {
            _wake.Set();
        }
        catch (ObjectDisposedException)
        {
            // Audio arrived for an utterance while the stage was being disposed: nothing left to wake.
        }
    }

    /// <summary>
    /// Virtual clock only: renders <paramref name="duration"/> of audio (rounded up to whole blocks) as fast as it can
    /// and returns when done; utterances enqueued before the call are seen before the first block. One caller at a time.
    /// </summary>
    public void Advance(TimeSpan duration)
    {
        long samples = (long)Math.Ceiling(duration.TotalSeconds * _sampleRate);
        AdvanceBlocks((samples + _blockSamples - 1) / _blockSamples);
    }

    /// <summary>Virtual clock only: renders exactly <paramref name="blocks"/> blocks (see <see cref="Advance"/>).</summary>
    public void AdvanceBlocks(long blocks)
    {
        if (!_virtual) throw new InvalidOperationException("Advance needs PlaybackOptions.VirtualClock.");
        ObjectDisposedException.ThrowIf(_stopping, this);
        if (blocks <= 0) return;
        _advanced.Reset();
        Interlocked.Add(ref _budget, blocks);
        _wake.Set();
        _advanced.Wait();
        if (Error is { } e) throw new InvalidOperationException($"playback thread failed: {e.Message}", e);
    }

    private void Run()
    {
        try
        {
            if (!OpenSink()) return;
        }
        catch (Exception e)
        {
            _openError = $"playback output could not be opened: {e.Message.ReplaceLineEndings(" ")}";
            return;
        }
        finally
        {
            _opened.Set();
        }
        PlaybackSink sink = _sink!;
        try
        {
            Loop(sink);
        }
        catch (Exception e)
        {
            // Reported, not fatal to callers: Error keeps it, and the thread stays to answer every later utterance
            // with Dropped so producers and Advance callers never wait on a dead thread.
            Volatile.Write(ref _error, e);
            DropUntilStopped();
        }
        finally
        {
            long now = Now;
            while (_incoming.TryDequeue(out Utterance? u)) _scheduler.Add(u, now);
            _scheduler.DropAll(now);
            try { sink.Dispose(); } catch (Exception e) { Volatile.Write(ref _error, _error ?? e); }
            _records.Writer.TryComplete();
            _advanced.Set();
        }
    }

    private void DropUntilStopped()
    {
        PlaybackScheduler scheduler = _scheduler;
        while (true)
        {
            long now = Now;
            while (_incoming.TryDequeue(out Utterance? u)) scheduler.Add(u, now);
            scheduler.DropAll(now);
            Interlocked.Exchange(ref _budget, 0);
            _advanced.Set();
            if (_stopping) return;
            _wake.WaitOne();
        }
    }

    private bool OpenSink()
    {
        string error;
        switch (_options.Output)
        {
            case PlaybackOutput.Loopback:
                if (OpenAlLoopbackSink.TryOpen(_options, _options.CaptureLoopback, out OpenAlLoopbackSink? loop, out error)) { _sink = loop; return true; }
                break;
            case PlaybackOutput.Wav:
                if (WavSink.TryOpen(_options, out WavSink? wav, out error)) { _sink = wav; return true; }
                break;
            default:
                if (OpenAlDeviceSink.TryOpen(_options, out OpenAlDeviceSink? device, out error)) { _sink = device; return true; }
                if (!_options.FallbackToWav) break;
                if (WavSink.TryOpen(_options, out WavSink? fallback, out string wavError))
                {
                    _sink = fallback;
                    Notice = $"playback: {error.TrimEnd('.')}; writing what would be heard to {_options.WavPath} instead.";
                    return true;
                }
                error = $"{error} {wavError}";
                break;
        }
        _openError = error;
        return false;
    }

    private void Loop(PlaybackSink sink)
    {
        PlaybackScheduler scheduler = _scheduler;
        bool paced = sink.PacedByDevice;
        long blockTicks = SamplesToTicks(_blockSamples);
        while (!_stopping)
        {
            long now = Now;
            // Under a virtual clock arrivals are taken only when Advance runs, so everything enqueued before the
            // call arrives together at one instant whenever this thread happened to wake. The budget is read once
            // per pass: read twice, an Advance landing in between would render a block before its arrivals.
            bool advancing = _virtual && Volatile.Read(ref _budget) > 0;
            if (!_virtual || advancing)
            {
                while (_incoming.TryDequeue(out Utterance? u)) scheduler.Add(u, now);
            }
            if (scheduler.FlushRequested) Flush(sink, now);
            AssertInvariants();
            long starved = scheduler.StarvedSince;
            if (starved != 0 && now - starved > _stallTicks) scheduler.AbandonStarved(now);

            if (paced)
            {
                int heard = sink.ReclaimPlayed();
                for (int i = 0; i < heard && _ringCount > 0; i++) scheduler.OnPlayed(PopHeard(), now);
                // The first queued block is partly played already: this slightly overstates when new audio is heard.
                Fill(sink, now + (_ringCount * blockTicks));
                _wake.WaitOne(_ringCount > 0 ? _pollMs : StallWaitMs(scheduler, now));
                continue;
            }

            long renderAt = _origin + SamplesToTicks(_renderedSamples);
            if (!_virtual && now - renderAt > 50 * blockTicks)
            {
                // Far behind the real clock (a suspended VM, a debugger): skip ahead rather than render seconds of
                // catch-up in a burst. The WAV then lacks that stretch, as a sound card would have played nothing.
                _renderedSamples += (now - renderAt) / blockTicks * _blockSamples;
                renderAt = _origin + SamplesToTicks(_renderedSamples);
            }
            bool render = _virtual ? advancing : now >= renderAt;
            // Under a virtual clock nothing is filled between Advance calls, so what gets filled depends only on
            // what was enqueued before the call, never on when this thread happened to wake.
            if (render || !_virtual) Fill(sink, renderAt + (_ringCount * blockTicks));
            if (render)
            {
                sink.Render();
                Volatile.Write(ref _renderedSamples, _renderedSamples + _blockSamples);
                if (_ringCount > 0) scheduler.OnPlayed(PopHeard(), renderAt + blockTicks);
                AssertInvariants();
                if (_virtual && Interlocked.Decrement(ref _budget) == 0) _advanced.Set();
                continue;
            }
            if (_virtual)
            {
                _wake.WaitOne();
            }
            else
            {
                // Real-time loopback or WAV: sleep until the next block is due (rounded up: never early).
                int waitMs = (int)Math.Ceiling((renderAt - now) * 1000.0 / Stopwatch.Frequency);
                _wake.WaitOne(Math.Max(0, waitMs));
            }
        }
    }

    /// <summary>Nothing queued: sleep until woken, or until a starving utterance's stall timeout.</summary>
    private int StallWaitMs(PlaybackScheduler scheduler, long now)
    {
        long starved = scheduler.StarvedSince;
        if (starved == 0) return Timeout.Infinite;
        long left = starved + _stallTicks - now;
        return left <= 0 ? 0 : (int)Math.Min(int.MaxValue, (left * 1000 / Stopwatch.Frequency) + 1);
    }

    private void Fill(PlaybackSink sink, long hearAt)
    {
        long blockTicks = SamplesToTicks(_blockSamples);
        QueuedBlock[] ring = _ring;
        while (_ringCount < ring.Length)
        {
            int slot = (_ringHead + _ringCount) % ring.Length;
            float[] pcm = _ringPcm[slot];
            if (!_scheduler.TryFill(pcm, hearAt, starving: _ringCount == 0, out QueuedBlock info)) return;
            sink.Submit(pcm);
            ring[slot] = info;
            _ringCount++;
            hearAt += blockTicks;
        }
    }

    /// <summary>
    /// A cut: the sink drops everything queued at once (OpenAL cannot remove single buffers from a playing queue),
    /// then the blocks of utterances that were not cut are queued again in order. On a sound card the oldest block
    /// is already partly played; it is counted as heard rather than replayed (a stutter is worse than losing the
    /// last few ms of a tail). Stage-paced sinks have not rendered it yet, so it is re-queued whole.
    /// </summary>
    private void Flush(PlaybackSink sink, long now)
    {
        PlaybackScheduler scheduler = _scheduler;
        QueuedBlock[] ring = _ring;
        float[][] pcm = _ringPcm;
        sink.Flush();
        int count = _ringCount;
        int head = _ringHead;
        _ringCount = 0;
        for (int i = 0; i < count; i++)
        {
            int from = (head + i) % ring.Length;
            QueuedBlock b = ring[from];
            ring[from] = default;
            if (PlaybackScheduler.IsCut(b))
            {
                scheduler.OnDiscarded(b);
            }
            else if (i == 0 && sink.PacedByDevice)
            {
                scheduler.OnPlayed(b, now);
            }
            else
            {
                // Keep it: move it to the next ring position (never ahead of where it was) and queue it again.
                int to = (head + _ringCount) % ring.Length;
                if (to != from) (pcm[to], pcm[from]) = (pcm[from], pcm[to]);
                ring[to] = b;
                sink.Submit(pcm[to]);
                _ringCount++;
            }
        }
        _ringHead = head;
        scheduler.ResolveCuts(now);
    }

    /// <summary>The ring mirrors the sink: each utterance's BlocksInSink is exactly its blocks in the ring.</summary>
    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(_ringCount >= 0 && _ringCount <= _ring.Length);
        for (int i = 0; i < _ringCount; i++)
        {
            Utterance? u = _ring[(_ringHead + i) % _ring.Length].Utterance;
            if (u is null) continue;
            int mine = 0;
            for (int j = 0; j < _ringCount; j++)
            {
                if (_ring[(_ringHead + j) % _ring.Length].Utterance == u) mine++;
            }
            Debug.Assert(mine == u.BlocksInSink, $"utterance {u.Id}: {mine} blocks in the ring, BlocksInSink {u.BlocksInSink}");
        }
    }

    private QueuedBlock PopHeard()
    {
        QueuedBlock b = _ring[_ringHead];
        _ring[_ringHead] = default;
        _ringHead = (_ringHead + 1) % _ring.Length;
        _ringCount--;
        return b;
    }

    /// <summary>Stops the thread: what was not heard is dropped (records say so), the output is closed.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        _wake.Set();
        _advanced.Set();
        if (Thread.CurrentThread != _thread) _thread.Join();
        // An Enqueue that raced with the stop: it still gets its final outcome.
        while (_incoming.TryDequeue(out Utterance? u)) _scheduler.Add(u, Now);
        _scheduler.DropAll(Now);
        _wake.Dispose();
        _opened.Dispose();
        _advanced.Dispose();
    }
}
