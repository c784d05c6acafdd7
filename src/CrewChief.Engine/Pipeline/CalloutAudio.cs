using System.Diagnostics;
using CrewChief.Logging;
using CrewChief.Playback;
using CrewChief.Speech;

namespace CrewChief.Pipeline;

/// <summary>
/// One callout between the director and its first sample. It is the target of its own speech requests, so the
/// speech thread appends straight into its playback <see cref="Utterance"/> and hands that to playback on the first
/// audio (a slow producer never holds the playback queue); an LLM rewrite speaks into it clause by clause. When the
/// last request ends and no more will come, the utterance is completed, or the callout is dropped when none of it
/// made a sound. Its log record and timings belong to the <see cref="CalloutLedger"/>.
/// </summary>
internal sealed class CalloutAudio(Utterance utterance, UtteranceRecord record, long raisedAt,
    ISpeechOutput speech, PlaybackStage playback, CalloutLedger ledger) : IAudioTarget, ICalloutVoice
{
    private readonly Lock _gate = new();
    /// <summary>Speech requests whose last chunk has not come back yet (an LLM answer is several). Guarded by <see cref="_gate"/>.</summary>
    private int _openRequests;
    /// <summary>No more speech requests will be made for it. Guarded by <see cref="_gate"/>.</summary>
    private bool _producerDone;
    private bool _enqueued;
    private bool _closed;

    public Utterance Utterance { get; } = utterance;
    public UtteranceRecord Record { get; } = record;
    public long RaisedAt { get; } = raisedAt;
    public long Id => Utterance.Id;
    public long SpeechQueuedAt { get; private set; }
    public long FirstAudioAt { get; private set; }

    /// <summary>Its utterance is in playback already (its first audio came): later parts must not wait for room there.</summary>
    public bool IsEnqueued
    {
        get { lock (_gate) return _enqueued; }
    }

    /// <summary>A phrase synthesised at start-up (spotter, box, flags): straight to playback, no synthesis at all.</summary>
    public void PlayCached(float[] samples)
    {
        lock (_gate)
        {
            SpeechQueuedAt = FirstAudioAt = Stopwatch.GetTimestamp();
            _producerDone = _enqueued = _closed = true;
        }
        Record.StageMs.Add(new("tts", 0));
        Utterance.Append(samples);
        Utterance.Complete();
        playback.Enqueue(Utterance);
    }

    /// <summary>The whole callout in one speech request (the deterministic path).</summary>
    public void SpeakWhole(string spoken)
    {
        lock (_gate) _producerDone = true;
        Speak(spoken);
    }

    /// <summary>One more part to speak (an LLM clause, or the whole draft); its audio comes back to <see cref="Write"/>.</summary>
    public void Speak(string spoken)
    {
        lock (_gate)
        {
            _openRequests++;
            if (SpeechQueuedAt == 0) SpeechQueuedAt = Stopwatch.GetTimestamp();
        }
        if (!speech.TryEnqueue(new SpeechRequest(Id, spoken, Utterance.Priority, this))) EndRequest();
    }

    /// <summary>The rewrite is over: no more parts; what was said and by whom goes into the record.</summary>
    public void Done(string source, string verdict, string text, double llmMs, string? problem = null)
    {
        ledger.Rewritten(this, source, verdict, text, llmMs, problem);
        bool finish;
        lock (_gate)
        {
            _producerDone = true;
            finish = _openRequests == 0;
        }
        if (finish) CompleteOrDrop();
    }

    /// <summary>Speech thread: audio for one of its requests.</summary>
    public void Write(in AudioChunk chunk) => WriteLent(chunk.Samples, chunk);

    /// <summary>Speech thread: audio for one of its requests, copied straight into the utterance's pooled buffer.</summary>
    public void WriteLent(ReadOnlySpan<float> samples, in AudioChunk chunk)
    {
        bool first = false;
        lock (_gate)
        {
            if (_closed) return;
            if (samples.Length > 0)
            {
                Utterance.Append(samples);
                if (!_enqueued)
                {
                    _enqueued = first = true;
                    FirstAudioAt = Stopwatch.GetTimestamp();
                }
            }
        }
        if (first)
        {
            ledger.FirstAudio(this);
            playback.Enqueue(Utterance);
        }
        if (chunk.IsLast) EndRequest();
    }

    private void EndRequest()
    {
        bool finish;
        lock (_gate) finish = --_openRequests <= 0 && _producerDone;
        if (finish) CompleteOrDrop();
    }

    private void CompleteOrDrop()
    {
        bool enqueued;
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            enqueued = _enqueued;
        }
        // Playback's own record finishes an enqueued callout in the ledger; one that never sounded ends here.
        if (enqueued) Utterance.Complete();
        else
        {
            // Never handed to playback, so playback will never give it an outcome: it ends here (and leaves the
            // soak's census of unfinished utterances).
            Utterance.SetOutcome(PlaybackOutcome.Dropped);
            ledger.Finish(this, "dropped");
        }
    }
}
