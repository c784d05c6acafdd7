using System.Threading.Channels;
using CrewChief.Events;

namespace CrewChief.Playback;

/// <summary>
/// Decides what is heard: priority preemption, FIFO within a priority, expiry, spotter supersession, resume of
/// strategy messages. Knows nothing of devices: it fills blocks and is told when queued blocks were heard or
/// discarded. Playback thread only; every sink shares it, which is what makes the WAV match the device.
/// </summary>
/// <remarks>
/// A cut is decided when the newcomer arrives but resolved after the flush, because only then is it known how
/// much of the cut utterance was heard: none (it goes back to the queue untouched, or is superseded), some (a
/// strategy message pauses there, anything else is interrupted).
/// </remarks>
internal sealed class PlaybackScheduler
{
    private readonly int _sampleRate;
    private readonly int _blockSamples;
    private readonly float _gain;
    /// <summary>The radio beep plus its gap, padded to whole blocks so no block mixes beep and voice.</summary>
    private readonly float[] _beep;
    private readonly ChannelWriter<PlaybackRecord> _records;
    /// <summary>Waiting utterances per priority (index = priority), oldest first; cut ones go back to the front.</summary>
    private readonly List<Utterance>[] _waiting;
    /// <summary>Utterances with blocks in the sink (<see cref="Utterance.BlocksInSink"/> &gt; 0), in fill order.</summary>
    private readonly List<Utterance> _inSink = new(8);
    /// <summary>Utterances cut since the last flush, resolved by <see cref="ResolveCuts"/>.</summary>
    private readonly List<Utterance> _cut = new(4);
    private readonly float[] _scratch;
    /// <summary>The utterance being filled into blocks; null between utterances.</summary>
    private Utterance? _current;
    /// <summary>When the current utterance ran out of audio that was still to come; 0 while it has audio.</summary>
    private long _starvedSince;

    public PlaybackScheduler(PlaybackOptions options, ChannelWriter<PlaybackRecord> records)
    {
        _sampleRate = options.SampleRate;
        _blockSamples = options.BlockSamples;
        _gain = options.Volume;
        _records = records;
        _scratch = new float[_blockSamples];
        _beep = options.RadioBeep ? RadioBeep.Generate(options) : [];
        _waiting = new List<Utterance>[(int)Priority.Spotter + 1];
        for (int i = 0; i < _waiting.Length; i++) _waiting[i] = new List<Utterance>(8);
    }

    /// <summary>
    /// True when queued blocks of a cut utterance must go at once. The stage flushes the sink, re-queues the blocks of
    /// utterances that were not cut, reports the rest to <see cref="OnDiscarded"/>, then calls <see cref="ResolveCuts"/>.
    /// </summary>
    public bool FlushRequested { get; private set; }

    public void Add(Utterance u, long now)
    {
        Write(u, PlaybackOutcome.Queued);
        if (now > u.ExpiresAt)
        {
            // Stale on arrival: it must not cut anything on its way to being dropped.
            Finish(u, PlaybackOutcome.Expired, now);
            return;
        }
        bool spotter = u.Kind == UtteranceKind.Spotter;
        if (spotter)
        {
            // Only the newest spotter call is still true.
            foreach (var list in _waiting)
            {
                for (int i = list.Count - 1; i >= 0; i--)
                {
                    if (list[i].Kind != UtteranceKind.Spotter) continue;
                    Utterance old = list[i];
                    list.RemoveAt(i);
                    Finish(old, PlaybackOutcome.Superseded, now);
                }
            }
            // A spotter call cut a moment ago for another reason must not come back after this one.
            foreach (Utterance x in _cut)
            {
                if (x.Kind == UtteranceKind.Spotter) x.CutBy = PlaybackOutcome.Superseded;
            }
        }
        // Whatever is audible or about to be (blocks queued in the sink, or being filled) and less urgent goes now,
        // including the tail of one that was already filled to its end.
        foreach (Utterance x in _inSink) ConsiderCut(x, u, spotter);
        if (_current is not null) ConsiderCut(_current, u, spotter);
        if (!FlushRequested) ResolveCuts(now);
        _waiting[(int)u.Priority].Add(u);
    }

