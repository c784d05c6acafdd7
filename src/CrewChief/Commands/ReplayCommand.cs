using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrewChief.Callouts;
using CrewChief.Events;
using CrewChief.Logging;
using CrewChief.Telemetry;

namespace CrewChief.App.Commands;

/// <summary>
/// crewchief replay FILE [--speed N | --fast] [--summary] [--json] [--tyres measured|estimate]: plays an .ibt through the telemetry reader and
/// every observer (today the summary and a lap log; the strategy/event pipeline attaches in <see cref="CreateObservers"/>).
/// </summary>
internal static class ReplayCommand
{

    public static int Run(CommandArgs args) => Run(args, Console.Out);

    public static int Run(CommandArgs args, TextWriter output)
    {
        // Race timing (WEC CSV, iRacing lap chart) and live NDJSON recordings go through the live map instead.
        if (RaceReplayCommand.Handles(args)) return RaceReplayCommand.Run(args, output);
        bool fast = args.Flag("--fast");
        bool summaryOnly = args.Flag("--summary");
        bool json = args.Flag("--json");
        double? speed = args.Number("--speed");
        string? tyres = args.String("--tyres");
        // With the live race page the replay runs through the whole engine (as 'run' does), paced, text-only.
        var engineConfig = args.Flag("--dashboard") || args.String("--dashboard-port") is not null ? ConfigFlags.Load(args) : null;
        args.ThrowOnUnknown();
        // measured (default): the file's own surface channels where it has them; estimate: what a live racer hears.
        bool tyreEstimate = tyres switch
        {
            null or "measured" => false,
            "estimate" => true,
            _ => throw new InputException($"--tyres must be measured or estimate, got {tyres}."),
        };
        string path = args.RequiredPositional(0, "the .ibt file to replay");
        if (fast && speed is not null) throw new InputException("--speed and --fast cannot be used together; pick one.");
        if (speed is not null && !(speed > 0 && speed <= 10_000))
            throw new InputException($"--speed must be between 0 and 10000 (1 = real time), got {speed.Value.ToString(CultureInfo.InvariantCulture)}.");
        // The JSON output is the summary object, so --json implies --summary.
        summaryOnly |= json;
        if (engineConfig is not null) return RunWithDashboard(engineConfig, path, fast ? IbtReplaySource.AsFastAsPossible : speed ?? 1.0, output);

        // Placeholder records (reset, tow) reach the brain as on the live map; the summary and lap log start afresh after them.
        using var source = new IbtReplaySource(path, fast ? IbtReplaySource.AsFastAsPossible : speed ?? 1.0, skipPlaceholders: false);
        var summary = new ReplaySummary();
        var brain = new BrainObserver(summaryOnly ? null : output, new BrainOptions { TyreEstimateOnly = tyreEstimate });
        ITelemetryObserver[] observers = CreateObservers(source, summary, brain, summaryOnly ? null : output);
        if (!summaryOnly) output.WriteLine($"{source.Description}. Ctrl+C stops.");

        var result = Pump(source, observers);
        JsonNumbers.TakeNonFinite();
        if (json) WriteJson(output, path, source, summary, result, brain.Events);
        else WriteText(output, source, summary, result);
        JsonNumbers.NoteNonFinite(Console.Error, path);
        return 0;
    }

    /// <summary>The replay through the engine with the live race page (--dashboard): transcript lines, the page's URL, a session log.</summary>
    private static int RunWithDashboard(Config.EngineConfig config, string path, double speed, TextWriter output)
    {
        config.TextOnly = true;
        config.HistoryEnabled = false;   // a replay is not a new session to remember
        using var shutdown = new Pipeline.ShutdownSignals();
        using var engine = Pipeline.RaceEngine.Create(config, new IbtReplaySource(path, speed), new Pipeline.RaceEngineOptions { Speak = false, Transcript = output });
        foreach (string line in engine.Status) output.WriteLine($"crewchief: {line}");
        engine.Start();
        engine.RunToEnd(TimeSpan.FromSeconds(5), shutdown.Token);
        output.WriteLine($"replay finished; {engine.Director.Handled} callouts{(engine.Log is null ? "" : "; session log: " + engine.Log.Path)}");
        return 0;
    }

    /// <summary>
    /// The observers each in-world frame goes through, in order. The strategy and event pipeline is added here
    /// when it exists: it observes the same frames the summary does.
    /// </summary>
    private static ITelemetryObserver[] CreateObservers(IbtReplaySource source, ReplaySummary summary, BrainObserver brain, TextWriter? log)
    {
        _ = source;
        return log is null ? [summary, brain] : [summary, brain, new ReplayLapLog(log)];
    }

    internal readonly record struct PumpResult(int Frames, double WallSeconds, double RecordsPerSecond, double AllocBytesPerTick, bool Cancelled);

