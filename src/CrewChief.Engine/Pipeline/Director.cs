using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using CrewChief.Callouts;
using CrewChief.Events;
using CrewChief.Llm;
using CrewChief.Logging;
using CrewChief.Playback;
using CrewChief.Radio;
using CrewChief.Speech;
using CrewChief.Telemetry;

namespace CrewChief.Pipeline;

/// <summary>
/// Decides what is said and how: takes events (urgent lane first), drops the expired, composes the deterministic
/// callout, and sends it to speech — from the phrase cache at once when it is a fixed phrase, through the LLM for
/// routine calls when one is loaded, else straight to the synthesiser. Urgent calls never wait for the LLM and
/// cancel a generation in flight. Its threads: the director, the audio pump (speech → playback) and the record
/// pump (playback outcomes → latency and the session log).
/// </summary>
public sealed class Director : IDisposable
{
    private static readonly double s_msPerTick = 1000.0 / Stopwatch.Frequency;

    private readonly EventRouter _router;
    private readonly CalloutComposer _composer = new();
    private readonly DashboardState _dashboard;
    private readonly LatencyStats _stats;
    private readonly SessionLog? _log;
    private readonly ITranscriptTap? _transcriptTap;
    private readonly TextWriter? _transcript;
    private readonly Units _units;
    private readonly ISpeechOutput? _speech;
    private readonly PlaybackStage? _playback;
    private readonly LlmWorker? _llm;
    private readonly IRadioGate? _radioGate;
    private readonly ConcurrentDictionary<long, PendingCallout> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly Thread _audioPump;
    private readonly Thread? _recordPump;
    private volatile SessionInfo? _session;
    private SessionInfo? _contextFor;
    private CalloutContext _context = new(CarInfo.Unknown(""), TrackInfo.Unknown("", false));
    private long _nextId;
    private long _handled;
    private bool _playbackLost;

    public Director(EventRouter router, DashboardState dashboard, LatencyStats stats, DirectorOutputs outputs)
    {
        _router = router;
        _dashboard = dashboard;
        _stats = stats;
        _log = outputs.Log;
        _transcriptTap = outputs.TranscriptTap;
        _transcript = outputs.Transcript;
        _units = outputs.Units;
        _speech = outputs.Speech;
        _playback = outputs.Speech is null ? null : outputs.Playback;
        _radioGate = outputs.RadioGate;
        if (outputs.Llm is not null && _playback is not null) _llm = new LlmWorker(outputs.Llm, this);
        _thread = new Thread(Run) { Name = "crewchief-director", IsBackground = true, Priority = ThreadPriority.AboveNormal };
        _audioPump = new Thread(PumpAudio) { Name = "crewchief-audio-pump", IsBackground = true, Priority = ThreadPriority.AboveNormal };
        if (_playback is not null) _recordPump = new Thread(PumpRecords) { Name = "crewchief-records", IsBackground = true };
    }

    /// <summary>Events handled so far (spoken, printed or dropped as expired).</summary>
    public long Handled => Interlocked.Read(ref _handled);

    /// <summary>Callouts not yet finished with (queued, synthesising or playing).</summary>
    public int InFlight => _pending.Count;

    public void Start()
    {
        _thread.Start();
        _audioPump.Start();
        _recordPump?.Start();
    }

    /// <summary>Tick thread: the session YAML changed; the context is rebuilt on the director thread.</summary>
    public void OnSessionInfo(SessionInfo info) => _session = info;

    private void Run()
    {
        var token = _stop.Token;
        while (_router.TryTake(out var e, token))
        {
            try
            {
                Handle(e);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad callout must not silence the engineer for the rest of the race.
                Console.Error.WriteLine($"crewchief: callout for {e.Kind} failed ({ex.GetType().Name}: {ex.Message}).");
            }
            Interlocked.Increment(ref _handled);
        }
    }

    private CalloutContext Context()
    {
        var info = _session;
        if (info is not null && !ReferenceEquals(info, _contextFor))
        {
            _context = CalloutContext.FromSession(info, _units);
            _contextFor = info;
        }
        _context.PlayerPosition = _dashboard.Position;
        _context.LapDistPct = _dashboard.LapPct;
        return _context;
    }