    private void ConsiderCut(Utterance x, Utterance newcomer, bool spotter)
    {
        if (x.CutBy != PlaybackOutcome.Queued) return;
        if (spotter && x.Kind == UtteranceKind.Spotter) x.CutBy = PlaybackOutcome.Superseded;
        else if (newcomer.Priority > x.Priority) x.CutBy = PlaybackOutcome.Interrupted;
        else return;
        _cut.Add(x);
        if (x == _current)
        {
            _current = null;
            _starvedSince = 0;
        }
        if (x.BlocksInSink > 0) FlushRequested = true;
    }

    /// <summary>True when a block's utterance is being cut (its queued blocks must not be heard).</summary>
    public static bool IsCut(in QueuedBlock b) => b.Utterance is { CutBy: not PlaybackOutcome.Queued };

    /// <summary>The sink dropped this queued block of a cut utterance before it was heard.</summary>
    public void OnDiscarded(in QueuedBlock b)
    {
        Utterance u = b.Utterance!;
        if (--u.BlocksInSink == 0) _inSink.Remove(u);
        if (b.First)
        {
            u.Started = false;
            u.FirstSampleAt = 0;
        }
        if (b.Resumed) u.Resuming = true;
        if (b.Cursor < u.Cursor) u.Cursor = b.Cursor;
        u.FillDone = false;
    }

    /// <summary>Settles every cut utterance once its discarded blocks are accounted for.</summary>
    public void ResolveCuts(long now)
    {
        FlushRequested = false;
        foreach (Utterance u in _cut)
        {
            PlaybackOutcome by = u.CutBy;
            u.CutBy = PlaybackOutcome.Queued;
            if (by == PlaybackOutcome.Superseded)
            {
                Finish(u, PlaybackOutcome.Superseded, now);
            }
            else if (!u.Started)
            {
                // Nothing of it was heard: it simply has not started yet. Back to the front of its queue.
                u.Cursor = 0;
                u.Taken = false;
                u.Resuming = false;
                u.FillDone = false;
                u.SetOutcome(PlaybackOutcome.Queued);
                _waiting[(int)u.Priority].Insert(0, u);
            }
            else if (u.IsResumable)
            {
                u.SetOutcome(PlaybackOutcome.Paused);
                Write(u, PlaybackOutcome.Paused);
                _waiting[(int)u.Priority].Insert(0, u);
            }
            else
            {
                Finish(u, PlaybackOutcome.Interrupted, now);
            }
        }
        _cut.Clear();
    }

    /// <summary>A queued block was heard to its end.</summary>
    public void OnPlayed(in QueuedBlock b, long now)
    {
        Utterance? u = b.Utterance;
        if (u is null) return;
        if (--u.BlocksInSink == 0) _inSink.Remove(u);
        if (b.First || b.Resumed)
        {
            if (!u.Outcome.IsFinal()) u.SetOutcome(PlaybackOutcome.Started);
            Write(u, PlaybackOutcome.Started);
        }
        if (u.FillDone && u.BlocksInSink == 0 && !u.Outcome.IsFinal()) Finish(u, u.Stalled ? PlaybackOutcome.Dropped : PlaybackOutcome.Played, now);
    }

