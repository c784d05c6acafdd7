using System.Diagnostics;
using CrewChief.Events;

namespace CrewChief.Playback;

/// <summary>
/// One callout to be spoken: its priority, expiry and kind, and its audio, which may still be arriving (the speech
/// stage appends one sentence at a time while earlier ones already play, then calls <see cref="Complete"/>).
/// </summary>
/// <remarks>
/// Thread ownership: the producer calls <see cref="Append(ReadOnlySpan{float})"/> and <see cref="Complete"/>; the
/// playback thread reads with <see cref="Read"/> and owns every field under "playback state". The audio lock
/// is held only to copy samples, never across a native call.
/// </remarks>
public sealed class Utterance
{
    private static long s_nextId;

    private readonly Lock _audioLock = new();
    /// <summary>
    /// Mono samples in [-1, 1] at <see cref="SampleRate"/>, in pooled segments of <see cref="AudioBufferPool.SegmentSamples"/>
    /// taken as audio arrives (small-object-heap arrays, reused: see <see cref="AudioBufferPool"/>); the first
    /// <see cref="_count"/> samples are valid.
    /// </summary>
    private readonly List<float[]> _segments;
    private int _count;
    private volatile bool _complete;
    /// <summary>The stage this was enqueued on, woken when audio arrives; null before enqueue.</summary>
    private volatile PlaybackStage? _owner;