    private void Handle(in RaceEvent e)
    {
        long dequeued = Stopwatch.GetTimestamp();
        var record = new UtteranceRecord
        {
            SessionTime = e.SessionTime, Kind = e.Kind, Priority = e.Priority, Text = "", Source = "composer",
        };
        if (e.IsExpired(dequeued))
        {
            record.Outcome = "expired";
            Recorded(record);
            return;
        }
        if (_radioGate is not null && _radioGate.Admit(e) is var gate && gate != RadioGateDecision.Speak)
        {
            // The driver is talking, asked for quiet, or is in a corner: the gate keeps or drops it (two-way radio).
            if (gate == RadioGateDecision.Hold) _radioGate.Hold(e);
            record.Outcome = gate == RadioGateDecision.Hold ? "held" : "muted";
            _log?.TryWriteUtterance(record);
            return;
        }
        if (EventRouter.IsUrgent(e.Priority)) _llm?.CancelInFlight();

        var ctx = Context();
        Callout callout = _composer.Compose(e, ctx);
        _radioGate?.Said(callout.Text);
        long composed = Stopwatch.GetTimestamp();
        record = new UtteranceRecord
        {
            SessionTime = e.SessionTime, Kind = e.Kind, Priority = e.Priority, Text = callout.Text, Source = "composer",
            GuardVerdict = "grounded",
        };
        _stats.RecordStage("queue", (dequeued - e.RaisedAt) * s_msPerTick);
        _stats.RecordStage("compose", (composed - dequeued) * s_msPerTick);
        record.StageMs.Add(new("queue", (dequeued - e.RaisedAt) * s_msPerTick));
        record.StageMs.Add(new("compose", (composed - dequeued) * s_msPerTick));
        _transcript?.WriteLine($"[{Clock(e.SessionTime)}] {Label(e.Priority)}{callout.Text}");

        if (_playback?.Error is { } lost && !_playbackLost)
        {
            // The device went away (unplugged, driver reset): say it once and carry on as text.
            _playbackLost = true;
            Console.Error.WriteLine($"crewchief: audio output stopped ({lost.Message}); callouts are printed from now on.");
        }
        if (_speech is null || _playback is null || _playbackLost)
        {
            record.Outcome = "text-only";
            record.TotalMs = (composed - e.RaisedAt) * s_msPerTick;
            _stats.ForPriority(e.Priority).Record(record.TotalMs);
            _dashboard.AddCallout(callout.Text);
            Recorded(record);
            return;
        }

        long id = Interlocked.Increment(ref _nextId);
        var utterance = new Utterance(e.Priority, KindOf(e), callout.Text, _speech.SampleRate, id: id)
        {
            RaisedAt = e.RaisedAt,
            ExpiresAt = e.RaisedAt + (long)(e.TimeToLive * Stopwatch.Frequency),
        };
        var pending = new PendingCallout(utterance, record, e.RaisedAt) { DequeuedAt = dequeued, ComposedAt = composed };
        _pending[id] = pending;

        if (_speech.TryGetCached(callout.Spoken, out short[]? pcm))
        {
            // Fixed phrases (spotter, box, flags) were synthesised at start-up: no synthesis latency at all.
            pending.SpeechQueuedAt = pending.FirstAudioAt = Stopwatch.GetTimestamp();
            pending.ProducerDone = true;
            record.StageMs.Add(new("tts", 0));
            utterance.Append(pcm);
            utterance.Complete();
            pending.Enqueued = true;
            _playback.Enqueue(utterance);
            return;
        }

        if (_llm is not null && e.Priority < Priority.Critical)
        {
            _llm.Submit(e, callout, pending, ctx);
            return;
        }

        pending.OpenRequests = 1;
        pending.ProducerDone = true;
        pending.SpeechQueuedAt = Stopwatch.GetTimestamp();
        if (!_speech.TryEnqueue(new SpeechRequest(id, callout.Spoken, e.Priority))) Finish(pending, "dropped");
    }

