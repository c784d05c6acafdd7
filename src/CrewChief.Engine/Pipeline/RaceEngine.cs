using CrewChief.Config;
using CrewChief.Events;
using CrewChief.Llm;
using CrewChief.Logging;
using CrewChief.Playback;
using CrewChief.Speech;
using CrewChief.Telemetry;

namespace CrewChief.Pipeline;

/// <summary>How a command wants the engine: which side stages run, and where lines go.</summary>
public sealed class RaceEngineOptions
{
    /// <summary>Speak (speech + playback); false is text-only whatever the config says.</summary>
    public bool Speak { get; init; } = true;
    /// <summary>Draw the live console view (run); demo and replay print a transcript instead.</summary>
    public bool ConsoleView { get; init; }
    /// <summary>Each callout as a line (null: none).</summary>
    public TextWriter? Transcript { get; init; }
    /// <summary>The WAV written when there is no audio device (config's playback.out wins).</summary>
    public string FallbackWavPath { get; init; } = "crewchief-out.wav";
    /// <summary>Write a session log to config.LogDir.</summary>
    public bool SessionLog { get; init; } = true;
    /// <summary>Playback on a virtual clock into memory (the latency harness and tests): no device, no WAV.</summary>
    public PlaybackOutput? ForceOutput { get; init; }
}

/// <summary>
/// The whole engine for one telemetry source: tick loop → director → speech → playback, with the session log and
/// console view as side taps. Each optional stage that cannot start says so in one line and the rest runs without
/// it (text-only, template-only, no log). Dispose stops the stages in pipeline order and flushes the log.
/// </summary>
public sealed class RaceEngine : IDisposable
{
    private readonly ITelemetrySource _source;
    private string? _headerKey;

    public DashboardState Dashboard { get; } = new();
    public LatencyStats Stats { get; } = new();
    public EventRouter Router { get; } = new();
    public RaceBrain Brain { get; }
    public TickLoop Tick { get; }
    public Director Director { get; }
    public SessionLog? Log { get; }
    public SpeechOutput? Speech { get; }
    public PlaybackStage? Playback { get; }
    public LlmCalloutWriter? Llm { get; }
    public ConsoleView? View { get; }
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

        bool speak = options.Speak && !config.TextOnly;
        if (speak)
        {
            var speechOptions = new SpeechOptions
            {
                VoicePath = config.VoicePath,
                UseGpu = config.TtsGpu,
                WarmPhraseCache = config.PhraseCache,
                ExtraPhrases = Callouts.Phrasebook.Default.FixedPhrases(
                [
                    EventKind.SpotterCarLeft, EventKind.SpotterCarRight, EventKind.SpotterThreeWide, EventKind.SpotterTwoCarsLeft,
                    EventKind.SpotterTwoCarsRight, EventKind.SpotterStillThere, EventKind.SpotterClear,
                    EventKind.YellowFlag, EventKind.GreenFlag, EventKind.BlueFlag, EventKind.BlackFlag, EventKind.PitLimiterMissing,
                ]),
            };
            bool ok = SpeechVoices.TryCreate(speechOptions, out ISpeechSynthesizer? synth, out string speechStatus);
            foreach (string line in speechStatus.Split('\n', StringSplitOptions.RemoveEmptyEntries)) Status.Add("speech: " + line.Trim());
            if (ok && synth is not null)
            {
                Playback = StartPlayback(config, options, synth.SampleRate);
                if (Playback is not null) Speech = new SpeechOutput(synth);
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

        Director = new Director(Router, Dashboard, Stats, new DirectorOutputs
        {
            Speech = Speech,
            Playback = Playback,
            Llm = Llm,
            Log = Log,
            Transcript = options.Transcript,
            Units = config.Units,
        });
        Tick = new TickLoop(source, Brain, Router, Dashboard, Log);
        Tick.SessionInfoChanged = OnSessionInfo;
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

    private void OnSessionInfo(SessionInfo info)
    {
        Director.OnSessionInfo(info);
        var player = info.PlayerDriver;
        Dashboard.Track = info.TrackDisplayName.Length > 0 ? info.TrackDisplayName : info.TrackName;
        Dashboard.Car = player is null ? "" : player.CarScreenName.Length > 0 ? player.CarScreenName : player.CarPath;
        Dashboard.Session = info.Sessions.Count > 0 ? info.Sessions[^1].SessionType : "";
        if (Log is not null && player is not null)
        {
            // The header is what the training export pairs with each sample. The YAML changes every few seconds
            // (results, positions); the header only when the track, car or session does.
            string key = $"{Dashboard.Track}|{Dashboard.Car}|{Dashboard.Session}|{info.Sessions.Count}";
            if (key == _headerKey) return;
            _headerKey = key;
            var ctx = Callouts.CalloutContext.FromSession(info);
            Log.WriteSession(new SessionHeader(Dashboard.Track, info.TrackType, Dashboard.Car, player.CarClassShortName,
                ctx.Car.TraitNames(), Dashboard.Session));
        }
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
    public void RunToEnd(CancellationToken cancel, TimeSpan drain)
    {
        WaitHandle.WaitAny([Tick.Finished, cancel.WaitHandle]);
        Tick.Stop();
        Director.WaitIdle(cancel.IsCancellationRequested ? TimeSpan.FromMilliseconds(500) : drain);
    }

    public void Dispose()
    {
        _trim?.Dispose();
        Tick.Dispose();
        Director.Dispose();
        Speech?.Dispose();
        Playback?.Dispose();
        Llm?.Dispose();
        View?.Dispose();
        Log?.Dispose();
        _source.Dispose();
    }
}