    /// <summary>
    /// Fills the next block. <paramref name="hearAt"/> is when its first sample will be heard; <paramref name="starving"/>
    /// is true when the sink has nothing queued (a partial block is then better than a gap). False: nothing to play yet.
    /// </summary>
    public bool TryFill(Span<float> block, long hearAt, bool starving, out QueuedBlock info)
    {
        info = default;
        while (true)
        {
            if (_current is null && !TryTakeNext(hearAt)) return false;
            Utterance u = _current!;
            int n;
            bool ended = false;
            if (u.Cursor < 0)
            {
                n = _blockSamples;
                _beep.AsSpan(_beep.Length + (int)u.Cursor, n).CopyTo(_scratch);
            }
            else
            {
                n = u.Read(u.Cursor, _sampleRate, _scratch, out ended);
                if (n == 0)
                {
                    if (!ended)
                    {
                        // The speech stage is still synthesising.
                        if (_starvedSince == 0) _starvedSince = hearAt;
                        return false;
                    }
                    EndFill(u, hearAt);
                    continue;
                }
                _starvedSince = 0;
                if (n < _blockSamples && !ended && !starving) return false; // wait for a whole block
            }
            for (int i = 0; i < n; i++) block[i] = _scratch[i] * _gain;
            block[n..].Clear();
            info = new QueuedBlock(u, u.Cursor, n, First: !u.Started, Resumed: u.Resuming && u.Started);
            u.Resuming = false;
            if (!u.Started)
            {
                u.Started = true;
                u.FirstSampleAt = hearAt;
            }
            u.Cursor += n;
            if (u.BlocksInSink++ == 0) _inSink.Add(u);
            if (ended) EndFill(u, hearAt);
            return true;
        }
    }

    private void EndFill(Utterance u, long at)
    {
        u.FillDone = true;
        _current = null;
        _starvedSince = 0;
        if (u.BlocksInSink == 0) Finish(u, u.Started && !u.Stalled ? PlaybackOutcome.Played : PlaybackOutcome.Dropped, at);
    }

    /// <summary>When the current utterance started waiting for audio that has not come (0: it is not waiting).</summary>
    public long StarvedSince => _starvedSince;

    /// <summary>
    /// Gives up on the current utterance's missing audio (the producer stalled or died without Complete): what was
    /// queued still plays, then it ends Dropped, and everything behind it can go.
    /// </summary>
    public void AbandonStarved(long now)
    {
        if (_current is not { } u) return;
        u.Stalled = true;
        EndFill(u, now);
    }

    private bool TryTakeNext(long hearAt)
    {
        for (int p = _waiting.Length - 1; p >= 0; p--)
        {
            List<Utterance> list = _waiting[p];
            while (list.Count > 0)
            {
                Utterance u = list[0];
                list.RemoveAt(0);
                if (hearAt > u.ExpiresAt)
                {
                    Finish(u, PlaybackOutcome.Expired, hearAt);
                    continue;
                }
                if (!u.Started && u.StillTrue is { } stillTrue && !stillTrue())
                {
                    // It waited behind others and its facts no longer hold: better unsaid than said wrong.
                    Finish(u, PlaybackOutcome.Stale, hearAt);
                    continue;
                }
                if (u.Outcome == PlaybackOutcome.Paused)
                {
                    // Resuming where it was cut, without a second beep.
                    u.Resuming = true;
                    u.SetOutcome(PlaybackOutcome.Started);
                }
                else if (!u.Taken)
                {
                    u.Cursor = -_beep.Length;
                }
                u.Taken = true;
                _current = u;
                _starvedSince = 0;
                return true;
            }
        }
        return false;
    }

    /// <summary>Everything not yet final is dropped (the stage is stopping).</summary>
    public void DropAll(long now)
    {
        _cut.Clear();
        if (_current is not null && !_current.Outcome.IsFinal()) Finish(_current, PlaybackOutcome.Dropped, now);
        _current = null;
        foreach (Utterance u in _inSink) if (!u.Outcome.IsFinal()) Finish(u, PlaybackOutcome.Dropped, now);
        _inSink.Clear();
        foreach (var list in _waiting)
        {
            foreach (Utterance u in list) if (!u.Outcome.IsFinal()) Finish(u, PlaybackOutcome.Dropped, now);
            list.Clear();
        }
    }

    private void Finish(Utterance u, PlaybackOutcome outcome, long at)
    {
        u.SetOutcome(outcome);
        u.EndedAt = at;
        Write(u, outcome);
    }

    private void Write(Utterance u, PlaybackOutcome outcome) =>
        _records.TryWrite(new PlaybackRecord(u.Id, outcome, u.Priority, u.Kind, u.Text, u.RaisedAt, u.QueuedAt,
            u.FirstSampleAt, outcome.IsFinal() ? u.EndedAt : 0, Math.Max(0, u.Cursor)));
}