    /// <summary>
    /// Radio thread: speaks the engineer's answer to a driver's question, as a strategy-class utterance (it resumes
    /// when a spotter call cuts it). Returns false when there is no voice (text-only).
    /// </summary>
    public bool SpeakReply(string text, string spoken)
    {
        _transcript?.WriteLine($"radio: {text}");
        _dashboard.AddCallout("radio: " + text);
        if (_speech is null || _playback is null || _playbackLost) return false;
        long now = Stopwatch.GetTimestamp();
        long id = Interlocked.Increment(ref _nextId);
        var utterance = new Utterance(Priority.High, UtteranceKind.Strategy, text, _speech.SampleRate, id: id)
        {
            RaisedAt = now,
            ExpiresAt = now + 10 * Stopwatch.Frequency,
        };
        var record = new UtteranceRecord { SessionTime = double.NaN, Kind = EventKind.None, Priority = Priority.High, Text = text, Source = "radio", GuardVerdict = "grounded" };
        var pending = new PendingCallout(utterance, record, now) { DequeuedAt = now, ComposedAt = now, OpenRequests = 1, ProducerDone = true, SpeechQueuedAt = now };
        _pending[id] = pending;
        if (_speech.TryEnqueue(new SpeechRequest(id, spoken, Priority.High))) return true;
        Finish(pending, "dropped");
        return false;
    }

    /// <summary>LLM worker: one more clause (or the fallback draft) to speak for <paramref name="pending"/>.</summary>
    internal void SpeakPart(PendingCallout pending, string spoken)
    {
        Interlocked.Increment(ref pending.OpenRequests);
        if (pending.SpeechQueuedAt == 0) pending.SpeechQueuedAt = Stopwatch.GetTimestamp();
        if (!_speech!.TryEnqueue(new SpeechRequest(pending.Utterance.Id, spoken, pending.Utterance.Priority)))
            Interlocked.Decrement(ref pending.OpenRequests);
    }

    /// <summary>LLM worker: no more parts will come; the verdict and source go into the log.</summary>
    internal void EndParts(PendingCallout pending, string source, string verdict, string text, double llmMs)
    {
        pending.Record.Text = text;
        pending.Record.Source = source;
        pending.Record.GuardVerdict = verdict;
        pending.Record.StageMs.Add(new("llm", llmMs));
        _stats.RecordStage("llm", llmMs);
        pending.ProducerDone = true;
        if (Volatile.Read(ref pending.OpenRequests) == 0) CompleteOrDrop(pending);
    }

    private void PumpAudio()
    {
        if (_speech is null) return;
        var reader = _speech.Audio;
        try
        {
            while (reader.WaitToReadAsync(_stop.Token).AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var chunk))
                {
                    if (!_pending.TryGetValue(chunk.Utterance, out var p)) continue;
                    if (chunk.Samples.Length > 0)
                    {
                        p.Utterance.Append(chunk.Samples);
                        if (!p.Enqueued)
                        {
                            // Enqueued on its first audio, not before: a slow producer must never hold the queue.
                            p.FirstAudioAt = Stopwatch.GetTimestamp();
                            double tts = (p.FirstAudioAt - p.SpeechQueuedAt) * s_msPerTick;
                            _stats.RecordStage("tts", tts);
                            p.Record.StageMs.Add(new("tts", tts));
                            p.Enqueued = true;
                            _playback!.Enqueue(p.Utterance);
                        }
                    }
                    if (chunk.IsLast && Interlocked.Decrement(ref p.OpenRequests) <= 0 && p.ProducerDone) CompleteOrDrop(p);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ChannelClosedException)
        {
        }
    }

    private void CompleteOrDrop(PendingCallout p)
    {
        if (p.Enqueued) p.Utterance.Complete();
        else Finish(p, "dropped");
    }

