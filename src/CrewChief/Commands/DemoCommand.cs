using System.Globalization;
using System.Text.Json;
using CrewChief.Demo;
using CrewChief.Events;
using CrewChief.Logging;
using CrewChief.Pipeline;
using CrewChief.Telemetry;

namespace CrewChief.App.Commands;

/// <summary>
/// crewchief demo [--minutes M] [--speed N | --fast] [--seed S] [--map FILE] [--json] [--as-sim [--restart-after S]]: runs the built-in race into a live map
/// and reports each situation as it happens (or one JSON summary). The engine attaches to
/// <see cref="SimPublisher.MapPath"/> (or <see cref="DemoHost.AfterTick"/>) once it is wired in.
/// </summary>
internal static class DemoCommand
{
    public static int Run(CommandArgs args)
    {
        double minutes = args.Number("--minutes") ?? DemoOptions.DefaultMinutes;
        double? speedArg = args.Number("--speed");
        bool fast = args.Flag("--fast");
        bool json = args.Flag("--json");
        int seed = args.Integer("--seed") ?? DemoOptions.DefaultSeed;
        string? mapPath = args.String("--map");
        if (!(minutes >= DemoOptions.MinMinutes && minutes <= DemoOptions.MaxMinutes))
            throw new InputException($"--minutes must be {DemoOptions.MinMinutes}-{DemoOptions.MaxMinutes}, got {minutes.ToString(CultureInfo.InvariantCulture)}.");
        if (fast && speedArg is not null) throw new InputException("give --speed or --fast, not both.");
        double speed = fast ? 0 : speedArg ?? 1.0;
        if (!(speed > 0 || fast) || speed > 1000) throw new InputException("--speed must be above 0 and at most 1000 (or use --fast).");

        if (mapPath is not null && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(mapPath))))
            throw new InputException($"--map {mapPath}: its folder does not exist; give a path in an existing folder.");
        bool asSim = args.Flag("--as-sim");
        double? restartAfter = args.Number("--restart-after");
        if (restartAfter is not null && !asSim) throw new InputException("--restart-after goes with --as-sim.");
        if (restartAfter is not null && !(restartAfter > 0)) throw new InputException("--restart-after must be a number of race seconds above 0.");
        if (asSim)
        {
            if (fast || json) throw new InputException("--as-sim runs at a real pace for another process to read: give --speed, not --fast or --json.");
            args.ThrowOnUnknown();
            return RunAsSim(new DemoOptions { Minutes = minutes, Seed = seed }, speed, mapPath, restartAfter);
        }
        var config = ConfigFlags.Load(args);
        args.ThrowOnUnknown();
        using var host = CreateHost(new DemoOptions { Minutes = minutes, Seed = seed }, speed, mapPath);
        var race = host.Race;
        // The engine reads the map through the real live reader. Flat out (--fast) it runs in lock-step on the
        // sim's thread, text-only: a race in a second cannot be spoken.
        bool lockStep = fast;
        var events = new List<RaceEvent>();
        var engine = RaceEngine.Create(config, new LiveMapSource(host.MapPath!), new RaceEngineOptions
        {
            Speak = !lockStep && !json,
            Transcript = json ? null : Console.Out,
            FallbackWavPath = "demo.wav",
            SimSpeed = lockStep ? 1 : Math.Max(1, speed),
        });
        using var shutdown = new ShutdownSignals();
        shutdown.Token.Register(host.Stop);
        if (!json)
        {
            foreach (string line in engine.Status) Console.WriteLine($"crewchief: {line}");
            Console.WriteLine($"demo race: {race.Track.DisplayName} ({race.Track.ConfigName}), {DemoRace.RacingCars} GT3 cars, {race.RaceLaps} laps, " +
                              $"{(fast ? "flat out" : $"{speed.ToString(CultureInfo.InvariantCulture)}x")}; live map: {host.MapPath}");
        }
        if (json) engine.Tick.EventRaised = e => events.Add(e);
        int printed = 0;
        host.AfterTick = (r, _) =>
        {
            if (lockStep) engine.Tick.Step(0);
            if (json) return;
            var all = r.Situations;
            for (; printed < all.Length; printed++) Console.WriteLine("  race: " + Line(r, all[printed]));
        };
        try
        {
            engine.RunWith(host, lockStep, shutdown.Token);
        }
        finally
        {
            engine.Dispose();
        }
        if (host.Error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(host.Error);
        if (json)
        {
            using var stdout = Console.OpenStandardOutput();
            WriteSummary(race, stdout, events, engine);
        }
        else
        {
            Console.WriteLine($"finished P{race.Player.Position} after {race.SessionTime.ToString("0.0", CultureInfo.InvariantCulture)} s; " +
                $"{engine.Director.Handled} callouts; tick {engine.Tick.MeanTickMicros.ToString("0.0", CultureInfo.InvariantCulture)} µs");
            if (engine.Log is not null) Console.WriteLine($"session log: {engine.Log.Path}");
        }
        return 0;
    }

    /// <summary>The race only, no engine: published where a second process running <c>crewchief run</c> (what a
    /// double-click starts) finds it, as iRacing would publish it.</summary>
    private static int RunAsSim(DemoOptions options, double speed, string? mapPath, double? restartAfter)
    {
        var sim = new SimStandIn((session, writer) => new DemoHost(new DemoOptions { Minutes = options.Minutes, Seed = options.Seed + session }, speed, writer), mapPath, Console.Out);
        using var shutdown = new ShutdownSignals();
        int sessions = sim.Run(restartAfter, shutdown.Token);
        Console.WriteLine($"sim: done, {sessions} session(s) published");
        return 0;
    }

    private static DemoHost CreateHost(DemoOptions options, double speed, string? mapPath)
    {
        try
        {
            return new DemoHost(options, speed, mapPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot create the live map {mapPath ?? Path.GetTempPath()}: {e.Message} Give --map a writable path.");
        }
    }

    /// <summary>One JSON object: the race (track, cars, laps, duration_s), the scripted situations and every
    /// situation that happened to the player, with its session time.</summary>
    internal static void WriteSummary(DemoRace race, Stream output, List<RaceEvent>? events = null, RaceEngine? engine = null)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("track", race.Track.TrackName);
        w.WriteString("track_display_name", race.Track.DisplayName);
        w.WriteNumber("track_length_m", race.Track.LengthM);
        w.WriteNumber("cars", DemoRace.RacingCars);
        w.WriteNumber("laps", race.RaceLaps);
        w.WriteNumber("seed", race.Options.Seed);
        JsonNumbers.Write(w, "duration_s", race.SessionTime, 2);
        w.WriteNumber("player_car_idx", DemoRace.PlayerIdx);
        w.WriteNumber("player_finish_position", race.Player.Position);
        JsonNumbers.Write(w, "player_best_lap_s", race.Player.BestLap, 3);
        w.WriteStartArray("scripted");
        foreach (var (name, lap) in race.Timeline.Planned())
        {
            w.WriteStartObject();
            w.WriteString("situation", name);
            w.WriteNumber("lap", lap);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("situations");
        foreach (var s in race.Situations)
        {
            w.WriteStartObject();
            w.WriteString("kind", KindName(s.Kind));
            JsonNumbers.Write(w, "session_time", s.SessionTime, 2);
            w.WriteNumber("lap", s.Lap);
            if (s.Other >= 0) w.WriteNumber("other_car_idx", s.Other);
            w.WriteString("text", Describe(race, s));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (events is not null) EventListJson.Write(w, events);
        if (engine is not null)
        {
            w.WriteNumber("ticks", engine.Tick.Ticks);
            // Strategy + events + hand-off per tick. (Allocation per tick is measured by replay and the benchmarks:
            // here the sim shares the thread.)
            JsonNumbers.Write(w, "tick_us", engine.Tick.MeanTickMicros, 3);
        }
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    private static string KindName(DemoSituationKind kind) => kind switch
    {
        DemoSituationKind.SessionState => "session_state",
        DemoSituationKind.GreenFlag => "green_flag",
        DemoSituationKind.LapCompleted => "lap_completed",
        DemoSituationKind.PositionGained => "position_gained",
        DemoSituationKind.PositionLost => "position_lost",
        DemoSituationKind.CarCloseAhead => "car_close_ahead",
        DemoSituationKind.CarCloseBehind => "car_close_behind",
        DemoSituationKind.Overlap => "overlap",
        DemoSituationKind.OverlapClear => "overlap_clear",
        DemoSituationKind.Incident => "incident",
        DemoSituationKind.YellowFlag => "yellow_flag",
        DemoSituationKind.GreenAfterYellow => "green_after_yellow",
        DemoSituationKind.FuelLow => "fuel_low",
        DemoSituationKind.PitEntry => "pit_entry",
        DemoSituationKind.PitLimiterForgotten => "pit_limiter_forgotten",
        DemoSituationKind.PitLimiterOn => "pit_limiter_on",
        DemoSituationKind.PitStall => "pit_stall",
        DemoSituationKind.PitExit => "pit_exit",
        DemoSituationKind.BlackFlag => "black_flag",
        DemoSituationKind.PersonalBest => "personal_best",
        DemoSituationKind.LappingCar => "lapping_car",
        DemoSituationKind.WhiteFlag => "white_flag",
        DemoSituationKind.Checkered => "checkered",
        DemoSituationKind.Puncture => "puncture",
        DemoSituationKind.BlueFlag => "blue_flag",
        _ => "unknown",
    };

    private static string Describe(DemoRace race, DemoSituation s)
    {
        var inv = CultureInfo.InvariantCulture;
        string Car(int idx) => idx < 0 ? "?" : $"#{race.Cars[idx].CarNumber} {race.Cars[idx].UserName}";
        string Time(int ms) => TimeSpan.FromMilliseconds(ms).ToString(@"m\:ss\.fff", inv);
        string what = s.Kind switch
        {
            DemoSituationKind.SessionState => $"session state {(SessionState)s.Value}",
            DemoSituationKind.GreenFlag => "green flag, race start",
            DemoSituationKind.LapCompleted => $"lap {s.Lap - 1} done in {Time(s.Value)}",
            DemoSituationKind.PositionGained => $"up to P{s.Value}",
            DemoSituationKind.PositionLost => $"down to P{s.Value}",
            DemoSituationKind.CarCloseAhead => $"{Car(s.Other)} {(s.Value / 1000.0).ToString("0.0", inv)} s ahead",
            DemoSituationKind.CarCloseBehind => $"{Car(s.Other)} {(s.Value / 1000.0).ToString("0.0", inv)} s behind",
            DemoSituationKind.Overlap => $"overlap: {(CarLeftRight)s.Value}",
            DemoSituationKind.OverlapClear => "clear all round",
            DemoSituationKind.Incident => $"incident, now {s.Value}x",
            DemoSituationKind.YellowFlag => "yellow flag",
            DemoSituationKind.GreenAfterYellow => "green flag, yellow over",
            DemoSituationKind.FuelLow => $"fuel low: {(s.Value / 10.0).ToString("0.0", inv)} l",
            DemoSituationKind.PitEntry => "pit entry",
            DemoSituationKind.PitLimiterForgotten => "pit limiter OFF on pit road",
            DemoSituationKind.PitLimiterOn => "pit limiter on",
            DemoSituationKind.PitStall => $"in the box: fuel to {(s.Value / 10.0).ToString("0.0", inv)} l, four tyres",
            DemoSituationKind.PitExit => "pit exit",
            DemoSituationKind.BlackFlag => $"black flag: pit-lane speeding, {s.Value} s hold in the box",
            DemoSituationKind.PersonalBest => $"personal best {Time(s.Value)}",
            DemoSituationKind.LappingCar => $"lapping {Car(s.Other)}",
            DemoSituationKind.WhiteFlag => "white flag, final lap",
            DemoSituationKind.Checkered => $"chequered flag, P{s.Value}",
            DemoSituationKind.Puncture => "puncture: limping on a deflating tyre",
            DemoSituationKind.BlueFlag => $"blue flag: {Car(s.Other)} a lap up, {(s.Value / 1000.0).ToString("0.0", inv)} s behind",
            _ => s.Kind.ToString(),
        };
        return what;
    }

    private static string Line(DemoRace race, DemoSituation s) =>
        $"[{s.SessionTime.ToString("0.0", CultureInfo.InvariantCulture),6} s] lap {s.Lap,-2} {Describe(race, s)}";
}
