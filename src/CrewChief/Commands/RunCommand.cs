using CrewChief.Pipeline;
using CrewChief.Telemetry;

namespace CrewChief.App.Commands;

/// <summary>
/// crewchief [run]: the engine on live iRacing telemetry. What a double-click does. It waits for the sim with a
/// status line, connects, speaks, and reconnects when the sim restarts; Ctrl+C or closing the window stops it and
/// flushes the session log. --map FILE reads a file with the live layout instead (a dump, or the demo's map).
/// </summary>
internal static class RunCommand
{
    public const string Usage = """
          run [--map FILE] [--sessions N] [engine flags]
                               the engine on live iRacing (what a double-click runs); --map reads a live-layout file;
                               --sessions N stops once the sim has closed N times (default: runs until Ctrl+C)
        """;

    public static int Run(CommandArgs args)
    {
        string? map = args.String("--map");
        int? sessions = args.Integer("--sessions");
        if (sessions is not null && sessions < 1) throw new InputException("--sessions must be 1 or more.");
        var config = ConfigFlags.Load(args);
        args.ThrowOnUnknown();
        if (map is not null && InputFiles.Problem(map) is string problem) throw InputException.ForFile(map, $"{problem} (--map)");

        bool interactive = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;
        LiveMapSource source = map is not null ? new LiveMapSource(map) : LiveMapSource.ForSim();
        using var shutdown = new ShutdownSignals();
        using var engine = RaceEngine.Create(config, source, new RaceEngineOptions
        {
            ConsoleView = interactive,
            Transcript = interactive ? null : Console.Out,
        });
        Console.WriteLine($"crewchief {typeof(RunCommand).Assembly.GetName().Version?.ToString(3)}: {source.Description}");
        foreach (string line in engine.Status) Console.WriteLine($"crewchief: {line}");
        if (map is null && !OperatingSystem.IsWindows())
            Console.WriteLine("crewchief: iRacing runs on Windows; here 'run' waits for nothing. Try 'crewchief demo' or 'run --map FILE'.");
        else if (map is null)
            Console.WriteLine("crewchief: waiting for iRacing... (start a session; Ctrl+C quits)");
        // Without a live view the sim coming and going is said on a line of its own.
        if (!interactive) engine.Tick.ConnectionChanged = status => Console.WriteLine($"crewchief: {status}");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token);
        using var sessionWatch = sessions is null ? null
            : new Timer(_ => { if (engine.Tick.SessionsEnded >= sessions) stop.Cancel(); }, null, 250, 250);
        engine.Start();
        engine.RunToEnd(TimeSpan.FromSeconds(10), stop.Token);
        Console.WriteLine($"crewchief: stopped after {engine.Director.Handled} callouts.");
        if (engine.Log is not null) Console.WriteLine($"crewchief: session log {engine.Log.Path}");
        return 0;
    }
}
