using CrewChief.Config;
using CrewChief.Dashboard;
using CrewChief.Events;
using CrewChief.History;
using CrewChief.Llm;
using CrewChief.Logging;
using CrewChief.Playback;
using CrewChief.Radio;
using CrewChief.Speech;
using CrewChief.Telemetry;

namespace CrewChief.Pipeline;

/// <summary>
/// The whole engine for one telemetry source, and its composition root: tick loop → director → (LLM rewriter) →
/// speech → playback, with the callout ledger, the session log and the console view as side taps. Each optional stage that cannot start says so in one line and the rest runs without
/// it (text-only, template-only, no log). Dispose stops the stages in pipeline order and flushes the log.
/// </summary>
public sealed class RaceEngine : IDisposable
{
    /// <summary>Callouts playback may hold (one playing, two waiting) before routine speech waits as text.</summary>
    private const int SpeechAhead = 3;
    private readonly ITelemetrySource _source;
    /// <summary>What the last session header was written for (track, car, session type, sessions in the YAML).</summary>
    private (string Track, string Car, string Session, int Sessions)? _headerFor;

    public DashboardState Dashboard { get; } = new();
    public LatencyStats Stats { get; } = new();
    public EventRouter Router { get; } = new();
    /// <summary>The player's state as of the newest tick: the tick publishes it, the director reads it.</summary>
    public LatestPlayerState Player { get; } = new();
    public RaceBrain Brain { get; }
    public TickLoop Tick { get; }
    public Director Director { get; }
    /// <summary>The books on every callout: timings, outcomes, the log's utterance records.</summary>
    public CalloutLedger Ledger { get; }
    public SessionLog? Log { get; }
    /// <summary>The session database's recorder (history.db); null when off or when the file cannot be used.</summary>
    public HistoryRecorder? History { get; }
    public SpeechOutput? Speech { get; }
    public PlaybackStage? Playback { get; }
    public LlmCalloutWriter? Llm { get; }
    private readonly LlmWorker? _rewriter;
    public ConsoleView? View { get; }
    /// <summary>The live race page (--dashboard), and the transcript it shows; null when off.</summary>
    public DashboardServer? DashboardServer { get; }
    public TranscriptFeed? TranscriptFeed { get; }
    /// <summary>The two-way radio (questions, push-to-talk, HTTP); null when [radio] enabled = false.</summary>
    public RadioHost? Radio { get; }
    /// <summary>One line per stage: what runs and what was left out, for the status output and `doctor`.</summary>
    public List<string> Status { get; } = [];
    /// <summary>Periodic background collection that keeps memory flat over a long race (started with the engine).</summary>
    private MemoryTrim? _trim;