    /// <summary>Reads the source to the end; measures speed and steady-state allocation on this thread.</summary>
    internal static PumpResult Pump(IbtReplaySource source, ITelemetryObserver[] observers)
    {
        var frame = new TelemetryFrame();
        // The first ticks warm up JIT tiers and lazily created statics; allocation is judged after them.
        int warmup = Math.Min(120, source.RecordCount / 4);
        int frames = 0;
        long allocAtWarmup = GC.GetAllocatedBytesForCurrentThread();
        bool cancelled = false;
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; Volatile.Write(ref cancelled, true); };
        Console.CancelKeyPress += onCancel;
        var clock = Stopwatch.StartNew();
        long allocated;
        try
        {
            while (!Volatile.Read(ref cancelled))
            {
                var status = source.TryRead(frame, 100);
                if (status == TelemetryReadStatus.EndOfData) break;
                if (status != TelemetryReadStatus.NewFrame) continue;
                if (frames == warmup) allocAtWarmup = GC.GetAllocatedBytesForCurrentThread();
                frames++;
                var info = source.SessionInfo;
                for (int i = 0; i < observers.Length; i++) observers[i].OnFrame(frame, info);
            }
            // Read before unhooking Ctrl+C: removing the handler allocates a new delegate list.
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocAtWarmup;
        }
        finally
        {
            clock.Stop();
            Console.CancelKeyPress -= onCancel;
        }
        int steady = frames - warmup;
        double seconds = clock.Elapsed.TotalSeconds;
        return new PumpResult(
            frames,
            seconds,
            seconds > 0 ? source.RecordsRead / seconds : 0,
            steady > 0 ? (double)allocated / steady : 0,
            cancelled);
    }

    private static string TrackName(SessionInfo? info) =>
        info is null ? "" : info.TrackDisplayName.Length > 0 ? info.TrackDisplayName : info.TrackName;

    private static string CarName(SessionInfo? info)
    {
        var d = info?.PlayerDriver;
        if (d is null) return "";
        return d.CarScreenName.Length > 0 ? d.CarScreenName : d.CarPath;
    }

    private static string SessionType(SessionInfo? info, ReplaySummary summary) =>
        info?.Session(summary.LastSessionNum)?.SessionType ?? "";

    private static void WriteJson(TextWriter output, string path, IbtReplaySource source, ReplaySummary s, PumpResult r, List<RaceEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var info = source.SessionInfo;
            w.WriteStartObject();
            w.WriteString("file", path);
            w.WriteString("track", TrackName(info));
            w.WriteString("car", CarName(info));
            w.WriteString("session_type", SessionType(info, s));
            w.WriteNumber("records", source.RecordCount);
            w.WriteNumber("records_in_world", source.InWorldRecords);
            w.WriteNumber("records_placeholder", source.PlaceholderRecords);
            w.WriteNumber("tick_rate", source.Layout.Header.TickRate);
            JsonNumbers.Write(w, "duration_s", s.DurationSeconds, 3);
            w.WriteNumber("laps_completed", s.LapsCompleted);
            JsonNumbers.Write(w, "fuel_first", s.FuelFirst, 4);
            JsonNumbers.Write(w, "fuel_last", s.FuelLast, 4);
            JsonNumbers.Write(w, "fuel_used", s.FuelUsed, 4);
            w.WriteStartArray("fuel_per_lap");
            foreach (float f in s.FuelPerLap) JsonNumbers.WriteValue(w, f, 4);
            w.WriteEndArray();
            w.WriteStartArray("lap_times_s");
            foreach (double t in s.LapTimes) JsonNumbers.WriteValue(w, t, 3);
            w.WriteEndArray();
            if (s.BestLapSeconds is double best) JsonNumbers.Write(w, "best_lap_s", best, 3);
            else w.WriteNull("best_lap_s");
            JsonNumbers.Write(w, "max_speed_kph", s.MaxSpeed * 3.6, 2);
            w.WriteNumber("pit_road_entries", s.PitRoadEntries);
            w.WriteNumber("pit_road_exits", s.PitRoadExits);
            JsonNumbers.Write(w, "wall_s", r.WallSeconds, 4);
            JsonNumbers.Write(w, "ticks_per_second", r.RecordsPerSecond, 0);
            JsonNumbers.Write(w, "alloc_bytes_per_tick", r.AllocBytesPerTick, 3);
            w.WriteBoolean("cancelled", r.Cancelled);
            EventListJson.Write(w, events);
            w.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static void WriteText(TextWriter output, IbtReplaySource source, ReplaySummary s, PumpResult r)
    {
        var info = source.SessionInfo;
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"{Path.GetFileName(source.Path)}: {TrackName(info)}, {CarName(info)}, {SessionType(info, s)}".TrimEnd(' ', ','));
        output.WriteLine(string.Create(c, $"  records      {source.RecordCount} ({source.InWorldRecords} in the world, {source.PlaceholderRecords} placeholders skipped), {s.DurationSeconds:0.0} s of driving"));
        output.WriteLine(string.Create(c, $"  laps         {s.LapsCompleted} completed, best {(s.BestLapSeconds is double b ? FormatLap(b) : "n/a (no full lap between two crossings)")}"));
        output.WriteLine(string.Create(c, $"  fuel         {s.FuelFirst:0.00} l -> {s.FuelLast:0.00} l, {s.FuelUsed:0.000} l used"));
        if (s.FuelPerLap.Count > 0)
        {
            var sb = new StringBuilder("  fuel/lap     ");
            for (int i = 0; i < s.FuelPerLap.Count; i++) sb.Append(c, $"{(i > 0 ? ", " : "")}{s.FuelPerLap[i]:0.000}");
            output.WriteLine(sb.Append(" l").ToString());
        }
        output.WriteLine(string.Create(c, $"  top speed    {s.MaxSpeed * 3.6:0.0} km/h"));
        output.WriteLine(string.Create(c, $"  pit road     {s.PitRoadEntries} entries, {s.PitRoadExits} exits"));
        output.WriteLine(string.Create(c, $"  reader       {r.RecordsPerSecond:#,0} records/s, {r.AllocBytesPerTick:0.##} B allocated per tick{(r.Cancelled ? " (stopped early)" : "")}"));
    }

    internal static string FormatLap(double seconds)
    {
        int minutes = (int)(seconds / 60);
        return string.Create(CultureInfo.InvariantCulture, $"{minutes}:{seconds - minutes * 60:00.000}");
    }

    /// <summary>Prints lap crossings and pit road transitions as a paced replay reaches them.</summary>
    private sealed class ReplayLapLog(TextWriter output) : ITelemetryObserver
    {
        private bool _started;
        private int _lap;
        private bool _onPitRoad;
        private double _lapStart = double.NaN;

        public void OnFrame(TelemetryFrame frame, SessionInfo? sessionInfo)
        {
            // A reset or tow: what follows is no pit entry and the lap in progress has no time.
            if (!frame.InWorld) { _started = false; _lapStart = double.NaN; return; }
            if (!_started)
            {
                _started = true;
                _lap = frame.Lap;
                _onPitRoad = frame.OnPitRoad;
                return;
            }
            var c = CultureInfo.InvariantCulture;
            if (frame.Lap == _lap + 1)
            {
                string time = double.IsNaN(_lapStart) ? "out lap" : FormatLap(frame.SessionTime - _lapStart);
                output.WriteLine(string.Create(c, $"[{frame.SessionTime,9:0.00}] lap {_lap} done ({time}), fuel {frame.FuelLevel:0.00} l"));
                _lapStart = frame.SessionTime;
            }
            if (frame.OnPitRoad != _onPitRoad)
                output.WriteLine(string.Create(c, $"[{frame.SessionTime,9:0.00}] {(frame.OnPitRoad ? "pit road entry" : "pit road exit")}"));
            _lap = frame.Lap;
            _onPitRoad = frame.OnPitRoad;
        }
    }

    /// <summary>
    /// Runs the race brain on every frame. With a transcript it also speaks each event as text through the composer
    /// (allocation there is per event, not per tick); for --json it only collects the events.
    /// </summary>
    private sealed class BrainObserver(TextWriter? transcript, BrainOptions options) : ITelemetryObserver
    {
        private readonly RaceBrain _brain = new(options);
        private readonly CalloutComposer _composer = new();
        private SessionInfo? _contextFor;
        private CalloutContext? _context;

        // Preallocated so collecting a replay's events does not show up as per-tick allocation.
        public List<RaceEvent> Events { get; } = new(4096);

        public void OnFrame(TelemetryFrame frame, SessionInfo? sessionInfo)
        {
            _brain.Tick(frame, sessionInfo, Stopwatch.GetTimestamp());
            var raised = _brain.Raised;
            for (int i = 0; i < raised.Length; i++)
            {
                Events.Add(raised[i]);
                if (transcript is null) continue;
                if (sessionInfo is not null && !ReferenceEquals(sessionInfo, _contextFor))
                {
                    _context = CalloutContext.FromSession(sessionInfo);
                    _contextFor = sessionInfo;
                }
                _context ??= new CalloutContext(CarInfo.Unknown(""), TrackInfo.Unknown("", false));
                _context.LapDistPct = frame.LapDistPct;
                _context.PlayerPosition = frame.PlayerCarClassPosition;
                var c = _composer.Compose(raised[i], _context);
                transcript.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{frame.SessionTime,9:0.00}] {c.Text}"));
            }
        }
    }
}
