using System.Threading.Channels;
using CrewChief.Events;

namespace CrewChief.Playback;

/// <summary>
/// Decides what is heard: priority preemption, FIFO within a priority, expiry, spotter supersession, resume of
/// strategy messages. Knows nothing of devices: it fills blocks and is told when queued blocks were heard or
/// discarded. Playback thread only; every sink shares it, which is what makes the WAV match the device.
/// </summary>
internal sealed class PlaybackScheduler
{
    private readonly int _sampleRate;
    private readonly int _blockSamples;
    private readonly float _gain;
    /// <summary>The radio beep plus its gap, padded to whole blocks so no block mixes beep and voice.</summary>
    private readonly float[] _beep;
    private readonly ChannelWriter<PlaybackRecord> _records;
    /// <summary>Waiting utterances per priority (index = priority), oldest first; paused ones go back to the front.</summary>
    private readonly List<Utterance>[] _waiting;
    /// <summary>Utterances cut since the last flush whose final record waits until their blocks are accounted for.</summary>
    private readonly List<Utterance> _cut = [];
    private readonly float[] _scratch;
    /// <summary>The utterance being filled into blocks; null between utterances.</summary>
    private Utterance? _current;

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

    /// <summary>True when queued blocks must be discarded at once (a cut); the stage flushes the sink, then calls <see cref="OnFlushed"/>.</summary>
    public bool FlushRequested { get; private set; }

    /// <summary>True while anything is playing or waiting.</summary>
    public bool HasWork
    {
        get
        {
            if (_current is not null) return true;
            foreach (var list in _waiting) if (list.Count > 0) return true;
            return false;
        }
    }

    public void Add(Utterance u, long now)
    {
        Write(u, PlaybackOutcome.Queued);
        if (now > u.ExpiresAt)
        {
            // Stale on arrival: it must not cut anything on its way to being dropped.
            Finish(u, PlaybackOutcome.Expired, now);
            return;
        }
        if (u.Kind == UtteranceKind.Spotter)
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
            if (_current is { Kind: UtteranceKind.Spotter }) Cut(PlaybackOutcome.Superseded, now);
        }
        if (_current is not null && u.Priority > _current.Priority)
        {
            Cut(_current.IsResumable ? PlaybackOutcome.Paused : PlaybackOutcome.Interrupted, now);
        }
        _waiting[(int)u.Priority].Add(u);
    }

    /// <summary>Stops filling the current utterance; its queued blocks are flushed so the cut is heard at once.</summary>
    private void Cut(PlaybackOutcome outcome, long now)
    {
        Utterance u = _current!;
        _current = null;
        u.SetOutcome(outcome);
        u.EndedAt = outcome == PlaybackOutcome.Paused ? 0 : now;
        if (outcome == PlaybackOutcome.Paused) _waiting[(int)u.Priority].Insert(0, u);
        if (u.BlocksInSink > 0)
        {
            FlushRequested = true;
            _cut.Add(u);
        }
        else
        {
            Write(u, outcome);
        }
    }

    /// <summary>The sink discarded these blocks (oldest first): rewind what was cut, forget starts never heard.</summary>
    public void OnFlushed(ReadOnlySpan<QueuedBlock> discarded, long now)
    {
        FlushRequested = false;
        foreach (QueuedBlock b in discarded)
        {
            Utterance? u = b.Utterance;
            if (u is null) continue;
            u.BlocksInSink--;
            if (b.First)
            {
                u.Started = false;
                u.FirstSampleAt = 0;
            }
            if (u.Outcome == PlaybackOutcome.Paused && b.Cursor < u.Cursor) u.Cursor = b.Cursor;
            // Fully filled but its tail was still queued behind the cut: it ends here.
            if (u.FillDone && u.BlocksInSink == 0 && !u.Outcome.IsFinal() && u.Outcome != PlaybackOutcome.Paused)
                Finish(u, u.Started ? PlaybackOutcome.Played : PlaybackOutcome.Dropped, now);
        }
        foreach (Utterance u in _cut) Write(u, u.Outcome);
        _cut.Clear();
    }

    /// <summary>A queued block was heard to its end.</summary>
    public void OnPlayed(in QueuedBlock b, long now)
    {
        Utterance? u = b.Utterance;
        if (u is null) return;
        u.BlocksInSink--;
        if (u.FillDone && u.BlocksInSink == 0 && !u.Outcome.IsFinal()) Finish(u, PlaybackOutcome.Played, now);
    }

    /// <summary>
    /// Fills the next block. <paramref name="hearAt"/> is when its first sample will be heard; <paramref name="starving"/>
    /// is true when the sink has nothing queued (a partial block is then better than a gap). False: nothing to play yet.
    /// </summary>
    public bool TryFill(Span<short> block, long hearAt, bool starving, out QueuedBlock info)
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
                    if (!ended) return false; // the speech stage is still synthesising
                    EndFill(u, hearAt);
                    continue;
                }
                if (n < _blockSamples && !ended && !starving) return false; // wait for a whole block
            }
            for (int i = 0; i < n; i++) block[i] = (short)Math.Clamp(_scratch[i] * _gain * 32767f, -32768f, 32767f);
            block[n..].Clear();
            info = new QueuedBlock(u, u.Cursor, n, First: !u.Started);
            if (!u.Started)
            {
                u.Started = true;
                if (u.FirstSampleAt == 0) u.FirstSampleAt = hearAt;
                u.SetOutcome(PlaybackOutcome.Started);
                Write(u, PlaybackOutcome.Started);
            }
            u.Cursor += n;
            u.BlocksInSink++;
            if (ended) EndFill(u, hearAt);
            return true;
        }
    }

    private void EndFill(Utterance u, long at)
    {
        u.FillDone = true;
        _current = null;
        if (u.BlocksInSink == 0) Finish(u, u.Started ? PlaybackOutcome.Played : PlaybackOutcome.Dropped, at);
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
                if (u.Outcome == PlaybackOutcome.Paused)
                {
                    // Resuming: no beep; the Started record says where it picks up (TryFill writes it when
                    // none of it was ever heard).
                    u.Started = u.FirstSampleAt != 0;
                    u.SetOutcome(PlaybackOutcome.Started);
                    if (u.Started) Write(u, PlaybackOutcome.Started);
                }
                else
                {
                    u.Cursor = -_beep.Length;
                }
                _current = u;
                return true;
            }
        }
        return false;
    }

    /// <summary>Everything not yet final is dropped (the stage is stopping).</summary>
    public void DropAll(long now)
    {
        if (_current is not null && !_current.Outcome.IsFinal()) Finish(_current, PlaybackOutcome.Dropped, now);
        _current = null;
        foreach (var list in _waiting)
        {
            foreach (Utterance u in list) if (!u.Outcome.IsFinal()) Finish(u, PlaybackOutcome.Dropped, now);
            list.Clear();
        }
        foreach (Utterance u in _cut) Write(u, u.Outcome);
        _cut.Clear();
    }

    private void Finish(Utterance u, PlaybackOutcome outcome, long at)
    {
        u.SetOutcome(outcome);
        u.EndedAt = at;
        Write(u, outcome);
    }

    private void Write(Utterance u, PlaybackOutcome outcome)
    {
        _records.TryWrite(new PlaybackRecord(u.Id, outcome, u.Priority, u.Kind, u.Text, u.RaisedAt, u.QueuedAt,
            u.FirstSampleAt, outcome.IsFinal() ? u.EndedAt : 0, Math.Max(0, u.Cursor)));
    }
}