    private RaceEngine(EngineConfig config, ITelemetrySource source, RaceEngineOptions options)
    {
        _source = source;
        Brain = new RaceBrain(new BrainOptions
        {
            Verbosity = config.Verbosity,
            FuelReserveLitres = config.FuelReserveLitres,
            SpotterClearDelaySeconds = config.SpotterClearDelayMs / 1000.0,
            SimSpeed = options.SimSpeed,
        });

        if (options.SessionLog)
        {
            try
            {
                Log = new SessionLog(config.LogDir, "session");
                Status.Add($"session log: {Log.Path}");
            }
            catch (InputException e)
            {
                Status.Add($"session log: off ({e.Message})");
            }
        }

        if (options.SessionLog && config.HistoryEnabled)
        {
            string dbPath = config.HistoryPath ?? Path.Combine(config.LogDir, "history.db");
            if (HistoryRecorder.TryOpen(dbPath, OnPriors, out var history, out string error))
            {
                History = history;
                Status.Add($"history: {dbPath}");
            }
            else Status.Add($"history: off ({error})");
        }

        bool speak = options.Speak && !config.TextOnly;
        if (speak)
        {
            var speechOptions = new SpeechOptions
            {
                VoicePath = config.VoicePath,
                UseGpu = config.TtsGpu,
                WarmPhraseCache = config.PhraseCache,
                ExtraPhrases = Callouts.Phrasebook.Default.FixedPhrases(EventCatalog.FixedPhraseKinds()),
            };
            bool ok = SpeechVoices.TryCreate(speechOptions, out ISpeechSynthesizer? synth, out string speechStatus);
            foreach (string line in speechStatus.Split('\n', StringSplitOptions.RemoveEmptyEntries)) Status.Add("speech: " + line.Trim());
            if (ok && synth is not null)
            {
                Playback = StartPlayback(config, options, synth.SampleRate);
                // Routine speech is synthesised only while playback holds fewer than SpeechAhead callouts: at 1× it
                // holds 0–2, and a replay at 24× raises callouts faster than they can be said, whose audio would
                // otherwise wait in playback (the soak's memory); a held callout is still checked before it plays. The
                // next clause of an LLM rewrite already playing is never held: it would wait on itself.
                if (Playback is PlaybackStage playback)
                    Speech = new SpeechOutput(synth, r => r.Target is not CalloutAudio { IsEnqueued: true } && playback.InPlayback >= SpeechAhead);
                else synth.Dispose();
            }
        }
        else
        {
            Status.Add("speech: text-only");
        }

        if (config.LlmEnabled && config.ModelPath is not null && Speech is not null)
        {
            var llmOptions = new LlmOptions
            {
                ModelPath = config.ModelPath,
                LoraPath = config.LoraPath,
                GpuLayers = config.GpuLayers,
                ContextSize = config.ContextSize,
                Threads = config.LlmThreads > 0 ? config.LlmThreads : Math.Clamp(Environment.ProcessorCount / 4, 1, 4),
                Deadline = TimeSpan.FromMilliseconds(config.LlmDeadlineMs),
                PrefixCacheFolder = Path.Combine(config.LogDir, ".llm-cache"),
            };
            if (LlmCalloutWriter.TryCreate(llmOptions, out var writer, out string error))
            {
                Llm = writer;
                Status.Add($"llm: {writer.Description}");
            }
            else Status.Add("llm: " + error);
        }
        else
        {
            Status.Add(config.ModelPath is null || !config.LlmEnabled ? "llm: off (deterministic callouts, always grounded)" : "llm: off (text-only)");
        }

        if (config.DashboardEnabled)
        {
            TranscriptFeed = new TranscriptFeed();
            var dashboardOptions = new DashboardOptions { Bind = config.DashboardBind, Port = config.DashboardPort };
            if (DashboardServer.TryStart(Dashboard, TranscriptFeed, dashboardOptions, out var server, out string error))
            {
                DashboardServer = server;
                Status.Add($"dashboard: {server!.Url} (overlay for OBS: {server.Url}overlay)");
            }
            else Status.Add($"dashboard: off ({error})");
        }
        if (config.RadioEnabled) Radio = new RadioHost(config, answer => Director!.SpeakReply(answer.Text, answer.Spoken), RadioClickOutput(), Status);

        if (Llm is not null) _rewriter = new LlmWorker(Llm);
        // Radio answers may be rephrased by the same worker and guard; the driver waits at most the LLM's deadline.
        if (Radio is not null && _rewriter is not null) Radio.Station.Rephraser = new RadioRephraser(_rewriter, TimeSpan.FromMilliseconds(config.LlmDeadlineMs));
        Ledger = new CalloutLedger(Stats, Dashboard, Log, Speech is null ? null : Playback, options.Transcript, TranscriptFeed);
        Director = new Director(Router, Player, Ledger, new DirectorOutputs
        {
            RadioGate = Radio?.Radio,
            Speech = Speech,
            Playback = Playback,
            Rewriter = _rewriter,
            Units = config.Units,
        });
        Tick = new TickLoop(source, Brain, Router, Player, Dashboard, Log);
        Tick.SessionInfoChanged = OnSessionInfo;
        Tick.RecordTap = History;
        Tick.Radio = Radio?.Radio;
        if (options.ConsoleView) View = new ConsoleView(Dashboard);
    }

    private PlaybackStage? StartPlayback(EngineConfig config, RaceEngineOptions options, int sampleRate)
    {
        var playbackOptions = new PlaybackOptions
        {
            Output = options.ForceOutput ?? (config.WavOut is not null ? PlaybackOutput.Wav : PlaybackOutput.Device),
            DeviceName = config.DeviceName,
            WavPath = config.WavOut ?? options.FallbackWavPath,
            FallbackToWav = true,
            SampleRate = sampleRate,
            Volume = config.Volume,
            RadioBeep = config.RadioBeep,
            CaptureLoopback = false,
        };
        try
        {
            var stage = new PlaybackStage(playbackOptions);
            string notice = stage.Notice ?? stage.OutputDescription;
            Status.Add(notice.StartsWith("playback:", StringComparison.Ordinal) ? notice : "playback: " + notice);
            return stage;
        }
        catch (InputException e)
        {
            Status.Add($"playback: off ({e.Message}); text-only");
            return null;
        }
    }

