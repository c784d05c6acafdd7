using System.Diagnostics;
using CrewChief.Callouts;
using CrewChief.Events;
using CrewChief.Logging;
using CrewChief.Playback;
using CrewChief.Radio;
using CrewChief.Telemetry;

namespace CrewChief.Pipeline;

/// <summary>
/// Decides what is said and routes it, on its own thread: takes events (urgent lane first), drops the expired and
/// those the newest state no longer bears out (<see cref="StillTrue"/>), composes the deterministic callout, and
/// sends it on — from the phrase cache at once when it is a fixed phrase, through the LLM rewriter for routine
/// calls when there is one, else straight to speech, whose audio goes to playback by itself. Urgent calls never
/// wait for the LLM and cancel a generation in flight. The books (timings, outcomes, the log) are the ledger's.
/// </summary>
public sealed class Director : IDisposable
{
    private readonly EventRouter _router;
    private readonly LatestPlayerState _player;
    private readonly CalloutLedger _ledger;
    private readonly CalloutComposer _composer = new();
    private readonly Units _units;
    private readonly ISpeechOutput? _speech;
    private readonly PlaybackStage? _playback;
    private readonly ICalloutRewriter? _rewriter;
    private readonly IRadioGate? _radioGate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private volatile SessionInfo? _session;
    private SessionInfo? _contextFor;
    private CalloutContext _context = new(CarInfo.Unknown(""), TrackInfo.Unknown("", false));
    private long _handled;
    private bool _playbackLost;

    public Director(EventRouter router, LatestPlayerState player, CalloutLedger ledger, DirectorOutputs outputs)
    {
        _router = router;
        _player = player;
        _ledger = ledger;
        _units = outputs.Units;
        _speech = outputs.Playback is null ? null : outputs.Speech;
        _playback = _speech is null ? null : outputs.Playback;
        _rewriter = _speech is null ? null : outputs.Rewriter;
        _radioGate = outputs.RadioGate;
        _thread = new Thread(Run) { Name = "crewchief-director", IsBackground = true, Priority = ThreadPriority.AboveNormal };
    }

    /// <summary>Events handled so far (spoken, printed or dropped as expired or stale).</summary>
    public long Handled => Interlocked.Read(ref _handled);

    public void Start() => _thread.Start();

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

    private void Handle(RaceEvent e)
    {
        long dequeued = Stopwatch.GetTimestamp();
        if (e.IsExpired(dequeued))
        {
            _ledger.Skipped(e, "expired");
            return;
        }
        PlayerState now = _player.Read();
        if (StillTrue.Check(ref e, now) == StillTrueVerdict.Stale)
        {
            _ledger.Skipped(e, "stale");
            return;
        }
        if (_radioGate is not null && _radioGate.Admit(e) is var gate && gate != RadioGateDecision.Speak)
        {
            // The driver is talking, asked for quiet, or is in a corner: the gate keeps or drops it (two-way radio).
            if (gate == RadioGateDecision.Hold) _radioGate.Hold(e);
            _ledger.Skipped(e, gate == RadioGateDecision.Hold ? "held" : "muted");
            return;
        }
        if (EventRouter.IsUrgent(e.Priority)) _rewriter?.CancelInFlight();

        CalloutContext ctx = Context(now);
        Callout callout = _composer.Compose(e, ctx);
        _radioGate?.Said(callout.Text);
        _radioGate?.Said(callout.Text);
        long composed = Stopwatch.GetTimestamp();
        var record = _ledger.Composed(e, callout.Text, dequeued, composed);

        if (_playback?.Error is { } lost && !_playbackLost)
        {
            // The device went away (unplugged, driver reset): say it once and carry on as text.
            _playbackLost = true;
            Console.Error.WriteLine($"crewchief: audio output stopped ({lost.Message}); callouts are printed from now on.");
        }
        if (_speech is null || _playback is null || _playbackLost)
        {
            _ledger.TextOnly(record, e.RaisedAt, composed);
            return;
        }

        // A cached phrase's length is known: the utterance's list of audio segments is sized for it (see Utterance.EstimatedSamples).
        bool cached = _speech.TryGetCached(callout.Spoken, out float[]? samples);
        var utterance = new Utterance(e.Priority, EventCatalog.Delivery(e.Kind, e.Priority), callout.Text, _speech.SampleRate, cached ? samples!.Length : 0)
        {
            RaisedAt = e.RaisedAt,
            ExpiresAt = e.ExpiresAt,
            // Checked again when playback's turn for it comes: routine calls can wait seconds behind others there.
            StillTrue = StillTrue.Probe(e, _player),
        };
        var audio = new CalloutAudio(utterance, record, e.RaisedAt, _speech, _playback, _ledger);
        _ledger.Open(audio);
        if (cached) audio.PlayCached(samples!);
        else if (_rewriter is not null && e.Priority < Priority.Critical) _rewriter.Submit(e, callout, GroundingFacts.From(e, ctx), audio);
        else audio.SpeakWhole(callout.Spoken);
    }

    /// <summary>
    /// Radio thread: speaks the engineer's answer to a driver's question, as a strategy-class utterance (it resumes
    /// when a spotter call cuts it). Returns false when there is no voice (text-only).
    /// </summary>
    public bool SpeakReply(string text, string spoken)
    {
        UtteranceRecord record = _ledger.Reply(text);
        if (_speech is null || _playback is null || _playbackLost)
        {
            _ledger.Finished(record, "text-only");
            return false;
        }
        long now = Stopwatch.GetTimestamp();
        var utterance = new Utterance(Priority.High, UtteranceKind.Strategy, text, _speech.SampleRate)
        {
            RaisedAt = now,
            ExpiresAt = now + 10 * Stopwatch.Frequency,
        };
        var audio = new CalloutAudio(utterance, record, now, _speech, _playback, _ledger);
        _ledger.Open(audio);
        audio.SpeakWhole(spoken);
        return true;
    }

    private CalloutContext Context(in PlayerState now)
    {
        var info = _session;
        if (info is not null && !ReferenceEquals(info, _contextFor))
        {
            _context = CalloutContext.FromSession(info, _units);
            _contextFor = info;
        }
        _context.PlayerPosition = now.Position;
        _context.LapDistPct = now.LapDistPct;
        return _context;
    }

    /// <summary>Waits until nothing is being said or queued, or the timeout passes (replay/demo ends, tests).</summary>
    public bool WaitIdle(TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            // Every posted event is either handled or was dropped by a full lane, and nothing is still being said.
            // Handled is read first: a callout is opened in the ledger before its event counts as handled, so the
            // other order could see an empty ledger, then the count of a callout opened in between.
            long handled = Handled + _router.Dropped;
            if (handled >= _router.Posted && _ledger.InFlight == 0) return true;
            Thread.Sleep(20);
        }
        return false;
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_thread.IsAlive) _thread.Join(2000);
        _stop.Dispose();
    }
}