    private void PumpRecords()
    {
        var reader = _playback!.Records;
        try
        {
            while (reader.WaitToReadAsync(_stop.Token).AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var r))
                {
                    if (!_pending.TryGetValue(r.Id, out var p)) continue;
                    if (r.Outcome == PlaybackOutcome.Started && r.FirstSampleAt != 0 && double.IsNaN(p.Record.TotalMs))
                    {
                        double total = (r.FirstSampleAt - p.RaisedAt) * s_msPerTick;
                        double play = (r.FirstSampleAt - p.FirstAudioAt) * s_msPerTick;
                        p.Record.TotalMs = total;
                        p.Record.StageMs.Add(new("playback", play));
                        _stats.RecordStage("playback", play);
                        _stats.ForPriority(p.Utterance.Priority).Record(total);
                        _dashboard.AddCallout($"{p.Record.Text}  ({total:0} ms)");
                    }
                    if (r.Outcome.IsFinal()) Finish(p, r.Outcome.ToString().ToLowerInvariant());
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ChannelClosedException)
        {
        }
    }

    private void Finish(PendingCallout p, string outcome)
    {
        if (!_pending.TryRemove(p.Utterance.Id, out _)) return;
        p.Record.Outcome = outcome;
        Recorded(p.Record);
    }

    /// <summary>An utterance is final: the session log and the transcript tap (live race page) get it.</summary>
    private void Recorded(UtteranceRecord record)
    {
        _log?.TryWriteUtterance(record);
        _transcriptTap?.OnUtterance(record);
    }

    /// <summary>Waits until nothing is being said or queued, or the timeout passes (replay/demo ends, tests).</summary>
    public bool WaitIdle(TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            // Every posted event is either handled or was dropped by a full lane, and nothing is still being said.
            if (_pending.IsEmpty && Handled + _router.Dropped >= _router.Posted) return true;
            Thread.Sleep(20);
        }
        return false;
    }

    private static UtteranceKind KindOf(in RaceEvent e) => e.Priority switch
    {
        Priority.Spotter => UtteranceKind.Spotter,
        Priority.Critical => UtteranceKind.Critical,
        // Strategy calls carry numbers the driver needs in full: when cut, they resume rather than vanish.
        Priority.High when e.Kind is EventKind.FuelWarning or EventKind.PitWindowOpen or EventKind.FuelSaveTarget
            or EventKind.TyreWearWarning or EventKind.RejoinEstimate => UtteranceKind.Strategy,
        _ => UtteranceKind.Routine,
    };

    private static string Label(Priority p) => p switch
    {
        Priority.Spotter => "spotter: ",
        Priority.Critical => "CRITICAL: ",
        _ => "",
    };

    private static string Clock(double sessionTime)
    {
        if (!double.IsFinite(sessionTime) || sessionTime < 0) sessionTime = 0;
        int m = (int)(sessionTime / 60);
        return string.Create(CultureInfo.InvariantCulture, $"{m:00}:{sessionTime - m * 60:00.0}");
    }

    public void Dispose()
    {
        _stop.Cancel();
        _llm?.Dispose();
        foreach (var t in (ReadOnlySpan<Thread?>)[_thread, _audioPump, _recordPump])
            if (t is not null && t.IsAlive) t.Join(2000);
        foreach (var p in _pending.Values) Finish(p, "dropped");
        _stop.Dispose();
    }
}

/// <summary>Where the director's work goes; every part is optional (text-only, template-only, no log).</summary>
public sealed class DirectorOutputs
{
    public ISpeechOutput? Speech { get; init; }
    public PlaybackStage? Playback { get; init; }
    public LlmCalloutWriter? Llm { get; init; }
    public SessionLog? Log { get; init; }
    /// <summary>Every final utterance (played, dropped, expired, text-only), e.g. for the live race page.</summary>
    public ITranscriptTap? TranscriptTap { get; init; }
    /// <summary>Each callout as a line, when the console view is not drawing them.</summary>
    public TextWriter? Transcript { get; init; }
    public Units Units { get; init; }
    /// <summary>The two-way radio's say on each callout (hold while the driver talks, quiet, spotter off); null: always speak.</summary>
    public IRadioGate? RadioGate { get; init; }
}