    /// <summary>The push-to-talk click through playback (it plays at once, like a critical call); null without a voice.</summary>
    private Action<bool>? RadioClickOutput()
    {
        if (Playback is null || Speech is null) return null;
        var playback = Playback;
        int rate = Speech.SampleRate;
        return open =>
        {
            var pcm = RadioClick.Pcm(rate, open);
            var click = new Utterance(Events.Priority.Critical, UtteranceKind.Critical, open ? "radio open" : "radio close", rate, pcm.Length);
            click.Append(pcm);
            click.Complete();
            playback.Enqueue(click);
        };
    }

    private void OnSessionInfo(SessionInfo info)
    {
        Director.OnSessionInfo(info);
        Dashboard.Info = info;
        Radio?.OnSessionInfo(info);
        var player = info.PlayerDriver;
        Dashboard.Track = info.TrackDisplayName.Length > 0 ? info.TrackDisplayName : info.TrackName;
        Dashboard.Car = player is null ? "" : player.CarScreenName.Length > 0 ? player.CarScreenName : player.CarPath;
        Dashboard.Session = info.Sessions.Count > 0 ? info.Sessions[^1].SessionType : "";
        if ((Log is not null || History is not null) && player is not null)
        {
            // The header is what the training export pairs with each sample. The YAML changes every few seconds
            // (results, positions); the header only when the track, car or session does. Compared field by field:
            // this runs on the tick thread, where building a key string cost ~100 B at every YAML change.
            var headerFor = (Dashboard.Track, Dashboard.Car, Dashboard.Session, info.Sessions.Count);
            if (_headerFor == headerFor) return;
            _headerFor = headerFor;
            History?.BeginSession(Dashboard.Car, Dashboard.Track, Dashboard.Session);
            if (Log is null) return;
            var ctx = Callouts.CalloutContext.FromSession(info);
            Log.WriteSession(new SessionHeader(Dashboard.Track, info.TrackType, Dashboard.Car, player.CarClassShortName,
                ctx.Car.TraitNames(), Dashboard.Session));
        }
    }

    /// <summary>The database's thread found priors for this car and track: the strategy takes them on its next tick.</summary>
    private void OnPriors(Strategy.StrategyPriors priors)
    {
        Brain.Strategy.OfferPriors(priors);
        Dashboard.PriorSource = priors.Source;
    }

    public static RaceEngine Create(EngineConfig config, ITelemetrySource source, RaceEngineOptions options) => new(config, source, options);

    /// <summary>Starts the director and side taps; with <paramref name="tickThread"/> also the 60 Hz reader thread.</summary>
    public void Start(bool tickThread = true)
    {
        _trim ??= new MemoryTrim(MemoryTrim.DefaultInterval);
        Director.Start();
        View?.Start();
        if (tickThread) Tick.Start();
    }

    /// <summary>Runs until the source ends (a replay) or <paramref name="cancel"/> fires, then lets speech finish.</summary>
    public void RunToEnd(TimeSpan drain, CancellationToken cancel)
    {
        WaitHandle.WaitAny([Tick.Finished, cancel.WaitHandle]);
        Tick.Stop();
        Director.WaitIdle(cancel.IsCancellationRequested ? TimeSpan.FromMilliseconds(500) : drain);
    }

    /// <summary>
    /// Runs against an in-process sim (the demo, a race replay) until it ends, then lets speech finish. Lock-step: the
    /// sim's thread steps the tick after each of its frames (the caller's <c>AfterTick</c> calls <c>Tick.Step</c>);
    /// otherwise the tick thread reads the live map as it would iRacing's.
    /// </summary>
    public void RunWith(SimPublisher sim, bool lockStep, CancellationToken cancel)
    {
        Start(tickThread: !lockStep);
        sim.Start();
        sim.WaitForFinish(Timeout.InfiniteTimeSpan);
        if (lockStep) Tick.Finish();
        else
        {
            // A live map never ends by itself: once the sim has written its last tick, give the reader a moment to
            // take it, then stop reading and let the last callouts be spoken.
            Thread.Sleep(300);
            Tick.Stop();
        }
        RunToEnd(TimeSpan.FromSeconds(lockStep ? 5 : 15), cancel);
    }

    public void Dispose()
    {
        _trim?.Dispose();
        Tick.Dispose();
        Radio?.Dispose();
        Director.Dispose();
        DashboardServer?.Dispose();
        _rewriter?.Dispose();
        Speech?.Dispose();
        Playback?.Dispose();
        Ledger.Dispose();
        Router.Dispose();
        Llm?.Dispose();
        View?.Dispose();
        History?.Dispose();
        Log?.Dispose();
        _source.Dispose();
    }
}