    /// <param name="id">The id records carry: pass the SpeechRequest's id so speech and playback logs line up;
    /// 0 draws a fresh one.</param>
    public Utterance(Priority priority, UtteranceKind kind, string text, int sampleRate, int expectedSamples = 0, long id = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        Id = id != 0 ? id : Interlocked.Increment(ref s_nextId);
        Priority = priority;
        Kind = kind;
        Text = text;
        SampleRate = sampleRate;
        // Only the list of segments is sized from the text; the audio's segments are taken as it arrives.
        int expected = expectedSamples > 0 ? expectedSamples : EstimatedSamples(text, sampleRate);
        _segments = new List<float[]>((expected >> AudioBufferPool.SegmentShift) + 1);
        Interlocked.Increment(ref s_unfinished);
        RaisedAt = Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// Room for the spoken text at a slow speaking rate (12 characters a second, plus half a second): the number of
    /// segments the utterance's list is sized for, so the list itself is allocated once.
    /// </summary>
    internal static int EstimatedSamples(string text, int sampleRate) =>
        (int)Math.Min(sampleRate * (0.5 + text.Length / 12.0), sampleRate * 60.0);

    public long Id { get; }
    public Priority Priority { get; }
    public UtteranceKind Kind { get; }
    /// <summary>What is said, for logs.</summary>
    public string Text { get; }
    /// <summary>Sample rate of the appended audio (Piper: 22050). The stage resamples if its own rate differs.</summary>
    public int SampleRate { get; }
    /// <summary>When the event behind it was raised (Stopwatch ticks); defaults to construction time.</summary>
    public long RaisedAt { get; init; }
    /// <summary>After this Stopwatch timestamp it must not start (or resume); <see cref="long.MaxValue"/> for never.</summary>
    public long ExpiresAt { get; init; } = long.MaxValue;

    /// <summary>
    /// Asked on the playback thread when its turn comes, before its first sample: false drops it as
    /// <see cref="PlaybackOutcome.Stale"/> (it waited behind others and what it says is no longer so). Null: always true.
    /// </summary>
    public Func<bool>? StillTrue { get; init; }

    /// <summary>True for a Strategy message: when cut by something more urgent it waits and resumes where it stopped.</summary>
    public bool IsResumable => Kind == UtteranceKind.Strategy;

    /// <summary>True once <see cref="Complete"/> was called: no more audio will come.</summary>
    public bool IsComplete => _complete;

    /// <summary>The last outcome recorded (Queued before the stage has seen it). Final ones never change again.</summary>
    public PlaybackOutcome Outcome => (PlaybackOutcome)Volatile.Read(ref _outcome);

    /// <summary>True when the stage will never play more of it: the producer may stop synthesising.</summary>
    public bool IsAbandoned => Outcome.IsFinal() && Outcome != PlaybackOutcome.Played;

    // ---- playback state (playback thread only) ----
    private int _outcome;
    internal long QueuedAt;
    internal long FirstSampleAt;
    internal long EndedAt;
    /// <summary>Next output sample to fill; negative while the radio click plays.</summary>
    internal long Cursor;
    /// <summary>Output samples of audio that were filled and not discarded by a flush.</summary>
    internal long Position;
    /// <summary>Blocks of it in the sink not yet heard or discarded.</summary>
    internal int BlocksInSink;
    /// <summary>All its audio has been filled; Played is written when the last block is heard.</summary>
    internal bool FillDone;
    /// <summary>Its first block has been submitted (Started written) and not discarded since.</summary>
    internal bool Started;
    /// <summary>Taken from the queue at least once (so a resume gets no second beep).</summary>
    internal bool Taken;
    /// <summary>Resumed after a pause and no block filled since: the next block announces the resumption.</summary>
    internal bool Resuming;
    /// <summary>Its audio stopped arriving for longer than the stall timeout; it ends Dropped.</summary>
    internal bool Stalled;
    /// <summary>Why it is being cut while its queued blocks are flushed: Interrupted (by priority), Superseded, or Queued for none.</summary>
    internal PlaybackOutcome CutBy;

    internal void SetOutcome(PlaybackOutcome outcome)
    {
        Volatile.Write(ref _outcome, (int)outcome);
        if (outcome.IsFinal() && Interlocked.Exchange(ref _counted, 0) == 1)
        {
            Interlocked.Decrement(ref s_unfinished);
            _owner?.Finished();
            lock (_audioLock)
            {
                Interlocked.Add(ref s_unfinishedBytes, -(long)_segments.Count * SegmentBytes);
                // Playback never reads a finished utterance again: its segments go back for the next callout. A
                // producer still appending (it has not seen the outcome yet) appends to nothing from now on.
                foreach (float[] segment in _segments) AudioBufferPool.Return(segment);
                _segments.Clear();
                _count = 0;
                _released = true;
            }
        }
    }

    // The soak's census (CREWCHIEF_TRIM_LOG=1): utterances not played or dropped yet, and their audio buffers.
    private static long s_unfinished;
    private static long s_unfinishedBytes;
    private int _counted = 1;
    private const int SegmentBytes = AudioBufferPool.SegmentSamples * sizeof(float);
    private const int SegmentMask = AudioBufferPool.SegmentSamples - 1;
    /// <summary>The segments went back to <see cref="AudioBufferPool"/> (a final outcome); appends are dropped.</summary>
    private bool _released;
    /// <summary>Utterances created and not yet finished by playback (played, expired, cut, dropped).</summary>
    public static long Unfinished => Interlocked.Read(ref s_unfinished);
    /// <summary>Bytes of audio segments those utterances hold.</summary>
    public static long UnfinishedBytes => Interlocked.Read(ref s_unfinishedBytes);

    internal void AttachTo(PlaybackStage stage)
    {
        if (Interlocked.CompareExchange(ref _owner, stage, null) is not null)
            throw new InvalidOperationException($"utterance {Id} was already enqueued.");
    }

    /// <summary>Appends mono float samples in [-1, 1] (Piper's output).</summary>
    public void Append(ReadOnlySpan<float> samples)
    {
        lock (_audioLock)
        {
            if (_complete) throw new InvalidOperationException($"utterance {Id} is complete; no more audio can be appended.");
            if (_released) return;
            while (!samples.IsEmpty)
            {
                Span<float> room = Room();
                int n = Math.Min(room.Length, samples.Length);
                samples[..n].CopyTo(room);
                samples = samples[n..];
                _count += n;
            }
        }
        _owner?.Wake();
    }

    /// <summary>Appends mono 16-bit samples.</summary>
    public void Append(ReadOnlySpan<short> samples)
    {
        lock (_audioLock)
        {
            if (_complete) throw new InvalidOperationException($"utterance {Id} is complete; no more audio can be appended.");
            if (_released) return;
            while (!samples.IsEmpty)
            {
                Span<float> room = Room();
                int n = Math.Min(room.Length, samples.Length);
                for (int i = 0; i < n; i++) room[i] = samples[i] * (1f / 32768f);
                samples = samples[n..];
                _count += n;
            }
        }
        _owner?.Wake();
    }

    /// <summary>No more audio will come (the speech stage finished, or gave up: then call it with what there is).</summary>
    public void Complete()
    {
        lock (_audioLock) _complete = true;
        _owner?.Wake();
    }

    /// <summary>The free part of the last segment, taking a new one when it is full. Caller holds the audio lock.</summary>
    private Span<float> Room()
    {
        int offset = _count & SegmentMask;
        if (offset == 0 && _count >> AudioBufferPool.SegmentShift == _segments.Count)
        {
            _segments.Add(AudioBufferPool.Rent());
            Interlocked.Add(ref s_unfinishedBytes, SegmentBytes);
        }
        return _segments[_count >> AudioBufferPool.SegmentShift].AsSpan(offset);
    }

    /// <summary>Sample <paramref name="i"/> (below <see cref="_count"/>). Caller holds the audio lock.</summary>
    private float Sample(long i) => _segments[(int)(i >> AudioBufferPool.SegmentShift)][i & SegmentMask];

    /// <summary>
    /// Copies audio from output sample <paramref name="position"/> at <paramref name="outRate"/> into
    /// <paramref name="destination"/>; returns how many were available (0: none yet, or the end).
    /// <paramref name="ended"/> is true when the copy reached the end of complete audio.
    /// </summary>
    internal int Read(long position, int outRate, Span<float> destination, out bool ended)
    {
        lock (_audioLock)
        {
            if (outRate == SampleRate)
            {
                long available = Math.Max(0, _count - position);
                int n = (int)Math.Min(available, destination.Length);
                for (int done = 0; done < n;)
                {
                    long at = position + done;
                    ReadOnlySpan<float> segment = _segments[(int)(at >> AudioBufferPool.SegmentShift)].AsSpan((int)(at & SegmentMask));
                    int part = Math.Min(segment.Length, n - done);
                    segment[..part].CopyTo(destination[done..]);
                    done += part;
                }
                ended = _complete && position + n >= _count;
                return n;
            }
            return ReadResampled(position, outRate, destination, out ended);
        }
    }

    /// <summary>Linear interpolation: cheap, and a voice at 16 or 22.05 kHz has nothing up high to alias.</summary>
    private int ReadResampled(long position, int outRate, Span<float> destination, out bool ended)
    {
        // Output sample k sits at source position k * in / out. Sample k needs source samples i and i + 1, except
        // the very last one of complete audio.
        long outTotal = _count == 0 ? 0 : ((long)(_count - 1) * outRate / SampleRate) + 1;
        int n = 0;
        for (; n < destination.Length; n++)
        {
            long k = position + n;
            long num = k * SampleRate;
            long i = num / outRate;
            if (i + 1 < _count)
            {
                float frac = (float)(num - (i * outRate)) / outRate;
                float a = Sample(i);
                destination[n] = a + ((Sample(i + 1) - a) * frac);
            }
            else if (_complete && i < _count)
            {
                destination[n] = Sample(i);
            }
            else
            {
                break;
            }
        }
        ended = _complete && position + n >= outTotal;
        return n;
    }

    public override string ToString() => $"#{Id} {Priority}/{Kind} \"{Text}\"";
}
